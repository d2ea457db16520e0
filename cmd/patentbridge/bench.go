package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"patentbridge"
	"patentbridge/internal/gen"
	"patentbridge/internal/refdata"
)

func runBench(ctx context.Context, args []string, _ env, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "screen" {
		return benchScreenCmd(ctx, args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "search" {
		return benchSearchCmd(ctx, args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "route" {
		return benchRouteCmd(ctx, args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "http" {
		return benchHTTPCmd(ctx, args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprintln(stderr, "用法：patentbridge bench import [--n 200000] [--dir 目录] | bench screen|search [--n 1000000] [--dir 目录] | bench route [--n 1000000] [--db URL] | bench http [--url URL] [--c 8] [--n 3000] [--duration 15s]")
		return 2
	}
	fs := flag.NewFlagSet("bench import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 200000, "生成并导入的专利条数")
	dir := fs.String("dir", "", "工作目录（默认临时目录，结束后删除）")
	batch := fs.Int("batch", 0, "每个事务的行数（默认与 import 相同）")
	cpuprofile := fs.String("cpuprofile", "", "把导入阶段的 CPU 剖析写入此文件")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if *cpuprofile != "" {
		stop, err := startCPUProfile(*cpuprofile)
		if err != nil {
			return fail(stderr, err)
		}
		defer stop()
	}
	if err := benchImport(ctx, *n, *batch, *dir, stdout, stderr); err != nil {
		return fail(stderr, err)
	}
	return 0
}

// benchImport generates n records, imports them into a fresh SQLite database and
// compares with the sqlite3 shell's .import of the same CSV into one plain table.
func benchImport(ctx context.Context, n, batch int, dir string, stdout, stderr io.Writer) error {
	dir, cleanup, err := benchWorkDir(dir)
	if err != nil {
		return err
	}
	defer cleanup()
	csvPath := filepath.Join(dir, "bench.csv")
	t0 := time.Now()
	if err := writeGenerated(csvPath, n); err != nil {
		return err
	}
	st, _ := os.Stat(csvPath)
	fmt.Fprintf(stdout, "generate: %d rows, %.1f MB in %.2fs\n", n, float64(st.Size())/1e6, time.Since(t0).Seconds())

	logger := newLogger(stderr, 8) // quiet
	dbPath := filepath.Join(dir, "bench.db")
	db, err := openDB(ctx, "sqlite:"+dbPath, logger)
	if err != nil {
		return err
	}
	defer db.Close()
	runtime.GC()
	resetPeakRSS()
	imp := newImporter(db, logger)
	if batch > 0 {
		imp.BatchSize = batch
	}
	sum, err := imp.ImportFiles(ctx, []string{csvPath}, patentbridge.ImportOptions{})
	if err != nil {
		return err
	}
	peak := peakRSSMB()
	rate := float64(sum.Read) / sum.Seconds
	fmt.Fprintf(stdout, "patentbridge import: %d rows (%d inserted, %d rejected) in %.2fs = %.0f rows/s, peak RSS %.0f MB\n",
		sum.Read, sum.Inserted, sum.Rejected, sum.Seconds, rate, peak)

	refSecs, err := sqlite3Import(ctx, csvPath, filepath.Join(dir, "ref.db"))
	if err != nil {
		fmt.Fprintf(stdout, "reference: skipped (%v)\n", err)
		return nil
	}
	refRate := float64(n) / refSecs
	fmt.Fprintf(stdout, "sqlite3 .import (one plain table): %.2fs = %.0f rows/s\n", refSecs, refRate)
	fmt.Fprintf(stdout, "ratio: patentbridge is %.1fx slower than the raw .import (goal: within 7x, >= 15000 rows/s)\n", refRate/rate)
	return nil
}

func writeGenerated(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := gen.Write(bw, n, 42, refdata.Default()); err != nil {
		return err
	}
	return bw.Flush()
}

// sqlite3Import times the sqlite3 shell importing the CSV into a new plain table.
func sqlite3Import(ctx context.Context, csvPath, dbPath string) (float64, error) {
	bin, err := exec.LookPath("sqlite3")
	if err != nil {
		return 0, errors.New("sqlite3 shell not installed (apt-get install sqlite3)")
	}
	cmd := exec.CommandContext(ctx, bin, dbPath, ".mode csv", ".import "+csvPath+" patents_raw")
	t0 := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("sqlite3 .import: %v: %s", err, out)
	}
	return time.Since(t0).Seconds(), nil
}

// resetPeakRSS resets the kernel's high-water mark of this process's resident memory.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSSMB reads the process's peak resident set size (VmHWM) in MB.
func peakRSSMB() float64 { return procStatusMB("VmHWM") }

// procStatusMB reads a size field of /proc/self/status (VmRSS, RssAnon, RssFile…) in MB.
func procStatusMB(field string) float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, field+":") {
			kb, _ := strconv.Atoi(strings.Fields(line)[1])
			return float64(kb) / 1024
		}
	}
	return 0
}

// startCPUProfile writes a CPU profile to path until the returned stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
