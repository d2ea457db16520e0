package search

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/blevesearch/bleve/v2"
)

// Bulk loading settings of an on-disk rebuild: Bleve's offline builder writes a
// segment every builderBatch docs and merges them builderMergeMax at a time into
// one segment at the end — no persister, no background merges, no snapshots, so
// a build is several times faster than batches into a live index, and the result
// (one segment) searches faster too.
const (
	builderBatch    = 4000
	builderMergeMax = 16
)

// bulkWriter fills a fresh index during a rebuild.
type bulkWriter interface {
	// put indexes docs, returning those that failed to index (to be skipped).
	put(docs []Doc) ([]skippedDoc, error)
	// finish completes the index and opens it.
	finish() (*Index, error)
	// abort drops what was written.
	abort()
}

// newBulkWriter returns a writer of a fresh index at path ("" in memory) for
// x's rebuild. The offline builder needs each ID once, which a rebuild from the
// database guarantees.
func newBulkWriter(path string, x *Indexer) (bulkWriter, error) {
	if path == "" {
		ix, err := OpenIndex("")
		if err != nil {
			return nil, err
		}
		return memWriter{ix, x}, nil
	}
	if err := os.RemoveAll(path); err != nil {
		return nil, fmt.Errorf("search: build index: %w", err)
	}
	return &diskWriter{path: path, x: x}, nil
}

type memWriter struct {
	ix *Index
	x  *Indexer
}

func (w memWriter) put(docs []Doc) ([]skippedDoc, error) { return w.x.putSkipping(w.ix, docs) }
func (w memWriter) finish() (*Index, error)              { return w.ix, nil }
func (w memWriter) abort()                               { _ = w.ix.Remove() }

// diskWriter builds with Bleve's offline builder, made on the first doc (the
// builder cannot finish an empty index: an empty build opens a new empty index).
type diskWriter struct {
	path string
	x    *Indexer
	b    bleve.Builder
	gc   int   // the GC percent to restore
	mem  int64 // the soft memory limit to restore
}

// bulkGCPercent is the GC target during an on-disk build.
const bulkGCPercent = 400

// bulkMemoryLimit is the soft heap limit during an on-disk build (unless the
// operator set a lower GOMEMLIMIT): bulkGCPercent lets the heap grow to five
// times what is live, which took `index rebuild` of 30,000 patents to 2.7 GB
// (1.25 GB with this limit, 26.0 -> 27.2 s).
const bulkMemoryLimit = 1 << 30

func (w *diskWriter) put(docs []Doc) ([]skippedDoc, error) {
	if w.b == nil && len(docs) > 0 {
		// The builder's garbage is short-lived (a batch's analysis); collecting
		// less often saves a sixth of the build's time for a few batches' memory.
		w.gc = debug.SetGCPercent(bulkGCPercent)
		w.mem = debug.SetMemoryLimit(-1)
		if w.mem > bulkMemoryLimit {
			debug.SetMemoryLimit(bulkMemoryLimit)
		}
		b, err := bleve.NewBuilder(w.path, NewMapping(), map[string]any{
			// temporary segments beside the index, so moving them in is a rename
			"buildPathPrefix": filepath.Dir(w.path),
			"batchSize":       builderBatch,
			"mergeMax":        builderMergeMax,
		})
		if err != nil {
			return nil, fmt.Errorf("search: index builder: %w", err)
		}
		w.b = b
	}
	var skipped []skippedDoc
	for i := range docs {
		if err := w.index(&docs[i]); err != nil {
			skipped = append(skipped, skippedDoc{ID: docs[i].ID, Reason: err.Error()})
		}
	}
	w.x.logSkipped(skipped)
	return skipped, nil
}

// index hands one doc to the builder, which maps it at once (the error of a doc
// that cannot be indexed) and analyzes it with its batch.
func (w *diskWriter) index(d *Doc) (err error) {
	if err := w.x.failing([]Doc{*d}); err != nil {
		return err
	}
	defer recoverTo(&err, "index "+d.ID)
	prepareDoc(d)
	return w.b.Index(d.ID, *d)
}

func (w *diskWriter) finish() (*Index, error) {
	if w.b != nil {
		defer restoreGC(w.gc, w.mem)
		if err := w.b.Close(); err != nil {
			return nil, fmt.Errorf("search: finish index: %w", err)
		}
	}
	return OpenIndex(w.path)
}

func (w *diskWriter) abort() {
	if w.b != nil {
		defer restoreGC(w.gc, w.mem)
		// Close flushes and merges what was written; the directory goes anyway.
		_ = w.b.Close()
	}
	_ = os.RemoveAll(w.path)
}

// restoreGC sets the GC percent and memory limit back and returns the build's
// heap to the system (otherwise the process keeps the build's peak as its
// resident size).
func restoreGC(percent int, limit int64) {
	debug.SetGCPercent(percent)
	debug.SetMemoryLimit(limit)
	debug.FreeOSMemory()
}
