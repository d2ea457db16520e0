package ingest

import (
	"context"
	"time"

	"patentbridge"
)

// Stored is what storing one record of a programme file did.
type Stored int

// What storing a record did: a new record, one already stored that the row
// records again (the same deal arriving by a second path), merged into it,
// or one already stored that the row adds to (a leave date), updated.
const (
	StoredNew Stored = iota
	StoredMerged
	StoredUpdated
)

// recordImport describes one kind of programme record file (deals, product
// filings, loans, services, events, cases): its columns, the ones it cannot do
// without, how a row becomes a record, and how one record is stored through
// its domain service (its own transaction, validated, scoped and audited).
type recordImport[T any] struct {
	what     string // the file's Chinese name in errors, e.g. "转移转化（交易）记录表"
	columns  []tableColumn
	required []string
	limits   map[string]int // most characters per canonical column
	convert  func(t *table, r row) (T, []problem)
	store    func(ctx context.Context, v T) (Stored, error)
}

// run checks every file's header first (a file that lacks a required column
// fails the call with EINVALID before anything is written), then stores the
// rows one by one. A row the converter or the service refuses (EINVALID,
// ECONFLICT, ENOTFOUND, EFORBIDDEN) is reported with file, line, the column
// its error names and the reason; rows stored count as Inserted, rows merged
// into a record already stored as Unchanged, rows adding to one as Updated. Any other error stops the import
// (rows stored before it stay, each whole).
func (ri recordImport[T]) run(ctx context.Context, paths []string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
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
	for i, p := range paths {
		t, err := openTable(p, opt.Sheet, ri.what, ri.columns, ri.required...)
		if err != nil {
			return sum, err
		}
		err = t.eachRow(func(r row) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			sum.Read++
			probs := t.checkLimits(r, ri.columns, ri.limits)
			var v T
			if probs == nil {
				v, probs = ri.convert(t, r)
			}
			if probs == nil {
				if probs, err = ri.storeRow(ctx, t, r, v, &sum); err != nil {
					return err
				}
			}
			if probs != nil {
				sum.Rejected++
				if err := rw.write(t.file, r.line, probs); err != nil {
					return err
				}
			}
			if opt.Progress != nil && sum.Read%100 == 0 {
				opt.Progress(sum.Read, (float64(i)+t.src.fraction())/float64(len(paths)))
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
	if opt.Progress != nil {
		opt.Progress(sum.Read, 1)
	}
	sum.Seconds = time.Since(start).Seconds()
	return sum, nil
}

// storeRow stores one converted row and counts it. A refusal of the service
// becomes the row's problem, in the column its error names (a template
// column's canonical name); any other error is returned.
func (ri recordImport[T]) storeRow(ctx context.Context, t *table, r row, v T, sum *patentbridge.ImportSummary) ([]problem, error) {
	got, err := ri.store(ctx, v)
	switch patentbridge.ErrorCode(err) {
	case "":
		switch got {
		case StoredMerged:
			sum.Unchanged++
		case StoredUpdated:
			sum.Updated++
		default:
			sum.Inserted++
		}
		return nil, nil
	case patentbridge.EINVALID, patentbridge.ECONFLICT, patentbridge.ENOTFOUND, patentbridge.EFORBIDDEN:
		column := patentbridge.ErrorField(err)
		c := t.get(r, column)
		if c.column == "" {
			c.column = column
		}
		return []problem{{column: c.column, value: c.value, reason: patentbridge.ErrorMessage(err)}}, nil
	}
	return nil, err
}
