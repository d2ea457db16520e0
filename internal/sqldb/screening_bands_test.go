package sqldb_test

import (
	"context"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// A run's grade bands count its graded (sleeping) patents per grade, A first,
// with the lowest and highest score of each, and their counts add up to the run's.
func TestGradeBands(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		if _, err := db.GradeBands(ctx, 0); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Fatalf("GradeBands before any run: %v, want ENOTFOUND", err)
		}
		MustUpsert(t, db, allCrafted...)
		run := MustRun(t, db)
		bands, err := db.GradeBands(ctx, 0)
		if err != nil || len(bands) != 4 {
			t.Fatalf("GradeBands = %v, %v", bands, err)
		}
		total := 0
		prevMin := 101.0
		for i, b := range bands {
			if b.Grade != patentbridge.Grades[i] || b.Count != run.Grades[b.Grade] {
				t.Errorf("band %d = %+v, run counts %v", i, b, run.Grades)
			}
			if b.Count > 0 {
				if b.MinScore > b.MaxScore || b.MaxScore > prevMin {
					t.Errorf("band %s scores %.2f–%.2f overlap the better band (from %.2f)", b.Grade, b.MinScore, b.MaxScore, prevMin)
				}
				prevMin = b.MinScore
			}
			total += b.Count
		}
		if total != run.Sleeping {
			t.Errorf("bands count %d patents, the run %d sleeping", total, run.Sleeping)
		}
		again, _ := db.GradeBands(ctx, run.ID)
		if len(again) != 4 || again[0] != bands[0] {
			t.Errorf("by id %v, latest %v", again, bands)
		}
	})
}
