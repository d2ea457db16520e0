// Package search keeps PatentBridge's full-text index — derived from the database,
// rebuildable, kept current by tailing the patent change table — and the matching
// engine that ranks patents for a technology need.
package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// Doc is what the index holds of one patent; ID is the normalized application number.
type Doc struct {
	ID         string   `json:"-"`
	Title      string   `json:"title"`
	Abstract   string   `json:"abstract"`
	Claim      string   `json:"claim"`
	Owners     string   `json:"owners"`     // current owners' names, space-separated
	IPCTitles  string   `json:"ipc_titles"` // Chinese titles of the IPC codes and their groups
	IPC        []string `json:"ipc"`        // every code plus its subclass, e.g. G06F16/35, G06F
	Kind       string   `json:"kind"`
	Status     string   `json:"status"`
	City       string   `json:"city"` // 4-digit code
	OwnerTypes []string `json:"owner_types"`
	Grade      string   `json:"grade"`      // latest screening grade, if any
	Industries []string `json:"industries"` // Sichuan industries and SEI fields, for facets
	GrantYear  float64  `json:"grant_year"` // 0 when not granted
	GrantDay   float64  `json:"grant_day"`  // the grant date as YYYYMMDD, 0 when not granted; for sorting
	GradeRank  float64  `json:"grade_rank"` // A 4, B 3, C 2, D 1, 0 ungraded; set by Put, for sorting
	Facets     []string `json:"facets"`     // short "k:…", "g:…", "c:…", "i:…" values, set by Put: one doc-values field for all facets (facetValues)
}

// Text fields, searched with the cjk analyzer (overlapping bigrams: exact recall of
// two-character words such as 电池 or 白酒).
var textFields = []string{"title", "abstract", "claim", "owners", "ipc_titles"}

// keywordFields are matched exactly, for filters.
var keywordFields = []string{"ipc", "kind", "status", "city", "owner_types", "grade", "industries"}

// docValueFields are the keyword fields whose values are read per hit (doc
// values): the facets, counted in one pass over one field. The other keyword
// fields only filter.
var docValueFields = map[string]bool{"facets": true}

// storedKeywordFields are the keyword fields the matcher reads of its candidates,
// stored beside their title and abstract (one read per doc, where doc values
// decode a chunk of a thousand docs).
var storedKeywordFields = map[string]bool{"facets": true, "ipc": true, "industries": true}

// indexSchema versions the docs' fields and the mapping; an index built with
// another schema is rebuilt. (4: docs cut to the caps of doccap.go; 5: the
// grant day and the grade rank, for sorting.)
const indexSchema = 5

// Index is a Bleve index of patents. A rebuild swaps the Bleve index underneath
// (Search waits for the swap; holders of Bleve() should not keep it long).
type Index struct {
	mu      sync.RWMutex
	bi      bleve.Index // nil until a rebuild swaps one in (UnopenedIndex)
	path    string
	closed  bool
	version atomic.Uint64 // bumped by every change, for the facet column
	change  sync.RWMutex  // held by a change until version is bumped; read to pair version and snapshot
	facets  facetColumns
	faulty  atomic.Pointer[error] // the last failure of a search, until the indexer checks the index
	aside   string                // where the last unreadable directory was moved (heal.go)
}

// NewMapping returns the index mapping: cjk text fields with BM25 scoring, keyword
// fields for filters and facets, and the grant year as a number.
func NewMapping() mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	im.ScoringModel = index.BM25Scoring
	im.DefaultAnalyzer = cjk.AnalyzerName
	dm := bleve.NewDocumentStaticMapping()
	for _, f := range textFields {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = cjk.AnalyzerName
		fm.Store = f == "title" || f == "abstract"
		fm.IncludeTermVectors = f == "title" || f == "abstract" // phrase queries
		fm.DocValues = false                                    // never read per hit: stored title and abstract serve highlights
		dm.AddFieldMappingsAt(f, fm)
	}
	for _, f := range append(slices.Clone(keywordFields), "facets") {
		fm := bleve.NewKeywordFieldMapping()
		fm.Analyzer = keyword.Name
		fm.Store = storedKeywordFields[f]
		fm.IncludeInAll = false
		fm.IncludeTermVectors = false
		fm.DocValues = docValueFields[f]
		dm.AddFieldMappingsAt(f, fm)
	}
	nm := bleve.NewNumericFieldMapping()
	nm.Store = false
	nm.IncludeInAll = false
	dm.AddFieldMappingsAt("grant_year", nm)
	for _, f := range []string{"grant_day", "grade_rank"} {
		sm := bleve.NewNumericFieldMapping()
		sm.Store, sm.IncludeInAll, sm.DocValues = false, false, true // read per hit to sort
		dm.AddFieldMappingsAt(f, sm)
	}
	im.DefaultMapping = dm
	return im
}

// OpenIndex opens the index at path, creating it when absent; path "" makes an
// in-memory index (tests, evaluations).
func OpenIndex(path string) (*Index, error) {
	if path == "" {
		// Scorch without a path keeps its segments in memory; it indexes and
		// searches far faster than NewMemOnly's upsidedown index.
		bi, err := bleve.NewUsing("", NewMapping(), scorch.Name, scorch.Name, nil)
		if err != nil {
			return nil, fmt.Errorf("search: new in-memory index: %w", err)
		}
		return &Index{bi: bi}, nil
	}
	bi, err := bleve.Open(path)
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		bi, err = bleve.New(path, NewMapping())
	}
	if err != nil {
		return nil, fmt.Errorf("search: open index %s: %w", path, err)
	}
	return &Index{bi: bi, path: path}, nil
}

