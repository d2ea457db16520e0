package ingest

import (
	"context"
	"time"

	"patentbridge"
)

// registryImport describes one kind of registry file (enterprise registry, SOE
// or SME list): its columns, the ones it cannot do without, how a row becomes a
// record, and how a batch of records is upserted.
type registryImport[T any] struct {
	what     string // the file's Chinese name in errors, e.g. "企业名录"
	columns  []tableColumn
	required []string
	limits   map[string]int // most characters per canonical column
	convert  func(t *table, r row) (T, []problem)
	upsert   func(ctx context.Context, batch []T) (patentbridge.UpsertResult, error)
}

// run checks every file's header first (a file that lacks a required column
// fails the call with EINVALID before anything is written), then reads the
// rows, reports rejected ones (a value over its limit among them) with file,
// line, column, value and reason, and upserts the others in batches.
func (ri registryImport[T]) run(ctx context.Context, paths []string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
	start := time.Now()
	var sum patentbridge.ImportSummary
	for _, p := range paths {
		t, err := openTable(p, opt.Sheet, ri.what, ri.columns, ri.required...)
		if err != nil {
			return sum, err
		}
		t.close()
	}
	rw := newRejectWriter(opt.Rejects)
	if err := rw.header(); err != nil {
		return sum, err
	}
	batch := make([]T, 0, DefaultBatchSize)
	flush := func(fraction float64) error {
		if len(batch) > 0 {
			res, err := ri.upsert(ctx, batch)
			if err != nil {
				return err
			}
			sum.Inserted, sum.Updated, sum.Unchanged = sum.Inserted+res.Inserted, sum.Updated+res.Updated, sum.Unchanged+res.Unchanged
			batch = batch[:0]
		}
		if opt.Progress != nil {
			opt.Progress(sum.Read, fraction)
		}
		return nil
	}
	for i, p := range paths {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		t, err := openTable(p, opt.Sheet, ri.what, ri.columns, ri.required...)
		if err != nil {
			return sum, err
		}
		err = t.eachRow(func(r row) error {
			sum.Read++
			probs := t.checkLimits(r, ri.columns, ri.limits)
			var v T
			if probs == nil {
				v, probs = ri.convert(t, r)
			}
			if probs != nil {
				sum.Rejected++
				return rw.write(t.file, r.line, probs)
			}
			if batch = append(batch, v); len(batch) == DefaultBatchSize {
				return flush((float64(i) + t.src.fraction()) / float64(len(paths)))
			}
			return nil
		}, func(line int, p problem) error {
			sum.Read++
			sum.Rejected++
			return rw.write(t.file, line, []problem{p})
		})
		t.close()
		if err != nil {
			return sum, err
		}
		sum.Files++
	}
	if err := flush(1); err != nil {
		return sum, err
	}
	sum.Seconds = time.Since(start).Seconds()
	return sum, nil
}
