package search

import (
	"context"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// maxTextTerms is how many distinct bigrams of a long text score it: the rarest
// ones. A 300-character need has some 250 bigrams, most of them common, with long
// posting lists and small BM25 weights.
const maxTextTerms = 48

// firstStageTerms is how many of those, the rarest, pick a long text's first
// stage: the union of their postings is what the first stage costs, and the
// rarest bigrams are the ones that single out the docs about the need.
const firstStageTerms = 24

// textTerm is a distinct bigram of the text with its count (weighted by its
// part's subject weight, see textPart) and document frequency.
type textTerm struct {
	term  string
	count float64
	df    uint64
}

// textTerms returns the text's distinct index terms (cjk bigrams) with their
// counts, in text order.
func textTerms(text string) []textTerm {
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
	return terms
}

// withDF fills in each term's document frequency in the _all field.
func (m *Matcher) withDF(ctx context.Context, terms []textTerm) error {
	r, err := m.ix.reader()
	if err != nil {
		return err
	}
	defer r.Close()
	for i := range terms {
		tfr, err := r.TermFieldReader(ctx, []byte(terms[i].term), "_all", false, false, false)
		if err != nil {
			return err
		}
		terms[i].df = tfr.Count()
		_ = tfr.Close()
	}
	return nil
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
		q.SetBoost(boost * t.count)
		d.AddQuery(q)
	}
	d.SetBoost(boost)
	return d
}
