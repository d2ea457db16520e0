package search

import (
	"hash/fnv"
	"sort"
	"strconv"
	"strings"

	"patentbridge"
)

// facetFields are the facets of every search, by result name, with their code
// in the "facets" field and how many values each shows.
var facetFields = []struct {
	name, code string
	size       int
}{{"kind", "k", 5}, {"grade", "g", 5}, {"city", "c", 25}, {"industry", "i", 15}}

// facetValues are a doc's values of every facet, kept short: counting a facet
// decodes the values of every hit (in chunks of a thousand docs), so their size
// is what a broad search's facets cost. An industry, a long Chinese label, is
// the hash of its name (industryCode); the "industries" field keeps the names.
func facetValues(d Doc) []string {
	var out []string
	add := func(code, v string) {
		if v != "" {
			out = append(out, code+":"+v)
		}
	}
	add("k", d.Kind)
	add("g", d.Grade)
	add("c", d.City)
	for _, in := range d.Industries {
		add("i", industryCode(in))
	}
	return out
}

// industryCode is an industry name's short code: its 32-bit FNV-1a hash in base 36.
func industryCode(name string) string {
	h := fnv.New32a()
	h.Write([]byte(name))
	return strconv.FormatUint(uint64(h.Sum32()), 36)
}

// facetCounts returns each facet's top values, most frequent first, from the
// hits' counts by "facets" term; industries maps industry codes back to names.
func facetCounts(terms map[string]int, industries map[string]string) map[string][]patentbridge.FacetCount {
	by := map[string][]patentbridge.FacetCount{}
	for term, n := range terms {
		code, v, ok := strings.Cut(term, ":")
		if !ok || v == "" {
			continue
		}
		if code == "i" {
			if v = industries[v]; v == "" {
				continue // a name no doc holds any more
			}
		}
		by[code] = append(by[code], patentbridge.FacetCount{Value: v, Count: n})
	}
	out := map[string][]patentbridge.FacetCount{}
	for _, f := range facetFields {
		counts := by[f.code]
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

// industryNames maps the codes of the industries in the index to their names,
// read from the "industries" field's term dictionary.
func (ix *Index) industryNames() (map[string]string, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	bi, err := ix.live()
	if err != nil {
		return nil, err
	}
	d, err := bi.FieldDict("industries")
	if err != nil {
		return nil, err
	}
	defer d.Close()
	out := map[string]string{}
	for e, err := d.Next(); e != nil || err != nil; e, err = d.Next() {
		if err != nil {
			return nil, err
		}
		out[industryCode(e.Term)] = e.Term
	}
	return out, nil
}
