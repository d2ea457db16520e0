package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"patentbridge"
)

func TestSearchFilters(t *testing.T) {
	f := MustRealFixture(t)
	tests := []struct {
		name string
		q    patentbridge.SearchQuery
		keep func(p *patentbridge.Patent, grade string) bool
	}{
		{"utility models", patentbridge.SearchQuery{Filter: patentbridge.PatentFilter{Kind: patentbridge.KindUtility}},
			func(p *patentbridge.Patent, _ string) bool { return p.Kind == patentbridge.KindUtility }},
		{"city and grade", patentbridge.SearchQuery{Filter: patentbridge.PatentFilter{City: "5107"}, Grade: "A"},
			func(p *patentbridge.Patent, g string) bool { return p.RegionCode[:4] == "5107" && g == "A" }},
		{"IPC subclass", patentbridge.SearchQuery{Filter: patentbridge.PatentFilter{IPCPrefix: "H01M"}},
			func(p *patentbridge.Patent, _ string) bool { return hasPrefix(p.IPC, "H01M") }},
		{"grant years", patentbridge.SearchQuery{Filter: patentbridge.PatentFilter{GrantYearFrom: 2018, GrantYearTo: 2019}},
			func(p *patentbridge.Patent, _ string) bool { y := p.GrantDate.Year(); return y == 2018 || y == 2019 }},
		{"industry", patentbridge.SearchQuery{Industry: "涉农专利"},
			func(p *patentbridge.Patent, _ string) bool {
				return slices.Contains(f.industries[p.AppNo], "涉农专利")
			}},
		{"word and IPC", patentbridge.SearchQuery{Text: "电池", Filter: patentbridge.PatentFilter{IPCPrefix: "H01M"}},
			func(p *patentbridge.Patent, _ string) bool {
				return hasPrefix(p.IPC, "H01M") && (strings.Contains(p.Title, "电池") || strings.Contains(refTitles(p), "电池"))
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := 0
			for id, p := range f.patents {
				if tt.keep(p, f.grades[id]) {
					want++
				}
			}
			tt.q.Filter.Limit = 200
			res := MustSearch(t, f, tt.q)
			if want == 0 || res.Total != want {
				t.Fatalf("total %d, want %d", res.Total, want)
			}
			for _, h := range res.Hits {
				if p := f.patents[h.AppNo]; !tt.keep(p, f.grades[h.AppNo]) {
					t.Errorf("hit %s %q does not pass the filter", h.AppNo, p.Title)
				}
			}
		})
	}
}

func TestSearchFacetsCountMatches(t *testing.T) {
	f := MustRealFixture(t)
	res := MustSearch(t, f, patentbridge.SearchQuery{Filter: patentbridge.PatentFilter{Kind: patentbridge.KindUtility, Limit: 5}})
	want := map[string]map[string]int{"kind": {}, "city": {}, "grade": {}, "industry": {}}
	for id, p := range f.patents {
		if p.Kind != patentbridge.KindUtility {
			continue
		}
		want["kind"][string(p.Kind)]++
		want["city"][p.RegionCode[:4]]++
		if g := f.grades[id]; g != "" {
			want["grade"][g]++
		}
		for _, in := range f.industries[id] {
			want["industry"][in]++
		}
	}
	for name, counts := range want {
		got := map[string]int{}
		for _, c := range res.Facets[name] {
			got[c.Value] = c.Count
		}
		if diff := cmp.Diff(counts, got); diff != "" {
			t.Errorf("facet %s (-want +got):\n%s", name, diff)
		}
	}
	if len(res.Hits) != 5 {
		t.Errorf("%d hits on the page, want 5", len(res.Hits))
	}
}

func hasPrefix(codes []string, prefix string) bool {
	for _, c := range codes {
		if strings.HasPrefix(c, prefix) {
			return true
		}
	}
	return false
}

// refTitles is the ipc_titles text DocFromPatent makes of p.
func refTitles(p *patentbridge.Patent) string { return DocFromPatent(p, nil, DocExtra{}).IPCTitles }
