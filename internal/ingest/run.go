package ingest

import (
	"context"
	"errors"
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
	w       *writer
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
			if err := r.reject(name, bad.line, []problem{{column: bad.column, reason: bad.reason}}); err != nil {
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
		if p.AppNoCheckComputed {
			r.sum.CheckComputed++
		}
		if b.add(p) {
			if err := r.flush(ctx, b, src.fraction()); err != nil {
				return err
			}
		}
	}
	return r.flush(ctx, b, 1)
}

// flush hands the batch to the writer, which commits it and then reports progress.
func (r *run) flush(ctx context.Context, b *batch, fraction float64) error {
	j := writeJob{ps: b.ps, read: r.sum.Read, fraction: ratio(r.done+int64(fraction*float64(r.size)), r.total)}
	if len(b.ps) == 0 && r.opt.Progress == nil {
		return nil
	}
	b.reset()
	return r.w.send(ctx, j)
}

// reject records a row that does not land.
func (r *run) reject(file string, line int, probs []problem) error {
	r.sum.Rejected++
	return r.rejects.write(file, line, probs)
}

func baseName(path string) string { return filepath.Base(path) }
