package search

import (
	"context"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// facetColumn holds every doc's facet values by Bleve doc number, for one index
// snapshot that it keeps open. Counting a search's facets is then one pass over
// its hits in that snapshot, each a lookup here, where Bleve's own facets decode
// the doc values of a thousand docs around every hit.
type facetColumn struct {
	reader  index.IndexReader
	mapping mapping.IndexMapping
	version uint64   // of the index the snapshot was taken at (Index.version)
	start   []uint32 // doc number → first value in vals; start[n+1] ends it
	vals    []uint16 // value ids
	names   []string // value id → the "facets" term, e.g. "k:invention"
}

// facetColumns keeps an index's facetColumn, rebuilt by the first search after
// the index changes.
type facetColumns struct {
	mu    sync.RWMutex // guards col; held for reading while a search counts in it
	build sync.Mutex   // one build at a time
	col   *facetColumn
}

// buildFacetColumn reads the "facets" doc values of every doc of a new snapshot.
func buildFacetColumn(r index.IndexReader, m mapping.IndexMapping, version uint64) (*facetColumn, error) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("search: facet column: index is not scorch")
	}
	var docs uint64
	for _, s := range snap.Segments() {
		docs += s.Segment().Count()
	}
	dvr, err := r.DocValueReader([]string{"facets"})
	if err != nil {
		return nil, err
	}
	c := &facetColumn{reader: r, mapping: m, version: version, start: make([]uint32, docs+1)}
	ids := map[string]uint16{}
	var id index.IndexInternalID
	for n := uint64(0); n < docs; n++ {
		c.start[n] = uint32(len(c.vals))
		id = index.NewIndexInternalID(id, n)
		err := dvr.VisitDocValues(id, func(_ string, term []byte) {
			v, ok := ids[string(term)]
			if !ok {
				v = uint16(len(c.names))
				ids[string(term)] = v
				c.names = append(c.names, string(term))
			}
			c.vals = append(c.vals, v)
		})
		if err != nil {
			return nil, fmt.Errorf("search: facet column: %w", err)
		}
	}
	c.start[docs] = uint32(len(c.vals))
	return c, nil
}

// countFacets counts the docs matching set and their facet values (by "facets"
// term) in the index's current snapshot.
func (ix *Index) countFacets(ctx context.Context, set query.Query) (uint64, map[string]int, error) {
	c, err := ix.facetColumn()
	if err != nil {
		return 0, nil, err
	}
	defer ix.facets.mu.RUnlock()
	s, err := set.Searcher(ctx, c.reader, c.mapping, search.SearcherOptions{Score: "none"})
	if err != nil {
		return 0, nil, err
	}
	defer s.Close()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	counts := make([]int, len(c.names))
	var total uint64
	dm, err := s.Next(sctx)
	for ; dm != nil && err == nil; dm, err = s.Next(sctx) {
		total++
		if n := dm.IndexInternalID.Value(); n+1 < uint64(len(c.start)) {
			for _, v := range c.vals[c.start[n]:c.start[n+1]] {
				counts[v]++
			}
		}
		sctx.DocumentMatchPool.Put(dm)
		if total%4096 == 0 && ctx.Err() != nil {
			return 0, nil, ctx.Err()
		}
	}
	if err != nil {
		return 0, nil, err
	}
	out := make(map[string]int, len(counts))
	for v, n := range counts {
		if n > 0 {
			out[c.names[v]] = n
		}
	}
	return total, out, nil
}

// facetColumn returns the facet column of the index's current snapshot,
// read-locked (the caller RUnlocks ix.facets.mu), building it first when the
// index changed since the last one (one build at a time; the others wait for it).
func (ix *Index) facetColumn() (*facetColumn, error) {
	f := &ix.facets
	current := func() *facetColumn {
		ix.change.RLock() // a change in progress: wait for its version
		version := ix.version.Load()
		ix.change.RUnlock()
		f.mu.RLock()
		if f.col != nil && f.col.version == version {
			return f.col
		}
		f.mu.RUnlock()
		return nil
	}
	if c := current(); c != nil {
		return c, nil
	}
	f.build.Lock()
	defer f.build.Unlock()
	if c := current(); c != nil {
		return c, nil
	}
	if err := ix.rebuildFacetColumn(); err != nil {
		return nil, err
	}
	f.mu.RLock()
	return f.col, nil
}

// PrepareFacets builds the facet column of the index's current snapshot unless it
// is built already, so that no search waits for it (a third of a second at a
// million patents); the indexer calls it after every change it applies.
func (ix *Index) PrepareFacets() error {
	if _, err := ix.facetColumn(); err != nil {
		return err
	}
	ix.facets.mu.RUnlock()
	return nil
}

// rebuildFacetColumn builds a column of the index's current snapshot and swaps it
// in, closing the previous snapshot.
func (ix *Index) rebuildFacetColumn() error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	bi, err := ix.live()
	if err != nil {
		return err
	}
	adv, err := bi.Advanced()
	if err != nil {
		return err
	}
	ix.change.RLock() // the snapshot and the version of one state
	version := ix.version.Load()
	r, err := adv.Reader()
	ix.change.RUnlock()
	if err != nil {
		return err
	}
	c, err := buildFacetColumn(r, bi.Mapping(), version)
	if err != nil {
		_ = r.Close()
		return err
	}
	f := &ix.facets
	f.mu.Lock()
	old := f.col
	f.col = c
	f.mu.Unlock()
	if old != nil {
		return old.reader.Close()
	}
	return nil
}

// dropFacetColumn closes the facet column's snapshot; the caller holds ix.mu
// exclusively (before the Bleve index closes or is swapped).
func (ix *Index) dropFacetColumn() {
	f := &ix.facets
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.col != nil {
		_ = f.col.reader.Close()
		f.col = nil
	}
}
