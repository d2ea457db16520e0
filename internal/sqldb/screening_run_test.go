package sqldb_test

import (
	"context"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

func TestFindRun(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		_, err := db.FindRun(ctx, 0)
		if patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Fatalf("latest run of an empty database: %v, want ENOTFOUND", err)
		}
		MustUpsert(t, db, allCrafted...)
		first, second := MustRun(t, db), MustRun(t, db)
		for _, tt := range []struct {
			id, want int64
		}{{first.ID, first.ID}, {second.ID, second.ID}, {0, second.ID}} {
			if r, err := db.FindRun(ctx, tt.id); err != nil || r.ID != tt.want || r.Screened != len(allCrafted) {
				t.Errorf("FindRun(%d) = %+v, %v; want run %d", tt.id, r, err, tt.want)
			}
		}
		if _, err := db.FindRun(ctx, second.ID+1); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("FindRun of a run that does not exist: %v, want ENOTFOUND", err)
		}
	})
}
