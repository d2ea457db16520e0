package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// supplyNewView is the data of the page that builds a list from filters.
type supplyNewView struct {
	Form                         url.Values
	Error, ErrorField            string
	CityFixed                    string // a city user's own city name
	Grades, Cities, Kinds, Flags []option
	Industries                   []industryGroup
	Previewed                    bool
	Total                        int
	Sample                       []httpx.PatentView
	SleepingOn                   bool
}

// industryGroup is one system's industries, for an optgroup.
type industryGroup struct {
	Label   string
	Options []option
}

// supplyFilter reads a list's filter from a form; a city user's own city
// replaces whatever city was asked.
func supplyFilter(form url.Values, u *patentbridge.User) (patentbridge.SleepingFilter, error) {
	if u != nil && u.Role == patentbridge.RoleCity {
		c := url.Values{}
		for k, v := range form {
			c[k] = v
		}
		c.Set("city", u.CityCode)
		form = c
	}
	return httpx.ParseSupplyFilter(form)
}

// supplyNew serves /admin/supply/new: the filter form and, once filters are
// submitted, how many sleeping patents they select with the best ten.
func (s *Server) supplyNew(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := s.supplyNewForm(r, q)
	status := http.StatusOK
	if q.Has("preview") {
		if err := s.supplyPreview(r, q, &v); err != nil {
			if patentbridge.ErrorCode(err) != patentbridge.EINVALID {
				s.errorPage(w, r, err)
				return
			}
			v.Error, v.ErrorField, status = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err), http.StatusBadRequest
		}
	}
	s.render(w, r, status, "supply_new", "编制供给清单", "supply", v)
}

func (s *Server) supplyPreview(r *http.Request, q url.Values, v *supplyNewView) error {
	f, err := supplyFilter(q, patentbridge.UserFrom(r.Context()))
	if err != nil || s.Sleeping == nil {
		return err
	}
	f.Limit = 10
	items, total, err := s.Sleeping.ListSleeping(r.Context(), f)
	if err != nil {
		return err
	}
	v.Previewed, v.Total = true, total
	for _, it := range items {
		v.Sample = append(v.Sample, httpx.NewPatentView(it.Patent, s.Ref))
	}
	return nil
}

// supplyCreate stores a draft from the submitted filters and opens its review page.
func (s *Server) supplyCreate(w http.ResponseWriter, r *http.Request) {
	u := patentbridge.UserFrom(r.Context())
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.EINVALID, "表单无法解析"))
		return
	}
	l := &patentbridge.SupplyList{Title: r.PostForm.Get("title"), Description: r.PostForm.Get("description")}
	f, err := supplyFilter(r.PostForm, u)
	if err == nil {
		l.Filter = f
		err = s.Supply.CreateSupplyList(r.Context(), l)
	}
	if err != nil {
		if patentbridge.ErrorCode(err) != patentbridge.EINVALID {
			s.errorPage(w, r, err)
			return
		}
		v := s.supplyNewForm(r, r.PostForm)
		v.Error, v.ErrorField = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
		s.render(w, r, http.StatusBadRequest, "supply_new", "编制供给清单", "supply", v)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/supply/%d/edit", l.ID), http.StatusSeeOther)
}

// supplyNewForm builds the form's choices with the submitted values selected.
func (s *Server) supplyNewForm(r *http.Request, q url.Values) supplyNewView {
	u := patentbridge.UserFrom(r.Context())
	v := supplyNewView{Form: q, SleepingOn: s.Sleeping != nil}
	for _, g := range patentbridge.Grades {
		v.Grades = append(v.Grades, option{g, g + " 级", strings.EqualFold(q.Get("grade"), g)})
	}
	if u != nil && u.Role == patentbridge.RoleCity && s.Ref != nil {
		v.CityFixed = s.Ref.CityName(u.CityCode)
	} else {
		v.Cities = s.sichuanCities(q.Get("city"))
	}
	for _, sys := range patentbridge.Systems {
		g := industryGroup{Label: patentbridge.SystemLabel(sys)}
		for _, name := range patentbridge.Industries(sys) {
			key := sys + ":" + name
			g.Options = append(g.Options, option{key, name, q.Get("industry_key") == key})
		}
		v.Industries = append(v.Industries, g)
	}
	for _, k := range []patentbridge.Kind{patentbridge.KindInvention, patentbridge.KindUtility} {
		v.Kinds = append(v.Kinds, option{string(k), k.Label(), q.Get("kind") == string(k)})
	}
	for _, fl := range httpx.Flags {
		v.Flags = append(v.Flags, option{fl, fl, q.Get("flag") == fl})
	}
	return v
}
