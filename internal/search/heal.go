package search

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// The index is derived from the database, so an index that cannot be read is
// never a reason to stop: it is moved aside (kept for a post-mortem, never
// deleted), an empty one takes its place, and the indexer rebuilds it while
// searches answer EUNAVAILABLE (Indexer.Unavailable).

// UnopenedIndex returns an index of path that opens nothing there: a rebuild
// (Indexer.Rebuild) fills it from the database and swaps the result in, without
// ever reading what the directory held — which may be unreadable.
func UnopenedIndex(path string) *Index { return &Index{path: path} }

// OpenIndexHealing opens the index at path like OpenIndex, but an index that
// cannot be read — Bleve fails to open it, or it holds another number of docs
// than its state recorded (Bleve opens an index whose newest segment file is cut
// short, silently, as an older or empty one) — is moved aside to
// "<path>.corrupt-<time>" (now is the platform clock), logged at ERROR and
// replaced by an empty index for the indexer to rebuild. logger nil means slog.Default().
func OpenIndexHealing(path string, now func() time.Time, logger *slog.Logger) (*Index, error) {
	if path == "" {
		return OpenIndex("")
	}
	if logger == nil {
		logger = slog.Default()
	}
	bi, err := openVerified(path)
	if err == nil {
		return &Index{bi: bi, path: path}, nil
	}
	ix := &Index{path: path}
	if err := ix.healLocked(err, now, logger); err != nil {
		return nil, err
	}
	return ix, nil
}

// openVerified opens the index at path (creating it when absent) and checks its
// doc count against the state written with it.
func openVerified(path string) (bleve.Index, error) {
	bi, err := bleve.Open(path)
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		bi, err = bleve.New(path, NewMapping())
	}
	if err != nil {
		return nil, err
	}
	st := readState(path)
	if !st.Complete || st.Schema != indexSchema || st.Writing {
		return bi, nil // nothing recorded to check against (or a batch was cut short)
	}
	n, err := bi.DocCount()
	if err == nil && n != uint64(st.Docs) {
		err = fmt.Errorf("holds %d docs where its state records %d: a segment is missing or unreadable", n, st.Docs)
	}
	if err != nil {
		_ = bi.Close()
		return nil, err
	}
	return bi, nil
}

// healLocked moves the unreadable directory aside and opens an empty index in
// its place; the caller holds ix.mu (or owns ix) and ix.bi is closed or nil.
func (ix *Index) healLocked(cause error, now func() time.Time, logger *slog.Logger) error {
	if !looksLikeIndex(ix.path) {
		return fmt.Errorf("search: %s is not a full-text index directory (%v); it is left as it is: choose an empty directory for --index", ix.path, cause)
	}
	stamp := now().Format("20060102-150405")
	aside := ix.path + ".corrupt-" + stamp
	for i := 2; ; i++ {
		if _, err := os.Lstat(aside); errors.Is(err, os.ErrNotExist) {
			break
		}
		aside = fmt.Sprintf("%s.corrupt-%s-%d", ix.path, stamp, i)
	}
	if err := os.Rename(ix.path, aside); err != nil {
		return fmt.Errorf("search: index %s is unreadable (%v) and cannot be moved aside: %w", ix.path, cause, err)
	}
	logger.Error("search index: unreadable, moved aside; rebuilding from the database",
		"dir", ix.path, "moved_to", aside, "err", cause)
	bi, err := bleve.New(ix.path, NewMapping())
	if err != nil {
		return fmt.Errorf("search: new index %s: %w", ix.path, err)
	}
	ix.bi, ix.aside = bi, aside
	ix.version.Add(1)
	return nil
}

// MovedAside returns where the last unreadable index directory was moved, "" if none.
func (ix *Index) MovedAside() string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.aside
}

// fault records a failed search for the indexer to check the index.
func (ix *Index) fault(err error) { ix.faulty.Store(&err) }

// hasFault reports whether a search failed since the last check.
func (ix *Index) hasFault() bool { return ix.faulty.Load() != nil }

// recheck, after a search failed, closes the index and opens it again from its
// directory with the checks of OpenIndexHealing; an index that fails them is
// healed the same way. It reports whether it healed, and returns nil with false
// when there was no fault (or the index is in memory, with nothing to reopen).
func (ix *Index) recheck(now func() time.Time, logger *slog.Logger) (bool, error) {
	p := ix.faulty.Swap(nil)
	if p == nil || ix.path == "" {
		return false, nil
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return false, errNotOpen
	}
	logger.Warn("search index: a search failed; checking the index", "dir", ix.path, "err", *p)
	ix.dropFacetColumn()
	defer ix.version.Add(1)
	if ix.bi != nil {
		if err := ix.bi.Close(); err != nil {
			logger.Warn("search index: close before the check", "err", err)
		}
		ix.bi = nil
	}
	bi, err := openVerified(ix.path)
	if err == nil {
		ix.bi = bi
		return false, nil
	}
	return true, ix.healLocked(err, now, logger)
}

// looksLikeIndex reports whether path is an empty directory or one holding an
// index's files (its metadata or its store), the only thing healing may move aside: a
// mistaken --index naming the database or its data directory must not be.
func looksLikeIndex(path string) bool {
	if fi, err := os.Stat(path); err != nil || !fi.IsDir() {
		return false
	}
	if entries, err := os.ReadDir(path); err == nil && len(entries) == 0 {
		return true
	}
	for _, name := range []string{"index_meta.json", "store"} {
		if _, err := os.Lstat(filepath.Join(path, name)); err == nil {
			return true
		}
	}
	return false
}
