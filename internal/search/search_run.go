package search

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"patentbridge"
)

// FacetLimit is the most hits facets are counted over: counting reads every hit's
// values, which on a broad query of a large index costs more than the search.
var FacetLimit = 20_000

// Search runs q and loads the patents of the page. A text finds the docs holding
// every word: first those holding every word in the title (by the title's BM25),
// then the others (by the BM25 of all their text); when a multi-word text has
// none, those holding the most of its words (Partial). Without text the filtered
// patents come newest grant first. Returns EINVALID for an empty query without
// filters or a query too long.
func (s *Searcher) Search(ctx context.Context, q patentbridge.SearchQuery) (*patentbridge.SearchResult, error) {
	if _, err := Request(q); err != nil {
		return nil, err
	}
	// Counting the hits is a bitmap intersection, cheaper than scoring them; the
	// facets are counted on another core while the page is scored.
	total, err := s.count(ctx, hitSetQuery(q, 0))
	if err != nil {
		return nil, err
	}
	fctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var facets <-chan facetResult
	if total > 0 && total <= uint64(FacetLimit) {
		facets = s.facetsAsync(fctx, q, 0)
	}
	var hits bsearch.DocumentMatchCollection
	words := len(queryWords(q.Text))
	partial := total == 0 && words > 1
	switch {
	case strings.TrimSpace(q.Text) == "":
		res, err := s.run(ctx, q, anywhere)
		if err != nil {
			return nil, err
		}
		hits = res.Hits
	case total > 0:
		if hits, err = s.tiered(ctx, q); err != nil {
			return nil, err
		}
	}
	for k := words - 1; partial && k >= 1 && total == 0; k-- {
		if words > maxSubsetWords {
			k = 1
		}
		some := func(text string) query.Query { return SomeWordsQuery(text, k) }
		res, err := s.run(ctx, q, some)
		if err != nil {
			return nil, err
		}
		hits, total = res.Hits, res.Total
		if total > 0 && total <= uint64(FacetLimit) {
			facets = s.facetsAsync(fctx, q, k)
		}
	}
	out := &patentbridge.SearchResult{Total: int(total), Partial: partial && total > 0,
		Hits: make([]patentbridge.SearchHit, 0, len(hits)), Facets: facetCounts(nil, nil)}
	if facets != nil {
		r := <-facets
		if r.err != nil {
			return nil, fmt.Errorf("search: facets: %w", r.err)
		}
		names, err := s.ix.industryNames()
		if err != nil {
			return nil, fmt.Errorf("search: facets: %w", err)
		}
		out.Facets = facetCounts(r.res, names)
	}
	return out, s.addHits(ctx, out, hits, q.Text)
}

// tiered returns the page of the docs holding every word: the docs with every
// word in the title first, then the others. When the title tier fills the page,
// the rest is never scored.
func (s *Searcher) tiered(ctx context.Context, q patentbridge.SearchQuery) (bsearch.DocumentMatchCollection, error) {
	offset, limit := q.Filter.Offset, pageLimit(q.Filter.Limit)
	inTitle := func(text string) query.Query { return WordsIn(text, "title") }
	first, err := s.run(ctx, q, inTitle)
	if err != nil {
		return nil, err
	}
	titled := int(first.Total)
	if titled >= offset+limit {
		return first.Hits, nil
	}
	var all bsearch.DocumentMatchCollection
	seen := map[string]bool{}
	if titled > 0 {
		tq := q
		tq.Filter.Offset, tq.Filter.Limit = 0, titled
		res, err := s.run(ctx, tq, inTitle)
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			all, seen[h.ID] = append(all, h), true
		}
	}
	rq := q
	rq.Filter.Offset, rq.Filter.Limit = 0, offset+limit+titled
	res, err := s.run(ctx, rq, anywhere)
	if err != nil {
		return nil, err
	}
	for _, h := range res.Hits {
		if !seen[h.ID] {
			all = append(all, h)
		}
	}
	if offset >= len(all) {
		return nil, nil
	}
	return all[offset:min(len(all), offset+limit)], nil
}

// pageLimit is a page's size: limit, or 20 when unset.
func pageLimit(limit int) int {
	if limit <= 0 {
		return 20
	}
	return limit
}

// addHits loads the patents of hits (when the searcher has a PatentFinder) and
// highlights the text's words in their title and abstract.
func (s *Searcher) addHits(ctx context.Context, out *patentbridge.SearchResult, hits bsearch.DocumentMatchCollection, text string) error {
	terms := queryTerms(text)
	for _, h := range hits {
		hit := patentbridge.SearchHit{AppNo: h.ID, Score: h.Score}
		title, abstract := stringField(h.Fields, "title"), stringField(h.Fields, "abstract")
		if s.patents != nil {
			p, err := s.patents.FindPatent(ctx, h.ID)
			if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
				continue // deleted since it was indexed; the tail removes it soon
			} else if err != nil {
				return err
			}
			hit.Patent, title, abstract = p, p.Title, p.Abstract
		}
		if len(terms) > 0 {
			hit.Fragments = fragments(title, abstract, terms)
		}
		out.Hits = append(out.Hits, hit)
	}
	return nil
}

// count returns how many docs match set (nil: none), unscored.
func (s *Searcher) count(ctx context.Context, set query.Query) (uint64, error) {
	if set == nil {
		return 0, nil
	}
	req := bleve.NewSearchRequestOptions(set, 0, 0, false)
	req.Score = "none"
	res, err := s.ix.SearchInContext(ctx, req)
	if err != nil {
		return 0, fmt.Errorf("search: count: %w", err)
	}
	return res.Total, nil
}

// facetResult is the outcome of a facet count run in the background.
type facetResult struct {
	res *bleve.SearchResult
	err error
}

// facetsAsync counts the facets of the hits in a goroutine (matched as for
// hitSetQuery); the channel always receives one result (an error once ctx is
// cancelled).
func (s *Searcher) facetsAsync(ctx context.Context, q patentbridge.SearchQuery, matched int) <-chan facetResult {
	ch := make(chan facetResult, 1)
	go func() {
		res, err := s.facets(ctx, q, matched)
		ch <- facetResult{res, err}
	}()
	return ch
}

// facets counts the facets of the search's hits: every word, or (matched > 0)
// any matched of them.
func (s *Searcher) facets(ctx context.Context, q patentbridge.SearchQuery, matched int) (*bleve.SearchResult, error) {
	set := hitSetQuery(q, matched)
	if set == nil {
		return nil, nil
	}
	fq := bleve.NewSearchRequestOptions(set, 0, 0, false)
	fq.Score = "none"
	fq.AddFacet("facets", facetRequest())
	return s.ix.SearchInContext(ctx, fq)
}

// run runs the search's request with textQuery scoring the text.
func (s *Searcher) run(ctx context.Context, q patentbridge.SearchQuery, textQuery func(string) query.Query) (*bleve.SearchResult, error) {
	req, err := request(q, textQuery)
	if err != nil {
		return nil, err
	}
	if s.patents == nil {
		req.Fields = []string{"title", "abstract"}
	}
	res, err := s.ix.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return res, nil
}
