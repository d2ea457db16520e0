package sqldb_test

import (
	"context"
	"os"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// BenchmarkEachRouterDoc streams the router's training corpus and reports its
// rows/s beside the reference of the same run: EachPatent, the one-query scan
// of every patent with all its fields that the search index build uses. The
// database is PATENTBRIDGE_BENCH_DB when set (e.g. sqlite:/tmp/a.db after
// `patentbridge gen -n 100000` and `import`), else 20,000 generated patents.
func BenchmarkEachRouterDoc(b *testing.B) {
	ctx := context.Background()
	db := routerBenchDB(b)
	var docs, refs int
	var docTime, refTime time.Duration
	for b.Loop() {
		start := time.Now()
		if err := db.EachRouterDoc(ctx, func(patentbridge.RouterDoc) error { docs++; return nil }); err != nil {
			b.Fatal(err)
		}
		docTime += time.Since(start)
		start = time.Now()
		if err := db.EachPatent(ctx, func(*patentbridge.Patent) error { refs++; return nil }); err != nil {
			b.Fatal(err)
		}
		refTime += time.Since(start)
	}
	docRate, refRate := float64(docs)/docTime.Seconds(), float64(refs)/refTime.Seconds()
	b.ReportMetric(docRate, "docs/s")
	b.ReportMetric(refRate, "ref_patents/s")
	b.ReportMetric(docRate/refRate, "ratio")
	b.ReportMetric(1e6/docRate, "s/1M_docs")
}

// BenchmarkRouterCorpusState times the state query the retrainer polls every
// minute: its first call, which counts the corpus (cold_ms), and the calls
// after it while no patent changes (warm_ms), against CountPatents (a plain
// COUNT(*) of the patents) in the same run.
func BenchmarkRouterCorpusState(b *testing.B) {
	ctx := context.Background()
	db := routerBenchDB(b)
	start := time.Now()
	if _, err := db.RouterCorpusState(ctx); err != nil {
		b.Fatal(err)
	}
	cold := time.Since(start)
	start = time.Now()
	if _, err := db.CountPatents(ctx); err != nil {
		b.Fatal(err)
	}
	ref := time.Since(start)
	var warm time.Duration
	for b.Loop() {
		start := time.Now()
		if _, err := db.RouterCorpusState(ctx); err != nil {
			b.Fatal(err)
		}
		warm += time.Since(start)
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(cold), "cold_ms")
	b.ReportMetric(ms(warm)/float64(b.N), "warm_ms")
	b.ReportMetric(ms(ref), "ref_count_ms")
	b.ReportMetric(float64(cold)/float64(ref), "cold_ratio")
}

// routerBenchDB opens PATENTBRIDGE_BENCH_DB when set, else a SQLite database of
// 20,000 generated patents.
func routerBenchDB(b *testing.B) *sqldb.DB {
	if dsn := os.Getenv("PATENTBRIDGE_BENCH_DB"); dsn != "" {
		db, err := sqldb.Open(context.Background(), dsn)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		return db
	}
	db := sqldbtest.SQLite(b)
	ps := make([]*patentbridge.Patent, 0, 1000)
	for i := range 20_000 {
		p := newPatent(i)
		p.AppNo = shuffledAppNo(i)
		if ps = append(ps, p); len(ps) == cap(ps) {
			MustUpsert(b, db, ps...)
			ps = ps[:0]
		}
	}
	return db
}
