package screen

import (
	"context"
	"errors"
	"time"

	"patentbridge"
	"patentbridge/internal/lease"
)

// Queue is a Store whose runs are queued, claimed by one process at a time
// and swept when their process dies (internal/sqldb).
type Queue interface {
	Store
	Leaser
	// ClaimScreeningRun gives the claiming process a run to execute; ENOTFOUND when none.
	ClaimScreeningRun(ctx context.Context, c patentbridge.RunClaim) (*patentbridge.ScreeningRun, error)
	// InterruptAbandonedRuns marks the runs of dead processes interrupted.
	InterruptAbandonedRuns(ctx context.Context, dead func(owner string) bool) ([]int64, error)
}

// RunnerOptions tune a Runner.
type RunnerOptions struct {
	// Retries is how many times an interrupted run is taken over by itself.
	Retries int
	// Poll is how often the queue is looked at (1 s when zero).
	Poll time.Duration
	// Dead, when set, tells owners known to be gone (lease.Dead), whose runs
	// are interrupted without waiting for their lease to run out.
	Dead func(owner string) bool
}

// Runner is a process's background screening worker: it claims the queued
// runs (and the interrupted ones still due an automatic retry) and executes
// them one at a time as the service's owner.
type Runner struct {
	svc *Service
	q   Queue
	o   RunnerOptions
	w   lease.Worker
}

// NewRunner starts a runner for svc (which must have an owner, WithLease)
// over q; call Shutdown to stop it.
func NewRunner(svc *Service, q Queue, o RunnerOptions) *Runner {
	r := &Runner{svc: svc, q: q, o: o}
	r.w = lease.Worker{Name: "screening", Poll: o.Poll, Logger: svc.logger, Claim: r.claim,
		Sweep: func(ctx context.Context) error {
			ids, err := q.InterruptAbandonedRuns(ctx, o.Dead)
			if len(ids) > 0 {
				svc.logger.Warn("screening runs interrupted: their process is gone", "runs", ids)
			}
			return err
		}}
	r.w.Start()
	return r
}

// claim takes the next run and returns its execution, nil when there is none.
func (r *Runner) claim(ctx context.Context) (func(context.Context), error) {
	run, err := r.q.ClaimScreeningRun(ctx, patentbridge.RunClaim{Owner: r.svc.owner, Retries: r.o.Retries,
		RuleVersion: r.svc.cfg.RuleVersion, WeightsVersion: r.svc.cfg.Version})
	if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	return func(ctx context.Context) {
		if _, err := r.svc.Execute(ctx, run, nil); err != nil && ctx.Err() == nil {
			r.svc.logger.Error("screening run failed", "run", run.ID, "err", err)
		}
	}, nil
}

// Kick makes the runner look at the queue now, e.g. after a run was queued.
func (r *Runner) Kick() { r.w.Kick() }

// Wait blocks until the runner has found no run left to claim.
func (r *Runner) Wait() { r.w.Wait() }

// Shutdown stops claiming and waits for the running run until ctx ends; then
// the run is stopped and recorded interrupted. It reports whether one was.
func (r *Runner) Shutdown(ctx context.Context) bool { return r.w.Shutdown(ctx) }

// Rerun claims the interrupted or failed run id for the service's owner and
// executes it here, at once (the command line's screen --rerun). Returns
// ENOTFOUND, ECONFLICT when the run cannot be re-run now.
func (s *Service) Rerun(ctx context.Context, id int64, progress func(done, total int)) (*patentbridge.ScreeningRun, error) {
	q, ok := s.store.(Queue)
	if !ok {
		return nil, errors.New("screen: the store cannot claim runs")
	}
	run, err := q.ClaimScreeningRun(ctx, patentbridge.RunClaim{ID: id, Owner: s.owner,
		RuleVersion: s.cfg.RuleVersion, WeightsVersion: s.cfg.Version})
	if err != nil {
		return nil, err
	}
	return s.Execute(ctx, run, progress)
}
