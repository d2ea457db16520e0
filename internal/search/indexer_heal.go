package search

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"patentbridge"
)

// rebuildRetryAfter is what an EUNAVAILABLE answer during a rebuild tells the
// caller to wait.
const rebuildRetryAfter = 10 * time.Second

// Unavailable returns EUNAVAILABLE, with a Chinese message and the build's
// progress, while the index holds no complete build — the first build, or the
// rebuild of an index found unreadable (a search then would find nothing, or a
// part, and say nothing of it); nil otherwise. A rebuild of a complete index
// (a new screening run, a new schema) keeps the old one answering.
func (x *Indexer) Unavailable() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.state.Complete {
		return nil
	}
	msg := "全文索引正在重建，请稍后再试。"
	if x.build && x.total > 0 {
		msg = fmt.Sprintf("全文索引正在重建（已完成 %d%%），请稍后再试。", int(min(1, float64(x.done)/float64(x.total))*100))
	}
	return &patentbridge.Error{Code: patentbridge.EUNAVAILABLE, Message: msg, RetryAfter: rebuildRetryAfter}
}

// recheckEvery is how long after a check that found the index sound another
// failed search may make the indexer reopen it (a query Bleve keeps failing on
// must not reopen a large index every second).
const recheckEvery = time.Minute

// recheck checks the index after a search failed (Index.recheck); a healed
// index is empty and unbuilt, so the Sync that called recheck rebuilds it.
func (x *Indexer) recheck() error {
	if !x.ix.hasFault() {
		return nil
	}
	now := x.Now()
	if !x.checked.IsZero() && now.Sub(x.checked) < recheckEvery {
		return nil // the fault waits for the next check
	}
	x.checked = now
	healed, err := x.ix.recheck(x.Now, x.log)
	if healed && err == nil {
		x.mu.Lock()
		x.state = indexState{}
		x.mu.Unlock()
	}
	return err
}

// skippedOf returns how many docs st records as skipped and the first IDs.
func skippedOf(st indexState) (int, []string) {
	var ids []string
	for _, d := range st.Skipped[:min(len(st.Skipped), 20)] {
		ids = append(ids, d.ID)
	}
	return len(st.Skipped) + st.SkippedMore, ids
}

// StateOf reports what the index directory's state file records — changes
// applied, docs and skipped docs, whether a build completed — without opening
// the index (a running server holds it; it may be unreadable). Patents is 0:
// the database is not asked.
func StateOf(dir string) patentbridge.IndexStatus {
	st := readState(dir)
	s := patentbridge.IndexStatus{Docs: st.Docs, LastSeq: st.Seq, Rebuilding: !st.Complete}
	s.Skipped, s.SkippedIDs = skippedOf(st)
	return s
}

// RebuildAt builds the index at dir from the database alone — what dir holds is
// never opened, so an unreadable index is no obstacle — and swaps it in (the old
// directory is removed once the new one is complete), then applies the changes
// made meanwhile. It refuses, with ECONFLICT, a directory that another process
// (a running server) has open. progress, when not nil, is called every tick
// with the build's status.
func RebuildAt(ctx context.Context, dir string, store Store, logger *slog.Logger, progress func(patentbridge.IndexStatus), tick time.Duration) (patentbridge.IndexStatus, error) {
	if err := checkNotInUse(dir); err != nil {
		return patentbridge.IndexStatus{}, err
	}
	ix := UnopenedIndex(dir)
	defer ix.Close()
	x := NewIndexer(ix, store, nil, logger)
	done := make(chan error, 1)
	go func() { done <- x.Rebuild(ctx) }()
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case err := <-done:
			return x.Status(ctx), err
		case <-t.C:
			if progress != nil {
				progress(x.Status(ctx))
			}
		}
	}
}
