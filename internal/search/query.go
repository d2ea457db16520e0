package search

import (
	"context"
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

// wordIn matches the docs holding a word in a field: all its bigrams (the cjk
// analyzer indexes overlapping bigrams, so 电池 matches exactly the texts
// containing 电池), scored by BM25.
func wordIn(w, field string) *query.MatchQuery {
	m := bleve.NewMatchQuery(w)
	m.SetField(field)
	m.SetOperator(query.MatchQueryOperatorAnd)
	return m
}

// WordsIn matches the docs holding every word of text in a field ("_all": title,
// abstract, first claim, owners and IPC titles). Intersecting the words' postings
// is what keeps a search fast on a million patents; a union would score every doc
// holding any common word.
func WordsIn(text, field string) query.Query {
	words := queryWords(text)
	if len(words) == 1 {
		return wordIn(words[0], field)
	}
	all := bleve.NewConjunctionQuery()
	for _, w := range words {
		all.AddQuery(wordIn(w, field))
	}
	return all
}

// maxSubsetWords is the most words whose subsets the fallback enumerates; longer
// texts fall back to any word at once.
const maxSubsetWords = 5

// SomeWordsQuery is the fallback of a multi-word search that no doc matches in
// full: docs holding k of the words (any k of them, each set intersected, which
// stays fast where a union of common words would not). k below 1 or texts of more
// than maxSubsetWords words take the docs with any word. A word found in the
// title weighs titleBoost times more, as the title tier ranks a full match first.
func SomeWordsQuery(text string, k int) query.Query {
	words := queryWords(text)
	word := func(w string) query.Query {
		inTitle := wordIn(w, "title")
		inTitle.SetBoost(titleBoost)
		return bleve.NewDisjunctionQuery(inTitle, wordIn(w, "_all"))
	}
	if k <= 1 || len(words) > maxSubsetWords {
		any := bleve.NewDisjunctionQuery()
		for _, w := range words {
			any.AddQuery(word(w))
		}
		return any
	}
	some := bleve.NewDisjunctionQuery()
	for _, set := range subsets(len(words), k) {
		all := bleve.NewConjunctionQuery()
		for _, i := range set {
			all.AddQuery(word(words[i]))
		}
		some.AddQuery(all)
	}
	return some
}

// titleBoost is how much more a word weighs in the title than anywhere, in a
// partial match.
const titleBoost = 10

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

// Request builds the Bleve request of a search: text (every word anywhere) and
// filters and the page (tiers, facets and highlights are Search's work).
func Request(q patentbridge.SearchQuery) (*bleve.SearchRequest, error) {
	return request(q, anywhere)
}

// anywhere matches every word of a text in the _all field.
func anywhere(text string) query.Query { return WordsIn(text, "_all") }

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
	req := bleve.NewSearchRequestOptions(qq, pageLimit(q.Filter.Limit), q.Filter.Offset, false)
	switch {
	case q.Sort == patentbridge.SortGrantDate:
		req.SortBy([]string{"-grant_day", "-_score", "_id"})
	case q.Sort == patentbridge.SortGrade:
		req.SortBy([]string{"-grade_rank", "-_score", "-grant_day", "_id"})
	case text == "":
		req.SortBy([]string{"-grant_day", "_id"})
	}
	return req, nil
}

// hitSetQuery matches the docs a search finds, for counting them and their
// facets: each word's bigrams in the _all field, every word or (matched > 0) any
// matched of them, and the filters; nil without text or filters.
func hitSetQuery(q patentbridge.SearchQuery, matched int) query.Query {
	filter := FilterQuery(q.Filter, q.Grade, q.Industry)
	words := queryWords(strings.TrimSpace(q.Text))
	if len(words) == 0 {
		return filter
	}
	var set query.Query
	perWord := make([]query.Query, len(words))
	for i, w := range words {
		perWord[i] = wordIn(w, "_all")
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
