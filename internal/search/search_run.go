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

// Search runs q and loads the patents of the page. A text finds the docs holding
// every word: first those holding every word in the title (by the title's BM25),
// then the others (by the BM25 of all their text); when a multi-word text has
// none, those holding the most of its words (Partial). Without text the filtered
// patents come newest grant first. Sorted by grant date or grade (q.Sort), the
// docs holding every word come in that order instead of the title tier's. The
// total and the facets count every hit.
// Returns EINVALID for an empty query without filters or a query too long.
func (s *Searcher) Search(ctx context.Context, q patentbridge.SearchQuery) (*patentbridge.SearchResult, error) {
	if _, err := Request(q); err != nil {
		return nil, err
	}
	total, counts, err := s.ix.countFacets(ctx, hitSetQuery(q, 0))
	if err != nil {
		return nil, fmt.Errorf("search: count: %w", err)
	}
	var hits bsearch.DocumentMatchCollection
	words := len(queryWords(q.Text))
	partial := total == 0 && words > 1
	switch {
	case strings.TrimSpace(q.Text) == "" || (total > 0 && sorted(q)):
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
		if hits = res.Hits; res.Total > 0 {
			if total, counts, err = s.ix.countFacets(ctx, hitSetQuery(q, k)); err != nil {
				return nil, fmt.Errorf("search: count: %w", err)
			}
		}
	}
	names, err := s.ix.industryNames()
	if err != nil {
		return nil, fmt.Errorf("search: facets: %w", err)
	}
	out := &patentbridge.SearchResult{Total: int(total), Partial: partial && total > 0,
		Hits: make([]patentbridge.SearchHit, 0, len(hits)), Facets: facetCounts(counts, names)}
	return out, s.addHits(ctx, out, hits, q.Text)
}

// sorted reports whether the hits are ordered by a field rather than by relevance.
func sorted(q patentbridge.SearchQuery) bool {
	return q.Sort == patentbridge.SortGrantDate || q.Sort == patentbridge.SortGrade
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
	grades, err := s.grades(ctx, hits)
	if err != nil {
		return err
	}
	for _, h := range hits {
		hit := patentbridge.SearchHit{AppNo: h.ID, Score: h.Score, Grade: grades[h.ID]}
		title, abstract := stringField(h.Fields, "title"), stringField(h.Fields, "abstract")
		if s.patents != nil {
			p, err := s.patents.FindPatent(ctx, h.ID)
			if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
				continue // deleted since it was indexed; the tail removes it soon
			} else if err != nil {
				return err
			}
			hit.Patent, title, abstract = briefPatent(p), p.Title, p.Abstract
		}
		// Fragments are of the brief title and of a window of what the index
		// holds of the abstract.
		title = snippet(title, hitTitleRunes)
		cutString(&abstract, maxAbstractBytes)
		if len(terms) > 0 {
			hit.Fragments = fragments(title, abstract, terms)
		}
		out.Hits = append(out.Hits, hit)
	}
	return nil
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

// grades reads the grades of a page of hits from their stored facet values
// ("g:A"), in one request for the page alone.
func (s *Searcher) grades(ctx context.Context, hits bsearch.DocumentMatchCollection) (map[string]string, error) {
	out := map[string]string{}
	if len(hits) == 0 {
		return out, nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{"facets"}
	res, err := s.ix.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: grades: %w", err)
	}
	for _, h := range res.Hits {
		var vs []any
		switch v := h.Fields["facets"].(type) {
		case string:
			vs = []any{v}
		case []any:
			vs = v
		}
		for _, v := range vs {
			if g, ok := v.(string); ok && strings.HasPrefix(g, "g:") {
				out[h.ID] = strings.TrimPrefix(g, "g:")
			}
		}
	}
	return out, nil
}
