package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"patentbridge"
	"patentbridge/internal/refdata"
	"patentbridge/internal/screen"
	"patentbridge/internal/sqldb"
)

// benchScreenCmd parses `bench screen` flags and runs the benchmark.
func benchScreenCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench screen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000000, "生成并筛查的专利条数")
	dir := fs.String("dir", "", "工作目录（保留数据库以便重复测量；默认临时目录）")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := benchScreen(ctx, *n, *dir, stdout, stderr); err != nil {
		return fail(stderr, err)
	}
	return 0
}

// benchScreen screens n generated patents on SQLite and compares with a plain
// SELECT count(*) over the same patents table, measured in the same run.
func benchScreen(ctx context.Context, n int, dir string, stdout, stderr io.Writer) error {
	dir, cleanup, err := benchWorkDir(dir)
	if err != nil {
		return err
	}
	defer cleanup()
	logger := newLogger(stderr, 12)
	db, err := benchDB(ctx, dir, n, stdout, logger)
	if err != nil {
		return err
	}
	defer db.Close()
	dbPath := benchDBPath(dir, n)
	refSecs, count, err := timeScan(ctx, dbPath, "SELECT count(*) FROM patents")
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "reference: SELECT count(*) FROM patents = %d in %.3fs\n", count, refSecs)
	rowSecs, _, err := timeScan(ctx, dbPath, rowScanSQL)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "reference: a scan reading the columns screening uses (%s) in %.2fs\n", rowScanSQL, rowSecs)

	runtime.GC()
	resetPeakRSS()
	t0 := time.Now()
	run, err := screen.NewService(db, nil, refdata.Default(), logger).Run(ctx, screen.Day(time.Now()), nil)
	if err != nil {
		return err
	}
	secs := time.Since(t0).Seconds()
	fmt.Fprintf(stdout, "patentbridge screen: %d patents (%d sleeping; grades %v) in %.1fs = %.0f patents/s, peak RSS %.0f MB\n",
		run.Screened, run.Sleeping, run.Grades, secs, float64(run.Screened)/secs, peakRSSMB())
	fmt.Fprintf(stdout, "ratio: screening takes %.0fx the plain count(*) and %.1fx the column scan (goal: 1,000,000 patents under 60 s and 1 GB)\n",
		secs/refSecs, secs/rowSecs)
	return nil
}

// rowScanSQL reads, without decoding, the columns the screening engine needs.
const rowScanSQL = "SELECT count(*), sum(length(title) + length(ipc) + length(patentees) + length(events) + length(grant_date)) FROM patents"

// timeScan times one aggregate query over the patents table and returns its first column.
func timeScan(ctx context.Context, dbPath, query string) (float64, int, error) {
	raw, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro")
	if err != nil {
		return 0, 0, err
	}
	defer raw.Close()
	var count int
	var rest sql.NullInt64
	dest := []any{&count}
	if strings.Contains(query, "sum(") {
		dest = append(dest, &rest)
	}
	t0 := time.Now()
	if err := raw.QueryRowContext(ctx, query).Scan(dest...); err != nil {
		return 0, 0, err
	}
	return time.Since(t0).Seconds(), count, nil
}

// benchDBPath is the SQLite file the screen and search benchmarks share in dir.
func benchDBPath(dir string, n int) string { return filepath.Join(dir, fmt.Sprintf("bench-%d.db", n)) }

// benchDB opens the benchmark database in dir, generating and importing n patents
// when it holds fewer.
func benchDB(ctx context.Context, dir string, n int, stdout io.Writer, logger *slog.Logger) (*sqldb.DB, error) {
	db, err := openDB(ctx, "sqlite:"+benchDBPath(dir, n), logger)
	if err != nil {
		return nil, err
	}
	if have, err := db.CountPatents(ctx); err != nil || have >= n {
		return db, err
	}
	csvPath := filepath.Join(dir, "bench-gen.csv")
	defer os.Remove(csvPath)
	if err := writeGenerated(csvPath, n); err != nil {
		db.Close()
		return nil, err
	}
	sum, err := newImporter(db, logger).ImportFiles(ctx, []string{csvPath}, patentbridge.ImportOptions{})
	if err != nil {
		db.Close()
		return nil, err
	}
	fmt.Fprintf(stdout, "setup: imported %d patents in %.1fs\n", sum.Inserted, sum.Seconds)
	return db, nil
}

// benchWorkDir returns dir, or a new temporary directory (removed by cleanup) when dir is "".
func benchWorkDir(dir string) (string, func(), error) {
	if dir != "" {
		return dir, func() {}, nil
	}
	d, err := os.MkdirTemp("", "patentbridge-bench-")
	if err != nil {
		return "", nil, err
	}
	return d, func() { os.RemoveAll(d) }, nil
}
