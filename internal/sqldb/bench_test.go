package sqldb_test

import (
	"context"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb/sqldbtest"
)

// BenchmarkUpsertPatents inserts batches of 1,000 new realistic patents (about
// 1 KB each) with application numbers in random order, as in a real export, into
// SQLite and reports rows per second; -benchtime=200x measures the first 200,000.
func BenchmarkUpsertPatents(b *testing.B) {
	db := sqldbtest.SQLite(b)
	ctx := context.Background()
	const batch = 1000
	ps := make([]*patentbridge.Patent, batch)
	next := 0
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		for i := range ps {
			ps[i] = newPatent(next)
			ps[i].AppNo = shuffledAppNo(next)
			next++
		}
		b.StartTimer()
		res, err := db.UpsertPatents(ctx, ps)
		if err != nil {
			b.Fatal(err)
		}
		if res.Inserted != batch {
			b.Fatalf("inserted %d of %d", res.Inserted, batch)
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkUpsertPatentsUnchanged re-upserts the same 1,000 patents, the cost of
// importing an export again.
func BenchmarkUpsertPatentsUnchanged(b *testing.B) {
	db := sqldbtest.SQLite(b)
	ctx := context.Background()
	ps := make([]*patentbridge.Patent, 1000)
	for i := range ps {
		ps[i] = newPatent(i)
	}
	MustUpsert(b, db, ps...)
	for b.Loop() {
		if _, err := db.UpsertPatents(ctx, ps); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(ps))/b.Elapsed().Seconds(), "rows/s")
}

// shuffledAppNo returns distinct application numbers for distinct i < 10,000,000
// in an order unrelated to i.
func shuffledAppNo(i int) string {
	const serials = 10_000_000
	return appNo(2018+i%5, 1+i%2, (i*7_654_321+1_234_567)%serials)
}
