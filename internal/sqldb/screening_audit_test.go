package sqldb_test

import (
	"context"
	"log/slog"
	"testing"

	"patentbridge"
	"patentbridge/internal/refdata"
	"patentbridge/internal/screen"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// TestScreeningRunAudit: a run's start and finish are audited in the
// transactions that store them, by the user who started it, with the as-of date
// and the counts; a run whose start cannot be audited is not stored.
func TestScreeningRunAudit(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		MustUpsert(t, db, allCrafted...)
		run, err := screen.NewService(db, nil, refdata.Default(), slog.New(slog.DiscardHandler)).Run(as(auditAdmin), date(screeningAsOf), nil)
		if err != nil {
			t.Fatal(err)
		}
		if !run.FinishedAt.After(run.StartedAt) || run.FinishedAt.Year() != sqldbtest.Start.Year() {
			t.Errorf("run from %v to %v; want the store's clock", run.StartedAt, run.FinishedAt)
		}
		es, n, err := db.ListAudit(as(auditAdmin), patentbridge.AuditFilter{Object: "screening_run:" + itoa(run.ID)})
		if err != nil || n != 2 {
			t.Fatalf("audit of the run: %d rows %+v, %v; want start and finish", n, es, err)
		}
		finish, start := es[0], es[1]
		if start.Action != "screening.start" || start.Actor != "admin" || auditValues(t, start.After)["as_of"] != screeningAsOf {
			t.Errorf("start row = %+v, after %s", start, start.After)
		}
		after := auditValues(t, finish.After)
		if finish.Action != "screening.run" || finish.Actor != "admin" || after["as_of"] != screeningAsOf ||
			after["screened"] != float64(run.Screened) || after["sleeping"] != float64(run.Sleeping) || after["grades"] == nil {
			t.Errorf("finish row = %+v, after %s", finish, finish.After)
		}

		MustFailAudit(t, db)
		r := &patentbridge.ScreeningRun{AsOf: date(screeningAsOf), RuleVersion: "x", WeightsVersion: "y"}
		if err := db.CreateScreeningRun(context.Background(), r); err == nil {
			t.Error("a run was stored without its audit row")
		}
		if runs, _ := db.ListRuns(context.Background(), 10); len(runs) != 1 {
			t.Errorf("%d runs, want the first only", len(runs))
		}
	})
}
