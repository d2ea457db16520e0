package ingest

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"patentbridge"
	"patentbridge/internal/lease"
)

// JobStore is the queue of import jobs a JobRunner works on, kept in the
// database so that every process of the platform can claim from it and a job
// outlives the process that ran it (internal/sqldb implements it).
type JobStore interface {
	patentbridge.ImportJobService
	// ClaimImportJob gives owner the next job it may run; ENOTFOUND when none.
	ClaimImportJob(ctx context.Context, owner string, retries int, usable func(*patentbridge.ImportJob) bool) (*patentbridge.ImportJob, error)
	// RenewImportJob extends owner's lease; ECONFLICT when owner lost the job.
	RenewImportJob(ctx context.Context, id int64, owner string) error
	// InterruptAbandonedImports marks the jobs of dead processes interrupted.
	InterruptAbandonedImports(ctx context.Context, dead func(owner string) bool) ([]int64, error)
	// ReleaseImportJobs marks owner's running jobs interrupted, for a shutdown.
	ReleaseImportJobs(ctx context.Context, owner string) ([]int64, error)
	// ImportUploadsInUse returns the uploads of the jobs that have not ended.
	ImportUploadsInUse(ctx context.Context) (map[string]bool, error)
}

// JobRunnerOptions tune a JobRunner.
type JobRunnerOptions struct {
	// Dir is the jobs directory, where each upload is kept until its job ends
	// or is discarded, so that a job interrupted by a crash or a shutdown can be
	// re-run after a restart, or by another process that reads the same
	// directory. "" means a directory under the system's temporary directory.
	Dir string
	// Owner names this process (lease.NewOwner() when empty).
	Owner string
	// Lease is the store's lease length (30 s when zero): renewed every third of it.
	Lease time.Duration
	// Retries is how many times a job interrupted by a dead process is taken
	// over by itself before it waits for an admin.
	Retries int
	// Poll is how often the queue is looked at (1 s when zero).
	Poll time.Duration
	// Dead, when set, tells owners known to be gone (lease.Dead).
	Dead   func(owner string) bool
	Logger *slog.Logger
}

// JobRunner implements patentbridge.ImportJobRunner: an upload is kept in the
// jobs directory and queued in the database; the runner of one of the
// platform's processes claims it and imports it under a lease, one job at a
// time per process, so that two imports of one process never compete for the
// database writer.
type JobRunner struct {
	// ProgressInterval is the least time between two progress updates of a job.
	ProgressInterval time.Duration

	imp    patentbridge.ImportService
	jobs   JobStore
	o      JobRunnerOptions
	logger *slog.Logger
	w      lease.Worker
}

var _ patentbridge.ImportJobRunner = (*JobRunner)(nil)

// NewJobRunner starts the background worker; call Shutdown or Close to stop it.
func NewJobRunner(imp patentbridge.ImportService, jobs JobStore, o JobRunnerOptions) *JobRunner {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Owner == "" {
		o.Owner = lease.NewOwner()
	}
	if o.Lease <= 0 {
		o.Lease = 30 * time.Second
	}
	if o.Dir == "" {
		o.Dir = filepath.Join(os.TempDir(), "patentbridge-jobs")
	}
	r := &JobRunner{ProgressInterval: 500 * time.Millisecond, imp: imp, jobs: jobs, o: o, logger: o.Logger}
	r.w = lease.Worker{Name: "import", Poll: o.Poll, Logger: o.Logger, Claim: r.claim, Sweep: r.sweep}
	r.w.Start()
	return r
}

// Owner is the name of this process in the jobs it claims.
func (r *JobRunner) Owner() string { return r.o.Owner }

// Dir is the jobs directory, where uploads are kept until their job ends.
func (r *JobRunner) Dir() string { return r.o.Dir }

// sweep marks the jobs of dead processes interrupted.
func (r *JobRunner) sweep(ctx context.Context) error {
	ids, err := r.jobs.InterruptAbandonedImports(ctx, r.o.Dead)
	if len(ids) > 0 {
		r.logger.Warn("import jobs interrupted: their process is gone", "jobs", ids)
	}
	return err
}

// claim takes the next job whose upload this process can read, nil when none.
func (r *JobRunner) claim(ctx context.Context) (func(context.Context), error) {
	j, err := r.jobs.ClaimImportJob(ctx, r.o.Owner, r.o.Retries, func(j *patentbridge.ImportJob) bool {
		_, err := os.Stat(r.uploadPath(j))
		return err == nil
	})
	if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	return func(ctx context.Context) { r.run(ctx, j) }, nil
}

// Wait blocks until the runner has found no job left to claim.
func (r *JobRunner) Wait() { r.w.Wait() }

// Shutdown stops claiming jobs and waits for the running import until ctx
// ends; then it is interrupted (its committed batches stay, its upload is
// kept) and recorded interrupted, to be resumed later. It reports whether an
// import had to be interrupted.
func (r *JobRunner) Shutdown(ctx context.Context) bool { return r.w.Shutdown(ctx) }

// Close interrupts the running import at once (Shutdown without waiting).
func (r *JobRunner) Close() error {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r.Shutdown(ctx)
	return nil
}

// save stores the job's state, fenced by its owner, with a context that
// outlives a shutdown.
func (r *JobRunner) save(ctx context.Context, j *patentbridge.ImportJob) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	err := r.jobs.UpdateImportJob(ctx, j)
	if err != nil && patentbridge.ErrorCode(err) != patentbridge.ECONFLICT {
		r.logger.Error("update import job", "job", j.ID, "err", err)
	}
	return err
}

var errPanic = errors.New("ingest: import panicked")
