package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"patentbridge"
	"patentbridge/internal/refdata"
	"patentbridge/internal/search"
)

// benchSearchCmd parses `bench search` flags and runs the benchmark.
func benchSearchCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("bench search", flag.ContinueOnError)
	fl.SetOutput(stderr)
	n := fl.Int("n", 1000000, "专利条数")
	dir := fl.String("dir", "", "工作目录（与 bench screen 共用数据库；默认临时目录）")
	queries := fl.Int("queries", 300, "检索与匹配的查询次数")
	keep := fl.Bool("keep-index", false, "工作目录里已有同样条数的索引时直接使用，不重建")
	cpuprofile := fl.String("cpuprofile", "", "把检索与匹配阶段的 CPU 剖析写入此文件")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	opts := searchBenchOptions{n: *n, dir: *dir, queries: *queries, keepIndex: *keep, cpuprofile: *cpuprofile}
	if err := benchSearch(ctx, opts, stdout, stderr); err != nil {
		return fail(stderr, err)
	}
	return 0
}

// searchBenchOptions are the flags of `bench search`.
type searchBenchOptions struct {
	n, queries int
	dir        string
	keepIndex  bool
	cpuprofile string
}

// benchSearch builds the index over n generated patents and measures search and
// match latency against a default Bleve match query on the same index.
func benchSearch(ctx context.Context, o searchBenchOptions, stdout, stderr io.Writer) error {
	n, nq := o.n, o.queries
	dir, cleanup, err := benchWorkDir(o.dir)
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
	idxDir := filepath.Join(dir, fmt.Sprintf("search-%d.index", n))
	if !o.keepIndex {
		_ = os.RemoveAll(idxDir)
	}
	s, err := openSearch(db, db, idxDir, logger, nil, 0)
	if err != nil {
		return err
	}
	t0 := time.Now()
	if err := s.indexer.Sync(ctx); err != nil {
		s.index.Close()
		return err
	}
	secs := time.Since(t0).Seconds()
	docs, _ := s.index.Count()
	fmt.Fprintf(stdout, "index build: %d docs in %.1fs = %.0f docs/s, size %.0f MB\n", docs, secs, float64(docs)/secs, dirMB(idxDir))
	// Serving is measured as a server that starts on the built index: the
	// builder's memory is returned and the index reopened.
	s.index.Close()
	runtime.GC()
	debug.FreeOSMemory()
	resetPeakRSS()
	if s, err = openSearch(db, db, idxDir, logger, nil, 0); err != nil {
		return err
	}
	defer s.index.Close()
	if _, err := s.index.Prefetch(); err != nil { // as serve does at start
		return err
	}
	if o.cpuprofile != "" {
		stop, err := startCPUProfile(o.cpuprofile)
		if err != nil {
			return err
		}
		defer stop()
	}

	qs := benchQueries(nq)
	demands, err := benchDemands(ctx, db, nq/3)
	if err != nil {
		return err
	}
	// As serve does at start: the segmenter's dictionary and the IPC router load
	// (seconds, and the router's training is the process's peak), the indexer
	// prepares the facet column; a first match keeps the rest of the one-off cost
	// out of the latencies.
	warmUpMatching()
	if err := s.index.PrepareFacets(); err != nil {
		return err
	}
	if len(demands) > 0 {
		if _, err := s.service.Match(ctx, patentbridge.MatchRequest{Text: demands[0], Limit: 10}); err != nil {
			return err
		}
	}
	runtime.GC()
	debug.FreeOSMemory()
	fmt.Fprintf(stdout, "peak RSS at start (index opened, IPC router trained): %.0f MB\n", peakRSSMB())
	resetPeakRSS()
	p50, p95, r50, r95, err := search.BenchSearch(ctx, s.index, qs, len(qs))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "search (%d queries of 2–4 words): p50 %v p95 %v; default Bleve match query p50 %v p95 %v; ratio p95 %.1fx (goal: p95 < 30ms)\n",
		len(qs), p50.Round(time.Microsecond), p95.Round(time.Microsecond), r50.Round(time.Microsecond), r95.Round(time.Microsecond),
		float64(p95)/float64(max(r95, 1)))
	var lat []time.Duration
	for _, d := range demands {
		t := time.Now()
		if _, err := s.service.Match(ctx, patentbridge.MatchRequest{Text: d, Limit: 10}); err != nil {
			return err
		}
		lat = append(lat, time.Since(t))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	fmt.Fprintf(stdout, "match (%d demands of 100–300 characters): p50 %v p95 %v (goal: p95 < 150ms)\n",
		len(lat), lat[len(lat)/2].Round(time.Microsecond), lat[len(lat)*95/100].Round(time.Microsecond))
	fmt.Fprintf(stdout, "peak RSS while serving queries: %.0f MB (goal < 2 GB); now %.0f MB = %.0f MB process memory + %.0f MB of index and database files mapped in\n",
		peakRSSMB(), procStatusMB("VmRSS"), procStatusMB("RssAnon"), procStatusMB("RssFile"))
	return nil
}

// benchQueries makes n queries of 2–4 words from the embedded real patent titles.
func benchQueries(n int) []string {
	titles := refdata.Default().LabeledTitles()
	var qs []string
	for i := 0; len(qs) < n && i < len(titles); i += 7 {
		ws := search.Words(titles[i].Title)
		if len(ws) < 2 {
			continue
		}
		qs = append(qs, strings.Join(ws[:min(len(ws), 2+i%3)], " "))
	}
	return qs
}

// benchDemands makes n demand texts of 100–300 characters from stored abstracts.
func benchDemands(ctx context.Context, db interface {
	ListPatents(context.Context, patentbridge.PatentFilter) ([]*patentbridge.Patent, int, error)
}, n int) ([]string, error) {
	ps, _, err := db.ListPatents(ctx, patentbridge.PatentFilter{Limit: n, Sort: "app_no"})
	if err != nil {
		return nil, err
	}
	var out []string
	for i, p := range ps {
		r := []rune("希望引进" + p.Title + "相关技术。" + p.Abstract)
		out = append(out, string(r[:min(len(r), 100+(i*37)%200)]))
	}
	return out, nil
}

// dirMB is the size of a directory tree in MB.
func dirMB(dir string) float64 {
	var total int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				total += info.Size()
			}
		}
		return nil
	})
	return float64(total) / 1e6
}
