package search

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"

	"patentbridge"
)

// PatentFinder loads the patents of a page of hits.
type PatentFinder interface {
	// FindPatent returns one patent. Returns ENOTFOUND.
	FindPatent(ctx context.Context, appNo string) (*patentbridge.Patent, error)
}

// Searcher runs full-text searches with filters, highlights and facets.
type Searcher struct {
	ix      *Index
	patents PatentFinder
}

// NewSearcher returns a searcher over ix; patents may be nil (hits then carry no Patent).
func NewSearcher(ix *Index, patents PatentFinder) *Searcher {
	return &Searcher{ix: ix, patents: patents}
}

// fieldBoosts weighs where a word is found: the title most.
var fieldBoosts = []struct {
	field string
	boost float64
}{{"title", 5}, {"abstract", 2}, {"owners", 2}, {"ipc_titles", 1.5}, {"claim", 1}}

// phraseFields keep term vectors (positions), which phrase queries need; the
// other text fields are matched with every bigram present.
var phraseFields = map[string]bool{"title": true, "abstract": true, "claim": true}

// Limits of a query.
const (
	maxQueryRunes = 200
	maxQueryWords = 16
)

// TextQuery is the scoring part of a search for text: each space-separated word
// must be found in some field — as a phrase in title, abstract or claim (exact:
// the cjk analyzer indexes overlapping bigrams, so 电池 matches exactly the texts
// containing 电池), with all its bigrams in owners or IPC titles, or, for a lower
// score, with all its bigrams anywhere in the title or abstract. Words are
// alternatives, and docs with every word rank first (allWordsBoost).
func TextQuery(text string) query.Query {
	words := strings.Fields(text)
	if len(words) > maxQueryWords {
		words = words[:maxQueryWords]
	}
	var perWord []query.Query
	for _, w := range words {
		var alts []query.Query
		for _, f := range fieldBoosts {
			if !phraseFields[f.field] {
				mq := bleve.NewMatchQuery(w)
				mq.SetField(f.field)
				mq.SetOperator(query.MatchQueryOperatorAnd)
				mq.SetBoost(f.boost * 2)
				alts = append(alts, mq)
				continue
			}
			pq := bleve.NewMatchPhraseQuery(w)
			pq.SetField(f.field)
			pq.SetBoost(f.boost * 2)
			alts = append(alts, pq)
			if utf8.RuneCountInString(w) > 2 && (f.field == "title" || f.field == "abstract") {
				mq := bleve.NewMatchQuery(w)
				mq.SetField(f.field)
				mq.SetOperator(query.MatchQueryOperatorAnd)
				mq.SetBoost(f.boost)
				alts = append(alts, mq)
			}
		}
		perWord = append(perWord, bleve.NewDisjunctionQuery(alts...))
	}
	if len(perWord) == 1 {
		return perWord[0]
	}
	all := bleve.NewConjunctionQuery(perWord...)
	all.SetBoost(allWordsBoost)
	return bleve.NewDisjunctionQuery(all, bleve.NewDisjunctionQuery(perWord...))
}

// allWordsBoost lifts docs with every word of a multi-word query above docs with
// only some (BM25 has no coordination factor to do it).
const allWordsBoost = 10

// FilterQuery is the non-scoring part of a search: the list filters and the grade;
// nil when nothing filters.
func FilterQuery(f patentbridge.PatentFilter, grade string) query.Query {
	var qs []query.Query
	term := func(field, v string) {
		if v != "" {
			t := bleve.NewTermQuery(v)
			t.SetField(field)
			qs = append(qs, t)
		}
	}
	term("kind", string(f.Kind))
	term("owner_types", string(f.OwnerType))
	term("city", f.City)
	term("status", string(f.Status))
	term("grade", grade)
	if f.IPCPrefix != "" {
		p := bleve.NewPrefixQuery(f.IPCPrefix)
		p.SetField("ipc")
		qs = append(qs, p)
	}
	if f.Owner != "" {
		pq := bleve.NewMatchPhraseQuery(f.Owner)
		pq.SetField("owners")
		qs = append(qs, pq)
	}
	if f.GrantYearFrom > 0 || f.GrantYearTo > 0 {
		var lo, hi *float64
		if f.GrantYearFrom > 0 {
			v := float64(f.GrantYearFrom)
			lo = &v
		} else {
			v := 1.0 // granted only
			lo = &v
		}
		if f.GrantYearTo > 0 {
			v := float64(f.GrantYearTo)
			hi = &v
		}
		t := true
		r := bleve.NewNumericRangeInclusiveQuery(lo, hi, &t, &t)
		r.SetField("grant_year")
		qs = append(qs, r)
	}
	switch len(qs) {
	case 0:
		return nil
	case 1:
		return qs[0]
	}
	return bleve.NewConjunctionQuery(qs...)
}

// Request builds the Bleve request of a search: text and filters, the page,
// highlights of title and abstract, and the facets.
func Request(q patentbridge.SearchQuery) (*bleve.SearchRequest, error) {
	text := strings.TrimSpace(q.Text)
	if utf8.RuneCountInString(text) > maxQueryRunes {
		return nil, patentbridge.FieldErrorf("q", "检索词过长：最多 %d 个字", maxQueryRunes)
	}
	filter := FilterQuery(q.Filter, q.Grade)
	if text == "" && filter == nil {
		return nil, patentbridge.FieldErrorf("q", "请输入检索词")
	}
	var qq query.Query
	if text != "" {
		b := bleve.NewBooleanQuery()
		b.AddMust(TextQuery(text))
		b.AddFilter(filter)
		qq = b
		if filter == nil {
			qq = TextQuery(text)
		}
	} else {
		qq = filter
	}
	limit := q.Filter.Limit
	if limit <= 0 {
		limit = 20
	}
	req := bleve.NewSearchRequestOptions(qq, limit, q.Filter.Offset, false)
	if text == "" {
		req.SortBy([]string{"-grant_year", "_id"})
	} else {
		req.Highlight = bleve.NewHighlightWithStyle(html.Name)
		req.Highlight.AddField("title")
		req.Highlight.AddField("abstract")
	}
	for _, f := range facetFields {
		req.AddFacet(f.name, bleve.NewFacetRequest(f.field, f.size))
	}
	return req, nil
}

// Search runs q and loads the patents of the page. Returns EINVALID for an empty
// query without filters or a query too long.
func (s *Searcher) Search(ctx context.Context, q patentbridge.SearchQuery) (*patentbridge.SearchResult, error) {
	req, err := Request(q)
	if err != nil {
		return nil, err
	}
	res, err := s.ix.Search(req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out := &patentbridge.SearchResult{Total: int(res.Total), Facets: facetCounts(res), Hits: make([]patentbridge.SearchHit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		hit := patentbridge.SearchHit{AppNo: h.ID, Score: h.Score, Fragments: h.Fragments}
		if s.patents != nil {
			p, err := s.patents.FindPatent(ctx, h.ID)
			if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
				continue // deleted since it was indexed; the tail removes it soon
			} else if err != nil {
				return nil, err
			}
			hit.Patent = p
		}
		out.Hits = append(out.Hits, hit)
	}
	return out, nil
}
