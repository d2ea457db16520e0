package sqldb_test

import (
	"context"
	"testing"

	"patentbridge"
	"patentbridge/internal/refdata"
	"patentbridge/internal/screen"
	"patentbridge/internal/sqldb/sqldbtest"
)

// BenchmarkScreeningStore screens 20,000 stored patents on SQLite per iteration —
// the scan, 20,000 results and 20,000 scores written — and reports patents per
// second; the target is 1,000,000 patents in under 60 s (16,700/s).
func BenchmarkScreeningStore(b *testing.B) {
	const n = 20_000
	db := sqldbtest.SQLite(b)
	ctx := context.Background()
	ps := make([]*patentbridge.Patent, 0, 1000)
	for i := range n {
		ps = append(ps, newPatent(i))
		if len(ps) == cap(ps) {
			MustUpsert(b, db, ps...)
			ps = ps[:0]
		}
	}
	svc := screen.NewService(db, nil, refdata.Default(), nil)
	b.ResetTimer()
	for b.Loop() {
		run, err := svc.Run(ctx, date("2026-11-27"), nil)
		if err != nil {
			b.Fatal(err)
		}
		if run.Screened != n {
			b.Fatalf("screened %d of %d", run.Screened, n)
		}
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "patents/s")
}
