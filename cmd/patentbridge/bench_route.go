package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"time"

	"patentbridge"
	"patentbridge/internal/gen"
	"patentbridge/internal/refdata"
	"patentbridge/internal/search/route"
)

// benchRouteCmd parses `bench route` flags and runs the benchmark.
func benchRouteCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("bench route", flag.ContinueOnError)
	fl.SetOutput(stderr)
	n := fl.Int("n", 1000000, "即时生成的专利条数（不落盘，边生成边训练）")
	dbURL := fl.String("db", "", "改为读取此数据库中的专利（sqlite:路径 或 postgres://…）")
	per := fl.Int("per-subclass", 0, "每个主分类小类最多抽取的专利数（默认 route.DefaultPerSubclass）")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *n < 0 || *n > 10_000_000 {
		fmt.Fprintln(stderr, "bench route: --n 须在 0 到 10,000,000 之间")
		return 2
	}
	var corpus patentbridge.RouterCorpus = gen.Corpus{N: *n, Seed: 42}
	source := fmt.Sprintf("%d generated patents", *n)
	if *dbURL != "" {
		db, err := openDB(ctx, *dbURL, newLogger(stderr, 8))
		if err != nil {
			return fail(stderr, err)
		}
		defer db.Close()
		c, ok := any(db).(patentbridge.RouterCorpus)
		if !ok {
			return fail(stderr, errors.New("此版本的数据库存储不能提供 IPC 路由的训练语料（--db）"))
		}
		corpus, source = c, "the patents of "+*dbURL
	}
	if err := benchRoute(ctx, corpus, source, *per, stdout); err != nil {
		return fail(stderr, err)
	}
	return 0
}

// routeCost is what training one model cost.
type routeCost struct {
	seconds float64
	peakMB  float64 // VmHWM during training
	modelMB float64 // heap in use with the model held, minus before
}

// benchRoute trains the router on the corpus, then on the shipped titles alone,
// and prints the cost of each and their ratios.
func benchRoute(ctx context.Context, corpus patentbridge.RouterCorpus, source string, per int, stdout io.Writer) error {
	ref := refdata.Default()
	route.Default() // warm the shared tables (segmenter, reference data) both runs use
	var st patentbridge.RouterStatus
	corp, err := measureTraining(func() (any, error) {
		m, s, err := route.TrainCorpus(ctx, corpus, ref, route.CorpusOptions{PerSubclass: per})
		st = s
		return m, err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "corpus: %s, GOMAXPROCS %d\n", source, runtime.GOMAXPROCS(0))
	fmt.Fprintf(stdout, "trained on the corpus:   %6.1fs, peak RSS %5.0f MB, serving model %5.0f MB  (patents %d, subclasses %d, version %s)\n",
		corp.seconds, corp.peakMB, corp.modelMB, st.Patents, st.Subclasses, st.Version)
	shipped, _ := measureTraining(func() (any, error) { return route.TrainShipped(ref), nil })
	fmt.Fprintf(stdout, "shipped titles alone:    %6.1fs, peak RSS %5.0f MB, serving model %5.0f MB\n",
		shipped.seconds, shipped.peakMB, shipped.modelMB)
	fmt.Fprintf(stdout, "ratio corpus/shipped: time %.1fx, peak %.1fx, model %.1fx (goal at 1M patents: <= 120 s, <= 1500 MB peak, <= 300 MB model)\n",
		corp.seconds/shipped.seconds, corp.peakMB/shipped.peakMB, corp.modelMB/shipped.modelMB)
	return nil
}

// measureTraining runs train after a collection and a reset of the peak RSS, and
// returns its time, the peak and the heap the result holds.
func measureTraining(train func() (any, error)) (routeCost, error) {
	runtime.GC()
	debug.FreeOSMemory()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	resetPeakRSS()
	t0 := time.Now()
	m, err := train()
	if err != nil {
		return routeCost{}, err
	}
	c := routeCost{seconds: time.Since(t0).Seconds(), peakMB: peakRSSMB()}
	runtime.GC()
	runtime.ReadMemStats(&after)
	c.modelMB = (float64(after.HeapInuse) - float64(before.HeapInuse)) / (1 << 20)
	runtime.KeepAlive(m)
	return c, nil
}
