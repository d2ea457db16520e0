package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
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

// Boosts of where a word is found: as a phrase in the title, in the abstract, or
// anywhere (title, abstract, first claim, owners, IPC titles: Bleve's _all field).
const (
	titleBoost    = 10
	abstractBoost = 4
	anyBoost      = 1
)

// Limits of a query.
const (
	maxQueryRunes = 200
	maxQueryWords = 16
)

// queryWords splits a search text into its words (at most maxQueryWords).
func queryWords(text string) []string {
	words := strings.Fields(text)
	if len(words) > maxQueryWords {
		words = words[:maxQueryWords]
	}
	return words
}

// wordQuery scores one word: it must be found somewhere (its bigrams all in the
// _all field: the cjk analyzer indexes overlapping bigrams, so 电池 matches exactly
// the texts containing 电池), and as a phrase in the title or abstract it scores
// far higher. Three searchers a word keep it close to a plain match query's cost.
func wordQuery(w string) query.Query {
	anywhere := bleve.NewMatchQuery(w)
	anywhere.SetOperator(query.MatchQueryOperatorAnd)
	anywhere.SetBoost(anyBoost)
	return bleve.NewDisjunctionQuery(inField(w, "title", titleBoost), inField(w, "abstract", abstractBoost), anywhere)
}

// TextQuery is the scoring part of a search for text: every space-separated word
// must be found, as in any search engine. Intersecting the words' postings is what
// keeps a search fast on a million patents; a union scores every doc holding any
// common word.
func TextQuery(text string) query.Query {
	words := queryWords(text)
	if len(words) == 1 {
		return wordQuery(words[0])
	}
	all := bleve.NewConjunctionQuery()
	for _, w := range words {
		all.AddQuery(wordQuery(w))
	}
	return all
}

// maxSubsetWords is the most words whose subsets the fallback enumerates; longer
// texts fall back to any word at once.
const maxSubsetWords = 5

// SomeWordsQuery is the fallback of a multi-word search that no doc matches in
// full: docs holding k of the words (any k of them, each set intersected, which
// stays fast where a union of common words would not). k below 1 or texts of more
// than maxSubsetWords words take the docs with any word.
func SomeWordsQuery(text string, k int) query.Query {
	words := queryWords(text)
	if k <= 1 || len(words) > maxSubsetWords {
		any := bleve.NewDisjunctionQuery()
		for _, w := range words {
			any.AddQuery(wordQuery(w))
		}
		return any
	}
	some := bleve.NewDisjunctionQuery()
	for _, set := range subsets(len(words), k) {
		all := bleve.NewConjunctionQuery()
		for _, i := range set {
			all.AddQuery(wordQuery(words[i]))
		}
		some.AddQuery(all)
	}
	return some
}

// subsets lists the k-element subsets of 0..n-1 in lexical order.
func subsets(n, k int) [][]int {
	var out [][]int
	var walk func(start int, cur []int)
	walk = func(start int, cur []int) {
		if len(cur) == k {
			out = append(out, slices.Clone(cur))
			return
		}
		for i := start; i < n; i++ {
			walk(i+1, append(cur, i))
		}
	}
	walk(0, nil)
	return out
}

