package sqldb_test

import (
	"context"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// A run that did not finish (killed mid-way, or still going) holds part of the
// results: it is never served as the sleeping list, a patent's result or the
// base of a supply list; the latest finished run keeps answering.
func TestUnfinishedRunIsNeverServed(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		MustUpsert(t, db, allCrafted...)
		done := MustRun(t, db)
		killed := &patentbridge.ScreeningRun{AsOf: date(screeningAsOf), RuleVersion: "sleeping-2026.1", WeightsVersion: "2026.1"}
		if err := db.CreateScreeningRun(ctx, killed); err != nil {
			t.Fatal(err)
		}
		if latest, err := db.LatestRun(ctx); err != nil || latest.ID != done.ID {
			t.Errorf("LatestRun = %+v, %v; want the finished run %d", latest, err, done.ID)
		}
		_, err := db.FindRun(ctx, killed.ID)
		wantCode(t, err, patentbridge.ECONFLICT)
		_, _, err = db.ListSleeping(ctx, patentbridge.SleepingFilter{RunID: killed.ID})
		wantCode(t, err, patentbridge.ECONFLICT)
		_, err = db.FindScreeningResult(ctx, killed.ID, allCrafted[0].AppNo)
		wantCode(t, err, patentbridge.ECONFLICT)
		l := &patentbridge.SupplyList{Title: "中断批次的清单", Filter: patentbridge.SleepingFilter{RunID: killed.ID}}
		wantCode(t, db.CreateSupplyList(as(auditAdmin), l), patentbridge.ECONFLICT)
		if _, n, err := db.ListSleeping(ctx, patentbridge.SleepingFilter{}); err != nil || n == 0 {
			t.Errorf("the finished run's sleeping list: %d, %v", n, err)
		}
	})
}
