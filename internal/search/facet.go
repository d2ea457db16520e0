package search

import (
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"patentbridge"
)

// facetFields are the facets of every search, by result name.
var facetFields = []struct {
	name, field string
	size        int
}{{"kind", "kind", 5}, {"grade", "grade", 5}, {"city", "city", 25}, {"industry", "industries", 15}}

// facetCounts returns each facet's top values, most frequent first (empty lists for a nil result).
func facetCounts(res *bleve.SearchResult) map[string][]patentbridge.FacetCount {
	out := map[string][]patentbridge.FacetCount{}
	for _, f := range facetFields {
		counts := []patentbridge.FacetCount{}
		if fr := facetOf(res, f.name); fr != nil && fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				if t.Term == "" { // docs without the field
					continue
				}
				counts = append(counts, patentbridge.FacetCount{Value: t.Term, Count: t.Count})
			}
		}
		sort.SliceStable(counts, func(i, j int) bool {
			if counts[i].Count != counts[j].Count {
				return counts[i].Count > counts[j].Count
			}
			return counts[i].Value < counts[j].Value
		})
		out[f.name] = counts
	}
	return out
}

func facetOf(res *bleve.SearchResult, name string) *search.FacetResult {
	if res == nil {
		return nil
	}
	return res.Facets[name]
}
