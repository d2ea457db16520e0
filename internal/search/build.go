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
// indexed.
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
	next, err := newBulkWriter(x.nextPath())
	if err != nil {
		return err
	}
	x.progress(true, 0, total)
	defer func() { x.progress(false, 0, 0) }()

	batches := make(chan []Doc, 1)
	indexed := make(chan error, 1)
	go func() {
		var err error
		done := 0
		for docs := range batches {
			if err == nil {
				err = next.put(docs)
				done += len(docs)
				x.progress(true, done, total)
			}
		}
		indexed <- err
	}()
	size := max(1, x.BatchSize)
	docs := make([]Doc, 0, size)
	readErr := x.store.EachPatentTagged(ctx, runID, func(p *patentbridge.Patent, t patentbridge.PatentTags) error {
		docs = append(docs, DocFromPatent(p, x.ref, ExtraFromTags(t, x.ref)))
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
	st := indexState{Seq: seq, RunID: runID, Complete: true, Schema: indexSchema}
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
	x.log.Info("search index built", "docs", total, "seconds", time.Since(start).Seconds())
	return nil
}

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
