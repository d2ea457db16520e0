package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"patentbridge"
)

// run is the state of one ImportFiles call.
type run struct {
	imp     *Importer
	opt     patentbridge.ImportOptions
	rejects *rejectWriter
	sum     patentbridge.ImportSummary
	batches int
	total   int64 // bytes of all files
	done    int64 // bytes of the files finished
	size    int64 // bytes of the current file
}

// importFile streams one file through the converter into batches.
func (r *run) importFile(ctx context.Context, path string) error {
	src, err := openSource(path, r.opt.Sheet)
	if err != nil {
		return err
	}
	defer src.close()
	l, ok := newLayout(src.header())
	if !ok {
		return notAnExport(path)
	}
	name := baseName(path)
	conv := &converter{l: l, regions: r.imp.regions, source: name}
	b := newBatch(r.imp.batchSize())
	r.imp.logger.Info("import file", "file", name)
	for {
		rw, err := src.next()
		if errors.Is(err, io.EOF) {
			break
		}
		var bad *badRow
		if errors.As(err, &bad) {
			r.sum.Read++
			if err := r.reject(name, bad.line, []problem{{reason: bad.reason}}); err != nil {
				return err
			}
			continue
		} else if err != nil {
			return err
		}
		r.sum.Read++
		if h := src.header(); len(h) != len(conv.l.headers) {
			conv.l, _ = newLayout(h)
		}
		p, probs := conv.convert(rw)
		if probs != nil {
			if err := r.reject(name, rw.line, probs); err != nil {
				return err
			}
			continue
		}
		if b.add(p) {
			if err := r.flush(ctx, b, src.fraction()); err != nil {
				return err
			}
		}
	}
	return r.flush(ctx, b, 1)
}

// flush writes the batch in one upsert, then reports progress.
func (r *run) flush(ctx context.Context, b *batch, fraction float64) error {
	if len(b.ps) > 0 {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("ingest: import interrupted: %w", err)
		}
		res, err := r.imp.store.UpsertPatents(ctx, b.ps)
		if err != nil {
			return fmt.Errorf("ingest: upsert batch: %w", err)
		}
		r.sum.Inserted += res.Inserted
		r.sum.Updated += res.Updated
		r.sum.Unchanged += res.Unchanged
		r.batches++
		b.reset()
		if r.imp.AfterBatch != nil {
			r.imp.AfterBatch(r.batches)
		}
	}
	if r.opt.Progress != nil {
		r.opt.Progress(r.sum.Read, ratio(r.done+int64(fraction*float64(r.size)), r.total))
	}
	return nil
}

// reject records a row that does not land.
func (r *run) reject(file string, line int, probs []problem) error {
	r.sum.Rejected++
	return r.rejects.write(file, line, probs)
}

func baseName(path string) string { return filepath.Base(path) }
