package search

import (
	"context"
	"fmt"
	"time"

	"patentbridge"
)

// rebuild builds a fresh index from every stored patent and swaps it in (on disk
// with Bleve's offline builder, see bulkWriter). Reading
// the database and indexing overlap: the next batch is read while the last one is
// indexed. A doc that fails to index is skipped; so many that the index itself
// looks at fault (maxSkippedShare), or a count short of the docs put, fail the
// build instead.
func (x *Indexer) rebuild(ctx context.Context) error {
	start := time.Now()
	seq, err := x.store.LastPatentChangeSeq(ctx)
	if err != nil {
		return err
	}
	runID, err := x.store.LatestScreeningRunID(ctx)
	if err != nil {
		return err
	}
	total, err := x.store.CountPatents(ctx)
	if err != nil {
		return err
	}
	next, err := newBulkWriter(x.nextPath(), x)
	if err != nil {
		return err
	}
	x.progress(true, 0, total)
	defer func() { x.progress(false, 0, 0) }()

	batches := make(chan []Doc, 1)
	indexed := make(chan error, 1)
	var skipped []skippedDoc
	done := 0
	go func() {
		var err error
		for docs := range batches {
			if err == nil {
				var s []skippedDoc
				s, err = next.put(docs)
				skipped, done = append(skipped, s...), done+len(docs)
				if err == nil && len(skipped) > maxSkippedShare(done) {
					err = fmt.Errorf("%d of %d docs failed to index, the last: %s", len(skipped), done, skipped[len(skipped)-1].Reason)
				}
				x.progress(true, done, total)
			}
		}
		indexed <- err
	}()
	size := max(1, x.BatchSize)
	docs := make([]Doc, 0, size)
	readErr := x.store.EachPatentTagged(ctx, runID, func(p *patentbridge.Patent, t patentbridge.PatentTags) error {
		docs = append(docs, x.docOf(p, t))
		if len(docs) == size {
			select {
			case batches <- docs:
			case <-ctx.Done():
				return ctx.Err()
			}
			docs = make([]Doc, 0, size)
		}
		return nil
	})
	if readErr == nil && len(docs) > 0 {
		batches <- docs
	}
	close(batches)
	if err := <-indexed; readErr != nil || err != nil {
		next.abort()
		if readErr != nil {
			return fmt.Errorf("search: build index: %w", readErr)
		}
		return fmt.Errorf("search: build index: %w", err)
	}
	built, err := next.finish()
	if err != nil {
		next.abort()
		return err
	}
	n, err := built.Count()
	if err == nil && int(n) < done-len(skipped) {
		err = fmt.Errorf("%d docs in the index of the %d put", n, done-len(skipped))
	}
	if err != nil {
		_ = built.Remove()
		return fmt.Errorf("search: build index: %w", err)
	}
	st := indexState{Seq: seq, RunID: runID, Complete: true, Schema: indexSchema, Docs: int(n)}.skipping(skipped)
	if err := writeState(built.path, st); err != nil {
		_ = built.Remove()
		return fmt.Errorf("search: build index: %w", err)
	}
	if err := x.ix.replaceWith(built); err != nil {
		return err
	}
	x.mu.Lock()
	x.state = st
	x.mu.Unlock()
	x.log.Info("search index built", "docs", n, "skipped", len(skipped), "seconds", time.Since(start).Seconds())
	return nil
}

// maxSkippedShare is how many of done docs may fail to index before a build
// stops: a few bad rows are skipped, a failing index is not papered over.
func maxSkippedShare(done int) int { return max(100, done/10) }

// nextPath is where a rebuild writes: beside the current index ("" in memory).
func (x *Indexer) nextPath() string {
	if x.ix.path == "" {
		return ""
	}
	return x.ix.path + ".building"
}

func (x *Indexer) progress(building bool, done, total int) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.build, x.done, x.total = building, done, total
}
