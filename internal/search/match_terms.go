package search

import (
	"context"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// maxTextTerms is how many distinct bigrams of a long text the text query keeps:
// the rarest ones. A 300-character need has some 250 bigrams; matched in four
// fields that made a thousand term searchers, most of them on common bigrams
// whose long posting lists cost the time and whose BM25 weight is small.
const maxTextTerms = 48

// firstStageTerms is how many of those, the rarest, pick a long text's first
// stage: the union of their postings is what the first stage costs, and the
// rarest bigrams are the ones that single out the docs about the need.
const firstStageTerms = 24

// textTerm is a distinct bigram of the text with its count and document frequency.
type textTerm struct {
	term  string
	count int
	df    uint64
}

// rareTerms returns the text's distinct index terms, at most maxTextTerms of the
// rarest in the index (by document frequency in the _all field), in text order.
func (m *Matcher) rareTerms(ctx context.Context, text string) []textTerm {
	var terms []textTerm
	at := map[string]int{}
	for _, t := range cjkAnalyzer.Analyze([]byte(text)) {
		s := string(t.Term)
		if i, ok := at[s]; ok {
			terms[i].count++
			continue
		}
		at[s] = len(terms)
		terms = append(terms, textTerm{term: s, count: 1})
	}
	if len(terms) <= maxTextTerms {
		return terms
	}
	if adv, err := m.ix.bi.Advanced(); err == nil {
		if r, err := adv.Reader(); err == nil {
			for i := range terms {
				if tfr, err := r.TermFieldReader(ctx, []byte(terms[i].term), "_all", false, false, false); err == nil {
					terms[i].df = tfr.Count()
					_ = tfr.Close()
				}
			}
			_ = r.Close()
		}
	}
	return rarest(terms, maxTextTerms)
}

// rarest returns the n terms of lowest document frequency, in text order.
func rarest(terms []textTerm, n int) []textTerm {
	if len(terms) <= n {
		return terms
	}
	order := make([]int, len(terms))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return terms[order[a]].df < terms[order[b]].df })
	keep := order[:n]
	sort.Ints(keep)
	out := make([]textTerm, n)
	for i, k := range keep {
		out[i] = terms[k]
	}
	return out
}

// termsQuery matches the terms in one field, each boosted by its count in the
// text (as repeating it in a match query would).
func termsQuery(terms []textTerm, field string, boost float64) query.Query {
	d := bleve.NewDisjunctionQuery()
	for _, t := range terms {
		q := bleve.NewTermQuery(t.term)
		q.SetField(field)
		q.SetBoost(boost * float64(t.count))
		d.AddQuery(q)
	}
	d.SetBoost(boost)
	return d
}
