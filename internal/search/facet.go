package search

import (
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"patentbridge"
)

// facetFields are the facets of every search, by result name, with how many
// values each shows.
var facetFields = []struct {
	name string
	size int
}{{"kind", 5}, {"grade", 5}, {"city", 25}, {"industry", 15}}

// facetRequest counts every facet in one pass over the "facets" field (values
// "name:value"); its size covers every value of every facet.
func facetRequest() *bleve.FacetRequest { return bleve.NewFacetRequest("facets", 1000) }

// facetCounts returns each facet's top values, most frequent first (empty lists
// for a nil result).
func facetCounts(res *bleve.SearchResult) map[string][]patentbridge.FacetCount {
	by := map[string][]patentbridge.FacetCount{}
	if fr := facetOf(res, "facets"); fr != nil && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			if name, v, ok := strings.Cut(t.Term, ":"); ok && v != "" {
				by[name] = append(by[name], patentbridge.FacetCount{Value: v, Count: t.Count})
			}
		}
	}
	out := map[string][]patentbridge.FacetCount{}
	for _, f := range facetFields {
		counts := by[f.name]
		sort.SliceStable(counts, func(i, j int) bool {
			if counts[i].Count != counts[j].Count {
				return counts[i].Count > counts[j].Count
			}
			return counts[i].Value < counts[j].Value
		})
		out[f.name] = append([]patentbridge.FacetCount{}, counts[:min(len(counts), f.size)]...)
	}
	return out
}

func facetOf(res *bleve.SearchResult, name string) *search.FacetResult {
	if res == nil {
		return nil
	}
	return res.Facets[name]
}
