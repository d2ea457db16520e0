package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// outletRoutes are the pages of the service agencies, outlets (网点) and
// technology managers (技术经理人): the admin's and the city users'.
func (s *Server) outletRoutes() []httpx.Route {
	if s.Outlets == nil {
		return nil
	}
	officials := httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity)
	rs := []httpx.Route{
		httpx.NewRoute("GET /service-outlets", officials, s.outletList),
		httpx.NewRoute("POST /service-outlets/new", officials, limitForm(s.outletCreate)),
		httpx.NewRoute("POST /service-outlets/{id}/close", officials, limitForm(s.outletClose)),
		httpx.NewRoute("GET /tech-managers", officials, s.managerList),
		httpx.NewRoute("POST /tech-managers/new", officials, limitForm(s.managerCreate)),
	}
	rs = append(rs, importRoutes("/service-outlets", s.ImportOutlets, s.outletImport, outletTemplate, s, officials)...)
	return append(rs, importRoutes("/tech-managers", s.ImportTechManagers, s.managerImport, managerTemplate, s, officials)...)
}

// outletRow is an outlet as the list shows it.
type outletRow struct {
	*patentbridge.ServiceOutlet
	CityName string
}

// Opened is the opening day.
func (o outletRow) Opened() string { return patentbridge.FormatDate(o.OpenedOn) }

// Closed is the closing day, "" while open.
func (o outletRow) Closed() string {
	if o.ClosedOn.IsZero() {
		return ""
	}
	return patentbridge.FormatDate(o.ClosedOn)
}

// outletsView is the data of the outlet list with its form.
type outletsView struct {
	serviceSection
	Outlets          []outletRow
	Total            int
	Year, City, Kind string
	Open             bool
	Cities, Kinds    []option
	OwnCity          string
	Pager            httpx.Pager
	Done             string
	// the form's typed values and error
	Name, FormKind, Org, FormCity, OpenedOn, CloseOn string
	Error, Field, ErrorOf                            string
	ErrorID                                          int64 // the outlet whose closing failed
	Upload                                           uploadForm
}

// outletList serves /service-outlets?year=&city=&kind=&open=.
func (s *Server) outletList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := outletsView{Year: strings.TrimSpace(q.Get("year")), Kind: strings.TrimSpace(q.Get("kind")), Open: q.Get("open") == "1",
		Done: q.Get("done"), OpenedOn: patentbridge.FormatDay(s.Now()), CloseOn: patentbridge.FormatDay(s.Now())}
	v.City = strings.TrimSpace(q.Get("city"))
	s.outletPage(w, r, http.StatusOK, v)
}

