package web

import (
	"net/http"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// pilotBaseRow is one pilot base as the list shows it.
type pilotBaseRow struct {
	*patentbridge.PilotBase
	CityName string
}

// pilotBaseForm is the values typed into the base form.
type pilotBaseForm struct {
	Name, Org, City, EstablishedOn string
}

// pilotBasesView is the data of /pilot-bases: the list and the form.
type pilotBasesView struct {
	Tabs []programmeTab
	formError
	Form       pilotBaseForm
	Created    bool
	Years      []option
	Cities     []option // of the filter
	FormCities []option // of the form
	CityLocked bool
	Items      []pilotBaseRow
	Total      int
	Pager      httpx.Pager
	Upload     uploadForm
}

// pilotBaseList serves /pilot-bases?year=&city=: the 中试熟化基地 of the
// official's scope, latest first, with the form that records one.
func (s *Server) pilotBaseList(w http.ResponseWriter, r *http.Request) {
	s.renderPilotBases(w, r, http.StatusOK, pilotBasesView{Created: r.URL.Query().Get("done") == "created",
		Form: pilotBaseForm{City: patentbridge.ScopeCity(patentbridge.UserFrom(r.Context()))}})
}

// pilotBaseCreate serves POST /pilot-bases: the form's base stored.
func (s *Server) pilotBaseCreate(w http.ResponseWriter, r *http.Request) {
	f := pilotBaseForm{Name: r.PostFormValue("name"), Org: r.PostFormValue("organization"), City: strings.TrimSpace(r.PostFormValue("city")),
		EstablishedOn: r.PostFormValue("established_on")}
	b := &patentbridge.PilotBase{Name: f.Name, OrgName: f.Org, City: f.City}
	var err error
	if b.EstablishedOn, err = formDay("成立日期", f.EstablishedOn); err == nil {
		err = s.PilotBases.CreatePilotBase(r.Context(), b)
	}
	switch code := patentbridge.ErrorCode(err); {
	case err == nil:
		http.Redirect(w, r, "/pilot-bases?done=created", http.StatusSeeOther)
	case code == patentbridge.EINVALID || code == patentbridge.ECONFLICT:
		s.renderPilotBases(w, r, httpx.Status(err), pilotBasesView{Form: f,
			formError: formError{patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)}})
	default:
		s.errorPage(w, r, err)
	}
}

func (s *Server) renderPilotBases(w http.ResponseWriter, r *http.Request, status int, v pilotBasesView) {
	f, err := s.programmeFilter(r, "")
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	bs, total, err := s.PilotBases.ListPilotBases(r.Context(), f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v.Years, v.Cities, v.FormCities, v.Total = s.programmeYears(f.Year), s.sichuanCities(f.City), s.sichuanCities(v.Form.City), total
	v.CityLocked = patentbridge.ScopeCity(patentbridge.UserFrom(r.Context())) != ""
	v.Pager = httpx.NewPager("/pilot-bases", filterValues(f, ""), total, programmePageSize, f.Offset)
	for _, b := range bs {
		v.Items = append(v.Items, pilotBaseRow{PilotBase: b, CityName: s.cityName(b.City)})
	}
	v.Tabs = s.programmeTabs("/pilot-bases")
	v.Upload = uploadOf(v.Upload.importResult, s.ImportPilotBases, "/pilot-bases", "基地名称、依托单位、地区代码、成立日期")
	s.render(w, r, status, "pilot_bases", "中试熟化基地", "events", v)
}
