package httpxtest

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/lease"
	"patentbridge/internal/refdata"
	"patentbridge/internal/screen"
	"patentbridge/internal/sqldb"
)

// MustScreen stores ps in the real store db and screens every stored patent as
// of asOf with the real rules (internal/screen, default configuration), as the
// platform, so that page and API tests read sleeping patents the way users do.
func MustScreen(tb testing.TB, db *sqldb.DB, asOf time.Time, ps ...*patentbridge.Patent) *patentbridge.ScreeningRun {
	tb.Helper()
	if _, err := db.UpsertPatents(platform(), ps); err != nil {
		tb.Fatalf("store patents: %v", err)
	}
	run, err := screen.NewService(db, nil, refdata.Default(), slog.New(slog.DiscardHandler)).WithLease(testOwner, db.JobLease).
		Run(platform(), asOf, nil)
	if err != nil {
		tb.Fatalf("screening run: %v", err)
	}
	return run
}

// Screening is the real patentbridge.ScreeningService over a store: the runs
// and results of DB, queued as the server queues them; each queued run is
// claimed and executed at once with the real rules (default configuration)
// on a goroutine of its own. Before, when set, is called first with the run's
// date and may hold the run back or fail it.
type Screening struct {
	*sqldb.DB
	Before func(ctx context.Context, asOf time.Time) error
}

// StartScreening queues a run as of asOf and executes it in the background.
func (s Screening) StartScreening(ctx context.Context, asOf time.Time) (*patentbridge.ScreeningRun, error) {
	run := &patentbridge.ScreeningRun{AsOf: screen.Day(asOf)}
	if err := s.DB.QueueScreeningRun(ctx, run); err != nil {
		return nil, err
	}
	s.execute(ctx, run.ID)
	return run, nil
}

// RerunScreening queues an interrupted or failed run again and executes it in the background.
func (s Screening) RerunScreening(ctx context.Context, id int64) (*patentbridge.ScreeningRun, error) {
	run, err := s.DB.RequeueScreeningRun(ctx, id)
	if err != nil {
		return nil, err
	}
	s.execute(ctx, id)
	return run, nil
}

// DiscardScreening deletes an interrupted, failed or queued run.
func (s Screening) DiscardScreening(ctx context.Context, id int64) error {
	return s.DB.DiscardScreeningRun(ctx, id)
}

// execute claims run id for this test process and runs it on a goroutine, after Before.
func (s Screening) execute(ctx context.Context, id int64) {
	ctx = context.WithoutCancel(ctx)
	svc := screen.NewService(gated{s}, nil, refdata.Default(), slog.New(slog.DiscardHandler)).WithLease(testOwner, s.DB.JobLease)
	go func() { _, _ = svc.Rerun(ctx, id, nil) }()
}

// testOwner is the owner of the runs the test helpers execute.
var testOwner = lease.NewOwner()

// gated is the store of a run that calls Before first.
type gated struct{ Screening }

// ClaimScreeningRun claims the run and then calls Before with its date; an
// error from Before fails the run.
func (g gated) ClaimScreeningRun(ctx context.Context, c patentbridge.RunClaim) (*patentbridge.ScreeningRun, error) {
	run, err := g.DB.ClaimScreeningRun(ctx, c)
	if err != nil || g.Before == nil {
		return run, err
	}
	if err := g.Before(ctx, run.AsOf); err != nil {
		_ = g.DB.FailScreeningRun(context.WithoutCancel(ctx), run.ID, c.Owner, "筛查失败："+patentbridge.ErrorMessage(err))
		return nil, err
	}
	return run, nil
}
