package sqldb_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// someResults are first-pass results for ps, enough to be stored.
func someResults(ps ...*patentbridge.Patent) []*patentbridge.ScreeningResult {
	out := make([]*patentbridge.ScreeningResult, len(ps))
	for i, p := range ps {
		out[i] = &patentbridge.ScreeningResult{AppNo: p.AppNo, Indicators: []patentbridge.Indicator{{Name: "claims_count"}}}
	}
	return out
}

// A screening run is queued by an admin and claimed by one process; one run
// at a time. A run whose process died is interrupted (never served), and is
// re-run from scratch, its partial results dropped, by the process that claims
// it; the process that lost it can no longer finish it.
func TestScreeningRunLeaseAndRerun(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		clock := useLeaseClock(db)
		MustUpsert(t, db, allCrafted...)
		run := &patentbridge.ScreeningRun{AsOf: date(screeningAsOf)}
		if err := db.QueueScreeningRun(as(auditAdmin), run); err != nil || run.Status != patentbridge.JobQueued {
			t.Fatalf("queue: %+v, %v", run, err)
		}
		wantCode(t, db.QueueScreeningRun(as(auditAdmin), &patentbridge.ScreeningRun{AsOf: date(screeningAsOf)}), patentbridge.ECONFLICT)
		claim := patentbridge.RunClaim{Owner: "A", Retries: 1, RuleVersion: "sleeping-2026.1", WeightsVersion: "2026.1"}
		a, err := db.ClaimScreeningRun(ctx, claim)
		if err != nil || a.ID != run.ID || a.Status != patentbridge.JobRunning || a.Owner != "A" || a.Attempts != 1 || a.RuleVersion != "sleeping-2026.1" {
			t.Fatalf("claim = %+v, %v", a, err)
		}
		claim.Owner = "B"
		if _, err := db.ClaimScreeningRun(ctx, claim); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("second claim: %v, want ENOTFOUND", err)
		}
		wantCode(t, db.QueueScreeningRun(as(auditAdmin), &patentbridge.ScreeningRun{AsOf: date(screeningAsOf)}), patentbridge.ECONFLICT)
		if err := db.SaveScreeningResults(ctx, a.ID, someResults(allCrafted[:4]...)); err != nil {
			t.Fatal(err)
		}

		clock.add(time.Minute) // A died mid-run
		if ids, err := db.InterruptAbandonedRuns(ctx, nil); err != nil || !slices.Equal(ids, []int64{a.ID}) {
			t.Fatalf("sweep = %v, %v", ids, err)
		}
		_, err = db.FindRun(ctx, a.ID)
		wantCode(t, err, patentbridge.ECONFLICT)
		runs, _ := db.ListRuns(ctx, 10)
		if len(runs) != 1 || runs[0].Status != patentbridge.JobInterrupted || !strings.Contains(runs[0].Error, "（A）已停止") {
			t.Fatalf("listed runs %+v", runs)
		}
		wantCode(t, db.DiscardScreeningRun(ctx, 999), patentbridge.ENOTFOUND)

		b, err := db.ClaimScreeningRun(ctx, claim) // the automatic retry
		if err != nil || b.ID != a.ID || b.Owner != "B" || b.Attempts != 2 {
			t.Fatalf("takeover = %+v, %v", b, err)
		}
		wantCode(t, db.RenewScreeningRun(ctx, a.ID, "A"), patentbridge.ECONFLICT)
		if err := db.SaveScreeningResults(ctx, b.ID, someResults(allCrafted...)); err != nil {
			t.Fatalf("the taken-over run writes every result again (the partial ones were dropped): %v", err)
		}
		a.Screened = 4
		wantCode(t, db.FinishScreeningRun(ctx, a), patentbridge.ECONFLICT)
		b.Screened = len(allCrafted)
		if err := db.FinishScreeningRun(ctx, b); err != nil {
			t.Fatal(err)
		}
		if got, err := db.FindRun(ctx, b.ID); err != nil || got.Status != patentbridge.JobDone || got.Screened != len(allCrafted) {
			t.Errorf("finished run = %+v, %v", got, err)
		}
		wantCode(t, db.DiscardScreeningRun(ctx, b.ID), patentbridge.ECONFLICT)
		_, err = db.RequeueScreeningRun(ctx, b.ID)
		wantCode(t, err, patentbridge.ECONFLICT)
		wantActions(t, db, "screening_run:"+itoa(b.ID), "screening.start", "screening.interrupt", "screening.takeover", "screening.run")
	})
}

// An interrupted or failed run is re-run or discarded by an admin; a re-run
// waits for the running run, and a failed run is never retried by itself.
func TestScreeningRunRerunDiscardAndFail(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := as(auditAdmin)
		useLeaseClock(db)
		MustUpsert(t, db, allCrafted...)
		cli := &patentbridge.ScreeningRun{AsOf: date(screeningAsOf), Owner: "cli"}
		if err := db.CreateScreeningRun(ctx, cli); err != nil || cli.Status != patentbridge.JobRunning {
			t.Fatalf("create: %+v, %v", cli, err)
		}
		if err := db.FailScreeningRun(ctx, cli.ID, "cli", "数据库连接中断"); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.FailScreeningRun(ctx, cli.ID, "cli", "再次"), patentbridge.ECONFLICT)
		if _, err := db.ClaimScreeningRun(ctx, patentbridge.RunClaim{Owner: "A", Retries: 5}); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("a failed run was retried by itself: %v", err)
		}

		other := &patentbridge.ScreeningRun{AsOf: date(screeningAsOf), Owner: "B"}
		if err := db.CreateScreeningRun(ctx, other); err != nil {
			t.Fatal(err)
		}
		_, err := db.RequeueScreeningRun(ctx, cli.ID)
		wantCode(t, err, patentbridge.ECONFLICT) // B is running
		_, err = db.ClaimScreeningRun(ctx, patentbridge.RunClaim{ID: cli.ID, Owner: "A"})
		wantCode(t, err, patentbridge.ECONFLICT)
		wantCode(t, db.DiscardScreeningRun(ctx, other.ID), patentbridge.ECONFLICT)
		if _, err := db.InterruptAbandonedRuns(ctx, func(o string) bool { return o == "B" }); err != nil {
			t.Fatal(err)
		}

		requeued, err := db.RequeueScreeningRun(ctx, cli.ID)
		if err != nil || requeued.Status != patentbridge.JobQueued {
			t.Fatalf("re-run = %+v, %v", requeued, err)
		}
		if got, err := db.ClaimScreeningRun(ctx, patentbridge.RunClaim{Owner: "A"}); err != nil || got.ID != cli.ID {
			t.Errorf("claim of the re-run = %+v, %v", got, err)
		}
		if err := db.DiscardScreeningRun(ctx, other.ID); err != nil {
			t.Fatal(err)
		}
		if runs, _ := db.ListRuns(ctx, 10); len(runs) != 1 || runs[0].ID != cli.ID {
			t.Errorf("runs after the discard: %+v", runs)
		}
		wantActions(t, db, "screening_run:"+itoa(cli.ID), "screening.start", "screening.fail", "screening.rerun")
		wantActions(t, db, "screening_run:"+itoa(other.ID), "screening.start", "screening.interrupt", "screening.discard")
	})
}
