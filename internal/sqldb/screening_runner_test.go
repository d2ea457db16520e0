package sqldb_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/refdata"
	"patentbridge/internal/screen"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// runnerFor starts a screening runner owned by owner over q.
func runnerFor(t *testing.T, db *sqldb.DB, q screen.Queue, owner string, o screen.RunnerOptions) *screen.Runner {
	t.Helper()
	svc := screen.NewService(q, nil, refdata.Default(), nil).WithLease(owner, db.JobLease)
	r := screen.NewRunner(svc, q, o)
	t.Cleanup(func() { r.Shutdown(context.Background()) })
	return r
}

// stuckScan is a store whose patent scan blocks until its context ends: a run
// that is still going when the process shuts down.
type stuckScan struct {
	*sqldb.DB
	started chan struct{}
}

func (s stuckScan) ScanPatents(ctx context.Context, fn func(p *patentbridge.Patent) error) error {
	close(s.started)
	<-ctx.Done()
	return ctx.Err()
}

// A process's runner executes the queued run, and takes over once the run of a
// process that died; a shutdown records the run it stops as interrupted.
func TestScreeningRunnerClaimsRetriesAndShutsDown(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := as(auditAdmin)
		MustUpsert(t, db, allCrafted...)
		dead := &patentbridge.ScreeningRun{AsOf: date(screeningAsOf), Owner: "ghost"}
		if err := db.CreateScreeningRun(ctx, dead); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveScreeningResults(ctx, dead.ID, someResults(allCrafted[:3]...)); err != nil {
			t.Fatal(err)
		}
		r := runnerFor(t, db, db, "A", screen.RunnerOptions{Retries: 1, Poll: time.Hour, Dead: func(o string) bool { return o == "ghost" }})
		r.Wait()
		got, err := db.FindRun(ctx, dead.ID)
		if err != nil || got.Status != patentbridge.JobDone || got.Owner != "A" || got.Attempts != 2 || got.Screened != len(allCrafted) {
			t.Fatalf("the dead process's run after the takeover: %+v, %v", got, err)
		}
		queued := &patentbridge.ScreeningRun{AsOf: date(screeningAsOf)}
		if err := db.QueueScreeningRun(ctx, queued); err != nil {
			t.Fatal(err)
		}
		r.Wait()
		if latest, err := db.LatestRun(ctx); err != nil || latest.ID != queued.ID || latest.Sleeping != got.Sleeping {
			t.Errorf("latest run = %+v, %v; want the queued run %d, done", latest, err, queued.ID)
		}

		stuck := stuckScan{DB: db, started: make(chan struct{})}
		s := runnerFor(t, db, stuck, "B", screen.RunnerOptions{Poll: time.Hour})
		last := &patentbridge.ScreeningRun{AsOf: date(screeningAsOf)}
		if err := db.QueueScreeningRun(ctx, last); err != nil {
			t.Fatal(err)
		}
		s.Kick()
		<-stuck.started
		deadline, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		if !s.Shutdown(deadline) {
			t.Error("Shutdown did not report the run it stopped")
		}
		runs, _ := db.ListRuns(ctx, 1)
		if runs[0].ID != last.ID || runs[0].Status != patentbridge.JobInterrupted || runs[0].Attempts != 0 ||
			!strings.Contains(runs[0].Error, "服务关闭") {
			t.Errorf("run stopped by the shutdown = %+v", runs[0])
		}
	})
}
