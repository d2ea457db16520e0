package ingest

import (
	"context"
	"fmt"

	"patentbridge"
)

// writeJob is one batch for the store, with the progress to report once it commits.
type writeJob struct {
	ps       []*patentbridge.Patent // may be empty: progress only
	read     int
	fraction float64
}

// writer upserts batches on its own goroutine, so that reading and converting the
// next batch overlaps with the store's transaction for the current one. Batches
// commit in order; after the first error every later batch is dropped.
type writer struct {
	imp     *Importer
	opt     patentbridge.ImportOptions
	jobs    chan writeJob
	done    chan struct{}
	res     patentbridge.UpsertResult
	batches int
	err     error
}

func startWriter(ctx context.Context, imp *Importer, opt patentbridge.ImportOptions) *writer {
	w := &writer{imp: imp, opt: opt, jobs: make(chan writeJob, 1), done: make(chan struct{})}
	go w.loop(ctx)
	return w
}

func (w *writer) loop(ctx context.Context) {
	defer close(w.done)
	for j := range w.jobs {
		if w.err != nil {
			continue // drain, so that senders never block on a failed writer
		}
		w.err = w.write(ctx, j)
	}
}

func (w *writer) write(ctx context.Context, j writeJob) error {
	if len(j.ps) > 0 {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("ingest: import interrupted: %w", err)
		}
		res, err := w.imp.store.UpsertPatents(ctx, j.ps)
		if err != nil {
			return fmt.Errorf("ingest: upsert batch: %w", err)
		}
		w.res.Inserted += res.Inserted
		w.res.Updated += res.Updated
		w.res.Unchanged += res.Unchanged
		w.batches++
		if w.imp.AfterBatch != nil {
			w.imp.AfterBatch(w.batches)
		}
	}
	if w.opt.Progress != nil {
		w.opt.Progress(j.read, j.fraction)
	}
	return nil
}

// send queues a job; it returns the writer's error instead once the writer has
// failed, and ctx's error when the context ends first.
func (w *writer) send(ctx context.Context, j writeJob) error {
	select {
	case w.jobs <- j:
		return nil
	case <-w.done:
		return w.err
	case <-ctx.Done():
		return fmt.Errorf("ingest: import interrupted: %w", ctx.Err())
	}
}

// close waits for every queued batch and returns the totals and the first error.
func (w *writer) close() (patentbridge.UpsertResult, error) {
	close(w.jobs)
	<-w.done
	return w.res, w.err
}
