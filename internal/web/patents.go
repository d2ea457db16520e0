package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// option is one choice of a select element.
type option struct {
	Value    string
	Label    string
	Selected bool
}

// listView is the data of the patent list page.
type listView struct {
	Form                                       url.Values
	Error                                      string
	ErrorField                                 string
	Kinds, OwnerTypes, Cities, Statuses, Sorts []option

	Total, From, To int
	Pager           httpx.Pager
	Items           []httpx.PatentView
}

var sortOptions = []option{
	{Value: "", Label: "默认（申请号）"},
	{Value: "-app_date", Label: "申请日（新→旧）"},
	{Value: "app_date", Label: "申请日（旧→新）"},
	{Value: "-grant_date", Label: "授权日（新→旧）"},
	{Value: "grant_date", Label: "授权日（旧→新）"},
	{Value: "title", Label: "专利名称"},
}

// patentList serves the searchable, paginated patent list. A bad filter shows
// its Chinese explanation above the form, with status 400 and no results.
func (s *Server) patentList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := s.listForm(q)
	f, err := httpx.ParsePatentFilter(withoutOffset(q))
	if err == nil {
		err = applyPage(&f, q.Get("page"))
	}
	if err != nil {
		if patentbridge.ErrorCode(err) != patentbridge.EINVALID {
			s.errorPage(w, r, err)
			return
		}
		v.Error, v.ErrorField = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
		s.render(w, r, http.StatusBadRequest, "patents", "专利检索", "patents", v)
		return
	}
	ps, total, err := s.Patents.ListPatents(r.Context(), f)
	if err != nil {
		if patentbridge.ErrorCode(err) == patentbridge.EINVALID {
			v.Error, v.ErrorField = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
			s.render(w, r, http.StatusBadRequest, "patents", "专利检索", "patents", v)
			return
		}
		s.errorPage(w, r, err)
		return
	}
	for _, p := range ps {
		v.Items = append(v.Items, httpx.NewPatentView(p, s.Ref))
	}
	v.Total, v.Pager = total, httpx.NewPager("/patents", q, total, f.Limit, f.Offset)
	if len(ps) > 0 {
		v.From, v.To = f.Offset+1, f.Offset+len(ps)
	}
	s.render(w, r, http.StatusOK, "patents", "专利检索", "patents", v)
}

// listForm builds the form's choices with the submitted values selected.
func (s *Server) listForm(q url.Values) listView {
	v := listView{Form: q}
	for _, k := range patentbridge.Kinds {
		v.Kinds = append(v.Kinds, option{string(k), k.Label(), q.Get("kind") == string(k)})
	}
	for _, t := range patentbridge.PartyTypes {
		v.OwnerTypes = append(v.OwnerTypes, option{string(t), t.Label(), q.Get("owner_type") == string(t)})
	}
	for _, st := range patentbridge.LegalStatuses {
		v.Statuses = append(v.Statuses, option{string(st), st.Label(), q.Get("status") == string(st)})
	}
	v.Cities = s.sichuanCities(q.Get("city"))
	for _, o := range sortOptions {
		o.Selected = q.Get("sort") == o.Value
		v.Sorts = append(v.Sorts, o)
	}
	return v
}

// applyPage turns the 1-based page parameter into the filter's offset.
func applyPage(f *patentbridge.PatentFilter, page string) error {
	page = strings.TrimSpace(page)
	if page == "" {
		return nil
	}
	n, err := strconv.Atoi(page)
	if err != nil || n < 1 || n > 1<<20 {
		return patentbridge.FieldErrorf("page", "页码 %q 无效", page)
	}
	f.Offset = (n - 1) * f.Limit
	return nil
}

func withoutOffset(q url.Values) url.Values {
	c := url.Values{}
	for k, v := range q {
		if k != "offset" && k != "page" {
			c[k] = v
		}
	}
	return c
}

// sichuanCities are the choices of Sichuan's cities, the one of selected (a city
// code or a longer region code) selected.
func (s *Server) sichuanCities(selected string) []option {
	if len(selected) > 4 {
		selected = selected[:4]
	}
	var out []option
	if s.Ref != nil {
		for _, c := range s.Ref.Cities("51") {
			out = append(out, option{c.CityCode, c.Name, selected == c.CityCode})
		}
	}
	return out
}