// errNotOpen is the error of an index with no Bleve index open.
var errNotOpen = errors.New("search: index not open")

// live returns the Bleve index; the caller holds ix.mu.
func (ix *Index) live() (bleve.Index, error) {
	if ix.closed || ix.bi == nil {
		return nil, errNotOpen
	}
	return ix.bi, nil
}

// Put adds or replaces docs in one batch, each cut to the index's caps first
// (prepareDoc, which also derives the Facets).
func (ix *Index) Put(docs []Doc) (err error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	bi, err := ix.live()
	if err != nil {
		return err
	}
	defer recoverTo(&err, "index")
	b := bi.NewBatch()
	for i := range docs {
		prepareDoc(&docs[i])
		if err := b.Index(docs[i].ID, docs[i]); err != nil {
			return fmt.Errorf("search: index %s: %w", docs[i].ID, err)
		}
	}
	return ix.apply(bi, b)
}

// Delete removes docs by ID in one batch.
func (ix *Index) Delete(ids []string) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	bi, err := ix.live()
	if err != nil {
		return err
	}
	b := bi.NewBatch()
	for _, id := range ids {
		b.Delete(id)
	}
	return ix.apply(bi, b)
}

// apply runs a batch and bumps the version before a facet column can see the
// new snapshot under the old version.
func (ix *Index) apply(bi bleve.Index, b *bleve.Batch) error {
	ix.change.Lock()
	defer ix.change.Unlock()
	defer ix.version.Add(1)
	return bi.Batch(b)
}

// Count returns the number of indexed docs (0 when nothing is open yet).
func (ix *Index) Count() (uint64, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil && !ix.closed {
		return 0, nil
	}
	bi, err := ix.live()
	if err != nil {
		return 0, err
	}
	return bi.DocCount()
}

// reader returns a reader of the index's current snapshot; the caller closes it.
func (ix *Index) reader() (index.IndexReader, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	bi, err := ix.live()
	if err != nil {
		return nil, err
	}
	adv, err := bi.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}

// Bleve returns the underlying Bleve index, for queries this package builds.
func (ix *Index) Bleve() bleve.Index {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.bi
}

// Search runs a Bleve request; a rebuild's swap waits for it to finish.
func (ix *Index) Search(req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	return ix.SearchInContext(context.Background(), req)
}

// SearchInContext runs a Bleve request until ctx ends; a rebuild's swap waits for
// it. A failure of the index itself (an error, or a panic in Bleve, returned as
// an error) marks the index suspect: the indexer logs it and checks the index.
func (ix *Index) SearchInContext(ctx context.Context, req *bleve.SearchRequest) (res *bleve.SearchResult, err error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	bi, err := ix.live()
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil && ctx.Err() == nil {
			ix.fault(err)
		}
	}()
	defer recoverTo(&err, "search")
	return bi.SearchInContext(ctx, req)
}

// recoverTo turns a panic in Bleve into an error in *err.
func recoverTo(err *error, what string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("search: %s: bleve panicked: %v", what, r)
	}
}

// Path returns the index directory, "" for an in-memory index.
func (ix *Index) Path() string { return ix.path }

// Close closes the index; closing it again does nothing.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	ix.dropFacetColumn()
	if ix.bi == nil {
		return nil
	}
	return ix.bi.Close()
}

// Remove closes the index and deletes its files (before a rebuild).
func (ix *Index) Remove() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	var err error
	if !ix.closed {
		ix.closed = true
		ix.dropFacetColumn()
		if ix.bi != nil {
			err = ix.bi.Close()
		}
	}
	if ix.path != "" {
		err = errors.Join(err, os.RemoveAll(ix.path))
	}
	return err
}

// replaceWith makes ix serve next's docs and closes next: on disk, next's
// directory takes the place of ix's (ix is closed, swapped and reopened while
// searches wait); in memory, ix simply takes next's Bleve index.
func (ix *Index) replaceWith(next *Index) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.dropFacetColumn()
	defer ix.version.Add(1)
	if ix.closed {
		return errors.Join(errNotOpen, next.Remove())
	}
	old := ix.bi
	if ix.path == "" {
		ix.bi = next.bi
		if old == nil {
			return nil
		}
		return old.Close()
	}
	err := next.bi.Close()
	if old != nil {
		err = errors.Join(err, old.Close())
		ix.bi = nil
	}
	if err != nil {
		return fmt.Errorf("search: swap index: %w", err)
	}
	if err := os.RemoveAll(ix.path); err != nil {
		return fmt.Errorf("search: swap index: %w", err)
	}
	if err := os.Rename(next.path, ix.path); err != nil {
		return fmt.Errorf("search: swap index: %w", err)
	}
	bi, err := bleve.Open(ix.path)
	if err != nil {
		return fmt.Errorf("search: reopen index %s: %w", ix.path, err)
	}
	ix.bi = bi
	return nil
}