// outletPage renders the outlet list with v's filters and form values.
func (s *Server) outletPage(w http.ResponseWriter, r *http.Request, status int, v outletsView) {
	offset, err := httpx.PageOffset(r.URL.Query(), servicePageSize)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v.serviceSection = section("outlets")
	if v.City, v.OwnCity, err = s.cityFilter(r, v.City); err != nil {
		s.errorPage(w, r, err)
		return
	}
	f := patentbridge.OutletFilter{City: v.City, Open: v.Open, Limit: servicePageSize, Offset: offset}
	if f.Year, err = yearFilter(v.Year); err != nil {
		s.errorPage(w, r, err)
		return
	}
	if v.Kind != "" {
		k, ok := patentbridge.ParseOutletKind(v.Kind)
		if !ok {
			s.errorPage(w, r, patentbridge.FieldErrorf("kind", "类型 %q 无效", patentbridge.ClipValue(v.Kind)))
			return
		}
		f.Kind = k
	}
	os, total, err := s.Outlets.ListOutlets(r.Context(), f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	for _, o := range os {
		v.Outlets = append(v.Outlets, outletRow{o, s.cityName(o.City)})
	}
	v.Total, v.Cities = total, s.cityOptions(v.City)
	for _, k := range []patentbridge.OutletKind{patentbridge.OutletAgency, patentbridge.OutletPoint} {
		v.Kinds = append(v.Kinds, option{Value: string(k), Label: k.Label(), Selected: k == f.Kind})
	}
	open := ""
	if v.Open {
		open = "1"
	}
	v.Pager = httpx.NewPager("/service-outlets", url.Values{"year": {v.Year}, "city": {v.City}, "kind": {v.Kind}, "open": {open}},
		total, servicePageSize, offset)
	v.Upload = uploadOf(v.Upload.importResult, s.ImportOutlets, "/service-outlets",
		"名称、类型（服务机构或网点）、依托单位、所在市(州)（空则取依托单位所在市州）、设立日期、撤销日期")
	s.render(w, r, status, "service_outlets", "服务机构与网点", "services", v)
}

// outletCreate serves POST /service-outlets/new: an agency or outlet.
func (s *Server) outletCreate(w http.ResponseWriter, r *http.Request) {
	v := outletsView{ErrorOf: "new", CloseOn: patentbridge.FormatDay(s.Now())}
	formValues(r, map[string]*string{"name": &v.Name, "kind": &v.FormKind, "organization": &v.Org, "city": &v.FormCity, "opened_on": &v.OpenedOn})
	o := &patentbridge.ServiceOutlet{Name: v.Name, Kind: patentbridge.OutletKind(v.FormKind), OrgName: v.Org, City: v.FormCity}
	if k, ok := patentbridge.ParseOutletKind(v.FormKind); ok {
		o.Kind = k
	}
	var err error
	if o.OpenedOn, err = recordDate("设立日期", v.OpenedOn); err == nil {
		err = s.Outlets.CreateOutlet(r.Context(), o)
	}
	if code := patentbridge.ErrorCode(err); code == patentbridge.EINVALID || code == patentbridge.EFORBIDDEN || code == patentbridge.ECONFLICT {
		v.Error, v.Field = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
		s.outletPage(w, r, httpx.Status(err), v)
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, "/service-outlets?done=created", http.StatusSeeOther)
}

// outletClose serves POST /service-outlets/{id}/close: the day it closed.
func (s *Server) outletClose(w http.ResponseWriter, r *http.Request) {
	id, err := recordID(r, "服务机构或网点")
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := outletsView{ErrorOf: "close", ErrorID: id, CloseOn: strings.TrimSpace(r.PostFormValue("closed_on")), OpenedOn: patentbridge.FormatDay(s.Now())}
	day, err := recordDate("撤销日期", v.CloseOn)
	if err == nil && day.IsZero() {
		err = patentbridge.FieldErrorf("撤销日期", "请填写撤销日期")
	}
	if err == nil {
		_, err = s.Outlets.CloseOutlet(r.Context(), id, day)
	}
	if code := patentbridge.ErrorCode(err); code == patentbridge.EINVALID || code == patentbridge.EFORBIDDEN {
		v.Error, v.Field = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
		s.outletPage(w, r, httpx.Status(err), v)
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/service-outlets?done=closed#outlet-%d", id), http.StatusSeeOther)
}

// managerRow is a technology manager as the list shows it.
type managerRow struct {
	*patentbridge.TechManager
	CityName string
}

// Registered is the registration day.
func (m managerRow) Registered() string { return patentbridge.FormatDate(m.RegisteredOn) }

// managersView is the data of the technology manager list with its form.
type managersView struct {
	serviceSection
	Managers   []managerRow
	Total      int
	Year, City string
	Cities     []option
	OwnCity    string
	Pager      httpx.Pager
	Done       string
	// the form's typed values and error
	Name, Org, FormCity, RegisteredOn string
	Error, Field                      string
	Upload                            uploadForm
}

// managerList serves /tech-managers?year=&city=.
func (s *Server) managerList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := managersView{Year: strings.TrimSpace(q.Get("year")), City: strings.TrimSpace(q.Get("city")), Done: q.Get("done"),
		RegisteredOn: patentbridge.FormatDay(s.Now())}
	s.managerPage(w, r, http.StatusOK, v)
}

// managerPage renders the technology manager list with v's filters and form values.
func (s *Server) managerPage(w http.ResponseWriter, r *http.Request, status int, v managersView) {
	offset, err := httpx.PageOffset(r.URL.Query(), servicePageSize)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v.serviceSection = section("managers")
	if v.City, v.OwnCity, err = s.cityFilter(r, v.City); err != nil {
		s.errorPage(w, r, err)
		return
	}
	f := patentbridge.TechManagerFilter{City: v.City, Limit: servicePageSize, Offset: offset}
	if f.Year, err = yearFilter(v.Year); err != nil {
		s.errorPage(w, r, err)
		return
	}
	ms, total, err := s.Outlets.ListTechManagers(r.Context(), f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	for _, m := range ms {
		v.Managers = append(v.Managers, managerRow{m, s.cityName(m.City)})
	}
	v.Total, v.Cities = total, s.cityOptions(v.City)
	v.Pager = httpx.NewPager("/tech-managers", url.Values{"year": {v.Year}, "city": {v.City}}, total, servicePageSize, offset)
	v.Upload = uploadOf(v.Upload.importResult, s.ImportTechManagers, "/tech-managers",
		"姓名、所属机构、所在市(州)（空则取所属机构所在市州）、登记日期")
	s.render(w, r, status, "tech_managers", "技术经理人", "services", v)
}

// managerCreate serves POST /tech-managers/new: a technology manager.
func (s *Server) managerCreate(w http.ResponseWriter, r *http.Request) {
	v := managersView{}
	formValues(r, map[string]*string{"name": &v.Name, "organization": &v.Org, "city": &v.FormCity, "registered_on": &v.RegisteredOn})
	m := &patentbridge.TechManager{Name: v.Name, OrgName: v.Org, City: v.FormCity}
	var err error
	if m.RegisteredOn, err = recordDate("登记日期", v.RegisteredOn); err == nil {
		err = s.Outlets.CreateTechManager(r.Context(), m)
	}
	if code := patentbridge.ErrorCode(err); code == patentbridge.EINVALID || code == patentbridge.EFORBIDDEN || code == patentbridge.ECONFLICT {
		v.Error, v.Field = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
		s.managerPage(w, r, httpx.Status(err), v)
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, "/tech-managers?done=created", http.StatusSeeOther)
}
