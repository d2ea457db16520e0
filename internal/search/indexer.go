package search

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// Store is what the indexer reads from the database (*sqldb.DB implements it).
type Store interface {
	// EachPatentTagged calls fn for every patent with its tags from screening run runID.
	EachPatentTagged(ctx context.Context, runID int64, fn func(p *patentbridge.Patent, t patentbridge.PatentTags) error) error
	// FindPatentTagged returns one patent with its tags. Returns ENOTFOUND.
	FindPatentTagged(ctx context.Context, runID int64, appNo string) (*patentbridge.Patent, patentbridge.PatentTags, error)
	// FindPatent returns one patent. Returns ENOTFOUND.
	FindPatent(ctx context.Context, appNo string) (*patentbridge.Patent, error)
	// PatentChangesSince returns change-table entries after afterSeq, oldest first.
	PatentChangesSince(ctx context.Context, afterSeq int64, limit int) ([]patentbridge.PatentChange, error)
	// LastPatentChangeSeq returns the change table's highest seq.
	LastPatentChangeSeq(ctx context.Context) (int64, error)
	// LatestScreeningRunID returns the latest finished screening run, 0 when none.
	LatestScreeningRunID(ctx context.Context) (int64, error)
	// CountPatents returns how many patents are stored.
	CountPatents(ctx context.Context) (int, error)
}

// stateFile, inside the index directory, records what the index reflects.
const stateFile = "patentbridge-state.json"

// indexState is what the index reflects: changes up to Seq, tags of screening
// run RunID, whether the build that made it finished, how many docs it held
// when the state was written (checked when it opens, see openVerified) and the
// docs that failed to index.
type indexState struct {
	Seq         int64        `json:"seq"`
	RunID       int64        `json:"run_id"`
	Complete    bool         `json:"complete"`
	Schema      int          `json:"schema"` // indexSchema of the build
	Docs        int          `json:"docs"`
	Writing     bool         `json:"writing,omitempty"` // a batch was being applied: Docs may be off
	Skipped     []skippedDoc `json:"skipped,omitempty"`
	SkippedMore int          `json:"skipped_more,omitempty"` // skipped beyond those listed
}

// Indexer keeps an Index current with the database: a full build when the index
// is empty, unfinished, made from an older screening run or of an older schema, then it tails the
// change table every Interval and whenever Poke is called.
type Indexer struct {
	ix     *Index
	store  Store
	ref    *refdata.Data
	log    *slog.Logger
	poke   chan struct{}
	work   sync.Mutex // one build or tail at a time
	mu     sync.Mutex // guards the fields below
	state  indexState
	build  bool
	done   int
	total  int
	counts struct {
		n   int
		at  time.Time
		seq int64 // the change table's head when n was counted
	}
	failDoc func(Doc) error // test hook: makes a doc fail to index
	checked time.Time       // when a failed search last made the index be checked (x.Now)

	// Now is the platform clock, which names an unreadable index moved aside
	// (default patentbridge.Now).
	Now func() time.Time

	// Interval is the pause between two looks at the change table (default 1 s).
	Interval time.Duration
	// BatchSize is the number of docs per index batch during a build (default 2000).
	BatchSize int
}

// NewIndexer returns an indexer of ix fed by store; ref nil means refdata.Default().
func NewIndexer(ix *Index, store Store, ref *refdata.Data, logger *slog.Logger) *Indexer {
	if ref == nil {
		ref = refdata.Default()
	}
	if logger == nil {
		logger = slog.Default()
	}
	x := &Indexer{ix: ix, store: store, ref: ref, log: logger, poke: make(chan struct{}, 1),
		Interval: time.Second, BatchSize: 2000, Now: patentbridge.Now}
	x.state = readState(ix.path)
	return x
}

// Index returns the index the indexer maintains.
func (x *Indexer) Index() *Index { return x.ix }

// Poke asks for an immediate look at the change table (e.g. after an import).
func (x *Indexer) Poke() {
	select {
	case x.poke <- struct{}{}:
	default:
	}
}

// Start runs the indexer in the background until ctx ends.
func (x *Indexer) Start(ctx context.Context) {
	go func() {
		t := time.NewTicker(x.Interval)
		defer t.Stop()
		for {
			if err := x.Sync(ctx); err != nil && ctx.Err() == nil {
				x.log.Error("search index: sync", "err", err)
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			case <-x.poke:
			}
		}
	}()
}

// Sync brings the index up to date once: a full build when it is needed, then
// every pending change.
func (x *Indexer) Sync(ctx context.Context) error {
	x.work.Lock()
	defer x.work.Unlock()
	if err := x.recheck(); err != nil {
		return err
	}
	runID, err := x.store.LatestScreeningRunID(ctx)
	if err != nil {
		return err
	}
	st := x.current()
	if !st.Complete || st.RunID != runID || st.Schema != indexSchema {
		if err := x.rebuild(ctx); err != nil {
			return err
		}
	}
	if err := x.tail(ctx); err != nil {
		return err
	}
	return x.ix.PrepareFacets()
}

// Rebuild builds a new index from the database beside the current one, which keeps
// answering searches, and swaps it in; then it applies the changes made meanwhile.
func (x *Indexer) Rebuild(ctx context.Context) error {
	x.work.Lock()
	defer x.work.Unlock()
	if err := x.rebuild(ctx); err != nil {
		return err
	}
	return x.tail(ctx)
}

// Status reports the index's size, the progress of a build and the docs skipped.
func (x *Indexer) Status(ctx context.Context) patentbridge.IndexStatus {
	docs, _ := x.ix.Count()
	aside := x.ix.MovedAside()
	head, headErr := x.store.LastPatentChangeSeq(ctx) // read before the lock: the indexer's work takes it
	x.mu.Lock()
	defer x.mu.Unlock()
	s := patentbridge.IndexStatus{Docs: int(docs), Building: x.build, LastSeq: x.state.Seq,
		Rebuilding: !x.state.Complete, MovedAside: aside}
	s.Skipped, s.SkippedIDs = skippedOf(x.state)
	if x.build && x.total > 0 {
		s.Progress = min(1, float64(x.done)/float64(x.total))
	}
	if headErr == nil {
		s.HeadSeq = head
	} else {
		s.HeadSeq = s.LastSeq
	}
	// Count again after 5 s, or at once when the change table moved on (an import).
	if time.Since(x.counts.at) > 5*time.Second || headErr == nil && head != x.counts.seq {
		if n, err := x.store.CountPatents(ctx); err == nil {
			x.counts.n, x.counts.at, x.counts.seq = n, time.Now(), head
		}
	}
	s.Patents = x.counts.n
	return s
}

func (x *Indexer) current() indexState {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.state
}

// setState records st in memory and, for an on-disk index, in its directory.
func (x *Indexer) setState(st indexState) error {
	x.mu.Lock()
	x.state = st
	x.mu.Unlock()
	return writeState(x.ix.path, st)
}

func readState(dir string) indexState {
	var st indexState
	if dir == "" {
		return st
	}
	b, err := os.ReadFile(filepath.Join(dir, stateFile))
	if err == nil {
		_ = json.Unmarshal(b, &st)
	}
	return st
}

func writeState(dir string, st indexState) error {
	if dir == "" {
		return nil
	}
	b, _ := json.Marshal(st)
	tmp := filepath.Join(dir, stateFile+".tmp")
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return errors.Join(os.Rename(tmp, filepath.Join(dir, stateFile)))
}