// inField matches a word in one field: a phrase, or for one bigram (two
// characters) simply the term, which needs no positions.
func inField(w, field string, boost float64) query.Query {
	if utf8.RuneCountInString(w) <= 2 {
		q := bleve.NewMatchQuery(w)
		q.SetField(field)
		q.SetBoost(boost)
		return q
	}
	q := bleve.NewMatchPhraseQuery(w)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// FilterQuery is the non-scoring part of a search: the list filters, the grade and
// the industry; nil when nothing filters.
func FilterQuery(f patentbridge.PatentFilter, grade, industry string) query.Query {
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
	term("industries", industry)
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

// Request builds the Bleve request of a search: text (every word) and filters and
// the page (facets and highlights are Search's work).
func Request(q patentbridge.SearchQuery) (*bleve.SearchRequest, error) {
	return request(q, TextQuery)
}

// request builds a search's Bleve request with textQuery scoring the text.
func request(q patentbridge.SearchQuery, textQuery func(string) query.Query) (*bleve.SearchRequest, error) {
	text := strings.TrimSpace(q.Text)
	if utf8.RuneCountInString(text) > maxQueryRunes {
		return nil, patentbridge.FieldErrorf("q", "检索词过长：最多 %d 个字", maxQueryRunes)
	}
	filter := FilterQuery(q.Filter, q.Grade, q.Industry)
	if text == "" && filter == nil {
		return nil, patentbridge.FieldErrorf("q", "请输入检索词")
	}
	var qq query.Query
	if text != "" {
		b := bleve.NewBooleanQuery()
		b.AddMust(textQuery(text))
		b.AddFilter(filter)
		qq = b
		if filter == nil {
			qq = textQuery(text)
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
	}
	return req, nil
}

// FacetLimit is the most hits facets are counted over: counting reads every hit's
// values, which on a broad query of a large index costs more than the search.
var FacetLimit = 20_000

// Search runs q and loads the patents of the page: the docs with every word, or
// when a multi-word text has none, those with some of the words (Partial).
// Returns EINVALID for an empty query without filters or a query too long.
func (s *Searcher) Search(ctx context.Context, q patentbridge.SearchQuery) (*patentbridge.SearchResult, error) {
	if _, err := Request(q); err != nil {
		return nil, err
	}
	// The facets of the docs with every word are counted while the scored search
	// runs (on another core); they are dropped if the search falls back to fewer
	// words or finds more than FacetLimit docs.
	fctx, cancel := context.WithCancel(ctx)
	defer cancel()
	facets := s.facetsAsync(fctx, q)
	res, err := s.run(ctx, q, TextQuery)
	if err != nil {
		return nil, err
	}
	matched := 0 // words each hit holds, in a partial result
	n := len(queryWords(q.Text))
	partial := res.Total == 0 && n > 1
	if partial {
		cancel()
	}
	for k := n - 1; partial && k >= 1 && res.Total == 0; k-- {
		if n > maxSubsetWords {
			k = 1
		}
		some := func(text string) query.Query { return SomeWordsQuery(text, k) }
		if res, err = s.run(ctx, q, some); err != nil {
			return nil, err
		}
		matched = k
	}
	out := &patentbridge.SearchResult{Total: int(res.Total), Partial: partial && res.Total > 0,
		Hits: make([]patentbridge.SearchHit, 0, len(res.Hits)), Facets: facetCounts(nil)}
	if res.Total > 0 && res.Total <= uint64(FacetLimit) {
		var fres *bleve.SearchResult
		if partial {
			fres, err = s.facets(ctx, q, matched)
		} else {
			r := <-facets
			fres, err = r.res, r.err
		}
		if err != nil {
			return nil, fmt.Errorf("search: facets: %w", err)
		}
		out.Facets = facetCounts(fres)
	} else {
		cancel()
	}
	terms := queryTerms(q.Text)
	for _, h := range res.Hits {
		hit := patentbridge.SearchHit{AppNo: h.ID, Score: h.Score}
		title, abstract := stringField(h.Fields, "title"), stringField(h.Fields, "abstract")
		if s.patents != nil {
			p, err := s.patents.FindPatent(ctx, h.ID)
			if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
				continue // deleted since it was indexed; the tail removes it soon
			} else if err != nil {
				return nil, err
			}
			hit.Patent, title, abstract = p, p.Title, p.Abstract
		}
		if len(terms) > 0 {
			hit.Fragments = fragments(title, abstract, terms)
		}
		out.Hits = append(out.Hits, hit)
	}
	return out, nil
}

// facetResult is the outcome of a facet count run in the background.
type facetResult struct {
	res *bleve.SearchResult
	err error
}

// facetsAsync counts the facets of the docs with every word in a goroutine; the
// channel always receives one result (an error once ctx is cancelled).
func (s *Searcher) facetsAsync(ctx context.Context, q patentbridge.SearchQuery) <-chan facetResult {
	ch := make(chan facetResult, 1)
	go func() {
		res, err := s.facets(ctx, q, 0)
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

// hitSetQuery matches the same docs as the search's query at a fraction of the
// cost, for counting facets: each word's bigrams in the _all field (a phrase in
// the title or abstract implies them), unscored, every word or (matched > 0) any
// matched of them, and the filters.
func hitSetQuery(q patentbridge.SearchQuery, matched int) query.Query {
	filter := FilterQuery(q.Filter, q.Grade, q.Industry)
	words := queryWords(strings.TrimSpace(q.Text))
	if len(words) == 0 {
		return filter
	}
	var set query.Query
	perWord := make([]query.Query, len(words))
	for i, w := range words {
		m := bleve.NewMatchQuery(w)
		m.SetOperator(query.MatchQueryOperatorAnd)
		perWord[i] = m
	}
	switch {
	case matched == 0:
		set = bleve.NewConjunctionQuery(perWord...)
	case matched == 1 || len(words) > maxSubsetWords:
		set = bleve.NewDisjunctionQuery(perWord...)
	default:
		some := bleve.NewDisjunctionQuery()
		for _, sub := range subsets(len(words), matched) {
			all := bleve.NewConjunctionQuery()
			for _, i := range sub {
				all.AddQuery(perWord[i])
			}
			some.AddQuery(all)
		}
		set = some
	}
	if filter == nil {
		return set
	}
	return bleve.NewConjunctionQuery(set, filter)
}

func stringField(fields map[string]any, name string) string {
	s, _ := fields[name].(string)
	return s
}
