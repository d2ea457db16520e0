package search

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"
)

// longCandidates ranks the docs for a text of many distinct bigrams (a demand's
// description): its rarest bigrams held by some doc, in the _all field, pick the first stage's docs,
// which are then scored here, from their stored title and abstract, by the BM25
// of the text's maxTextTerms rarest bigrams and of its keywords as phrases. Doing
// the second stage in Bleve advanced every term's postings to every candidate,
// which kept half the index file in memory on a large index.
func (m *Matcher) longCandidates(ctx context.Context, terms []textTerm, kws []Keyword, filter query.Query) ([]*candidate, error) {
	if err := m.withDF(ctx, terms); err != nil {
		return nil, fmt.Errorf("search: match terms: %w", err)
	}
	// A bigram no doc holds is the rarest of all and matches nothing.
	terms = slices.DeleteFunc(terms, func(t textTerm) bool { return t.df == 0 })
	if len(terms) == 0 {
		return nil, nil
	}
	broad := termsQuery(rarest(terms, firstStageTerms), "_all", 1)
	hits, err := m.search(ctx, broad, firstStage*m.opts.Candidates, filter)
	if len(hits) == 0 || err != nil {
		return nil, err
	}
	docs, _ := m.ix.Count()
	cands := make([]*candidate, len(hits))
	for i, h := range hits {
		cands[i] = candidateOf(h)
	}
	s := newRescorer(rarest(terms, maxTextTerms), terms, kws, float64(docs))
	s.score(cands)
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].text > cands[j].text })
	cands = cands[:min(len(cands), m.opts.Candidates)]
	if top := cands[0].text; top > 0 {
		for _, c := range cands {
			c.text /= top
		}
	}
	return cands, nil
}

// BM25 parameters, Bleve's.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// rescorer scores candidates by BM25 in their title (weight 1.5) and abstract
// (1), as Bleve scores a disjunction of term queries in those fields.
type rescorer struct {
	terms []textTerm
	idf   map[string]float64 // of every bigram of the text
	kws   []Keyword
}

func newRescorer(scoring, all []textTerm, kws []Keyword, docs float64) *rescorer {
	r := &rescorer{terms: scoring, idf: make(map[string]float64, len(all)), kws: kws}
	for _, t := range all {
		df := float64(t.df)
		r.idf[t.term] = math.Log(1 + (docs-df+0.5)/(df+0.5))
	}
	return r
}

// fieldText is one candidate field's bigram counts and length.
type fieldText struct {
	counts map[string]int
	n      int
	text   string
}

func newField(text string) fieldText {
	f := fieldText{counts: map[string]int{}, text: text}
	for _, t := range cjkAnalyzer.Analyze([]byte(text)) {
		f.counts[string(t.Term)]++
		f.n++
	}
	return f
}

// score sets each candidate's text score.
func (r *rescorer) score(cands []*candidate) {
	titles, abstracts := make([]fieldText, len(cands)), make([]fieldText, len(cands))
	var tl, al float64
	for i, c := range cands {
		titles[i], abstracts[i] = newField(c.title), newField(c.abstract)
		tl += float64(titles[i].n)
		al += float64(abstracts[i].n)
	}
	tl, al = max(1, tl/float64(len(cands))), max(1, al/float64(len(cands)))
	for i, c := range cands {
		c.text = 1.5*r.fieldScore(titles[i], tl) + r.fieldScore(abstracts[i], al)
	}
}

// fieldScore is the text's BM25 in one field: its terms (each as often as the
// text repeats it) and its keywords as phrases (each bigram of a keyword found
// as often as the keyword), the keywords weighted relative to the first.
func (r *rescorer) fieldScore(f fieldText, avg float64) float64 {
	norm := bm25K1 * (1 - bm25B + bm25B*float64(f.n)/avg)
	tf := func(n int) float64 { return float64(n) * (bm25K1 + 1) / (float64(n) + norm) }
	var s float64
	for _, t := range r.terms {
		if n := f.counts[t.term]; n > 0 {
			s += t.count * r.idf[t.term] * tf(n)
		}
	}
	if len(r.kws) == 0 {
		return s
	}
	top := r.kws[0].Weight
	for _, k := range r.kws {
		n := strings.Count(f.text, k.Word)
		if n == 0 {
			continue
		}
		var idf float64
		for _, t := range cjkAnalyzer.Analyze([]byte(k.Word)) {
			idf += r.idf[string(t.Term)]
		}
		s += k.Weight / top * idf * tf(n)
	}
	return s
}
