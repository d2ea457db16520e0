package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// searchView is the data of the full-text search page.
type searchView struct {
	listView
	Query     string
	Grades    []option
	Orders    []option    // the search's sort orders
	Export    *exportLink // nil: nothing to export
	Hits      []searchHitView
	Facets    []facetView
	IndexNote string
	Partial   bool // no patent has every word; the hits have some
}

// searchHitView is one hit with its highlighted title and abstract. The fragments
// come from Bleve's HTML formatter, which escapes the stored text and adds only
// <mark> tags, so they are safe as template.HTML.
type searchHitView struct {
	httpx.PatentView
	TitleHTML    template.HTML
	AbstractHTML template.HTML
	Grade        string // the latest screening grade, "" if none
}

// facetView is one facet with its top values; a value links to the search narrowed by it.
type facetView struct {
	Label  string
	Values []facetValue
}

type facetValue struct {
	Label  string
	Count  int
	URL    string // "" when the facet cannot filter (industries)
	Active bool
}

// searchPage serves /search: a query with the list filters, highlighted hits,
// facets and the index's progress. A bad filter is explained above the form.
func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := searchView{listView: s.listForm(q), Query: q.Get("q")}
	for _, g := range []string{"A", "B", "C", "D"} {
		v.Grades = append(v.Grades, option{g, g + " 级", q.Get("grade") == g})
	}
	for _, o := range patentbridge.SearchSorts {
		v.Orders = append(v.Orders, option{o.Value, o.Label, q.Get("sort") == o.Value || (q.Get("sort") == "" && o.Value == patentbridge.SortRelevance)})
	}
	v.IndexNote = indexNote(s.Search.Status(r.Context()))
	if v.Query == "" && !hasFilter(q) {
		s.render(w, r, http.StatusOK, "search", "全文检索", "search", v)
		return
	}
	sq, err := httpx.ParseSearchQuery(withoutOffset(q))
	if err == nil {
		err = applyPage(&sq.Filter, q.Get("page"))
	}
	var res *patentbridge.SearchResult
	if err == nil {
		res, err = s.Search.Search(r.Context(), sq)
	}
	if err != nil {
		switch patentbridge.ErrorCode(err) {
		case patentbridge.EINVALID:
			v.Error, v.ErrorField = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
			s.render(w, r, http.StatusBadRequest, "search", "全文检索", "search", v)
		case patentbridge.EUNAVAILABLE: // the index is being rebuilt: the form stays, with why
			httpx.SetRetryAfter(w, err)
			v.Error, v.IndexNote = patentbridge.ErrorMessage(err), ""
			s.render(w, r, http.StatusServiceUnavailable, "search", "全文检索", "search", v)
		default:
			s.errorPage(w, r, err)
		}
		return
	}
	for _, h := range res.Hits {
		if h.Patent == nil {
			continue
		}
		hv := searchHitView{PatentView: httpx.NewPatentView(h.Patent, s.Ref), Grade: h.Grade}
		hv.TitleHTML = fragment(h.Fragments["title"], h.Patent.Title)
		hv.AbstractHTML = fragment(h.Fragments["abstract"], "")
		v.Hits = append(v.Hits, hv)
	}
	f := sq.Filter
	v.Total, v.Partial = res.Total, res.Partial
	v.Pager = httpx.NewPager("/search", q, res.Total, f.Limit, f.Offset)
	v.Export = newExportLink("/search.xlsx", q, res.Total)
	if len(res.Hits) > 0 {
		v.From, v.To = f.Offset+1, f.Offset+len(res.Hits)
	}
	v.Facets = s.facetViews(q, res.Facets)
	s.render(w, r, http.StatusOK, "search", "全文检索", "search", v)
}

// fragment returns the first highlighted fragment, or the escaped plain text.
func fragment(frags []string, plain string) template.HTML {
	if len(frags) > 0 {
		return template.HTML(frags[0]) // escaped by Bleve's HTML formatter
	}
	return template.HTML(template.HTMLEscapeString(plain))
}

// facetViews labels the facets in display order and links their values.
func (s *Server) facetViews(q url.Values, facets map[string][]patentbridge.FacetCount) []facetView {
	var out []facetView
	for _, f := range []struct{ key, param, label string }{
		{"kind", "kind", "专利类型"}, {"grade", "grade", "分级"}, {"city", "city", "城市"}, {"industry", "industry", "产业"},
	} {
		fv := facetView{Label: f.label}
		for _, c := range facets[f.key] {
			val := facetValue{Label: c.Value, Count: c.Count}
			switch f.key {
			case "kind":
				val.Label = patentbridge.Kind(c.Value).Label()
			case "grade":
				val.Label = c.Value + " 级"
			case "city":
				if s.Ref != nil {
					if n := s.Ref.CityName(c.Value); n != "" {
						val.Label = n
					}
				}
			}
			if f.param != "" {
				val.Active = q.Get(f.param) == c.Value
				val.URL = searchURL(q, f.param, c.Value)
			}
			fv.Values = append(fv.Values, val)
		}
		if len(fv.Values) > 0 {
			out = append(out, fv)
		}
	}
	return out
}

// searchURL is the page's address with one parameter set (back to page 1 unless
// the parameter is the page).
func searchURL(q url.Values, key, value string) string {
	c := withoutOffset(q)
	for k, v := range c {
		if len(v) == 1 && v[0] == "" {
			delete(c, k)
		}
	}
	c.Set(key, value)
	return "/search?" + c.Encode()
}

// hasFilter reports whether any list filter is set.
func hasFilter(q url.Values) bool {
	for _, k := range []string{"kind", "owner_type", "owner", "city", "ipc", "status", "grant_year_from", "grant_year_to", "grade"} {
		if q.Get(k) != "" {
			return true
		}
	}
	return false
}

// indexNote tells the user how complete the index is, "" when it is current.
func indexNote(st patentbridge.IndexStatus) string {
	switch {
	case st.Rebuilding && st.Building:
		return fmt.Sprintf("全文索引正在重建（已完成 %d%%），暂不能检索，请稍后再试", int(st.Progress*100))
	case st.Rebuilding:
		return "全文索引正在重建，暂不能检索，请稍后再试"
	case st.Building:
		return fmt.Sprintf("索引中：已完成 %d%%，检索结果暂不完整", int(st.Progress*100))
	}
	return httpx.IndexLagNote(st)
}
