package search

import (
	"context"
	"fmt"
	"os"
	"time"

	"patentbridge"
)

// rebuild builds a fresh index from every stored patent and swaps it in. Reading
// the database and indexing overlap: the next batch is read while the last one is
// indexed (Bleve analyzes a batch's docs in parallel).
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
	next, err := x.openNext()
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
				err = next.Put(docs)
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
		_ = next.Remove()
		if readErr != nil {
			return fmt.Errorf("search: build index: %w", readErr)
		}
		return fmt.Errorf("search: build index: %w", err)
	}
	st := indexState{Seq: seq, RunID: runID, Complete: true}
	if err := writeState(next.path, st); err != nil {
		_ = next.Remove()
		return fmt.Errorf("search: build index: %w", err)
	}
	if err := x.ix.replaceWith(next); err != nil {
		return err
	}
	x.mu.Lock()
	x.state = st
	x.mu.Unlock()
	x.log.Info("search index built", "docs", total, "seconds", time.Since(start).Seconds())
	return nil
}

// openNext opens an empty index beside the current one (in memory for an in-memory index).
func (x *Indexer) openNext() (*Index, error) {
	if x.ix.path == "" {
		return OpenIndex("")
	}
	dir := x.ix.path + ".building"
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("search: build index: %w", err)
	}
	return OpenIndex(dir)
}

func (x *Indexer) progress(building bool, done, total int) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.build, x.done, x.total = building, done, total
}
