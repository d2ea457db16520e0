package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// commissionerRoutes are the pages of the 知识产权专员 and their service
// records: the admin's and the city users' (for their city).
func (s *Server) commissionerRoutes() []httpx.Route {
	if s.Commissioners == nil {
		return nil
	}
	officials := httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity)
	rs := []httpx.Route{
		httpx.NewRoute("GET /commissioners", officials, s.commissionerList),
		httpx.NewRoute("GET /commissioners/new", officials, s.commissionerNew),
		httpx.NewRoute("POST /commissioners/new", officials, limitForm(s.commissionerCreate)),
		httpx.NewRoute("GET /commissioners/{id}", officials, s.commissionerDetail),
		httpx.NewRoute("POST /commissioners/{id}/leave", officials, limitForm(s.commissionerLeave)),
		httpx.NewRoute("POST /commissioners/{id}/services", officials, limitForm(s.serviceCreate)),
		httpx.NewRoute("GET /service-records", officials, s.serviceList),
		httpx.NewRoute("GET /commissioners/template.xlsx", officials, commissionerTemplate.xlsx(s)),
		httpx.NewRoute("GET /commissioners/template.csv", officials, commissionerTemplate.csv(s)),
		httpx.NewRoute("GET /service-records/template.xlsx", officials, serviceTemplate.xlsx(s)),
		httpx.NewRoute("GET /service-records/template.csv", officials, serviceTemplate.csv(s)),
	}
	if s.ImportCommissioners != nil {
		rs = append(rs, httpx.NewRoute("GET /commissioners/import", officials, s.commissionerImportPage),
			httpx.NewRoute("POST /commissioners/import", officials, s.commissionerImport))
	}
	if s.ImportServices != nil {
		rs = append(rs, httpx.NewRoute("GET /service-records/import", officials, s.serviceImportPage),
			httpx.NewRoute("POST /service-records/import", officials, s.serviceImport))
	}
	return rs
}

// commissionerRow is a commissioner as the pages show it.
type commissionerRow struct {
	*patentbridge.Commissioner
	CityName string
}

// Registered is the registration day.
func (c commissionerRow) Registered() string { return patentbridge.FormatDate(c.RegisteredOn) }

// Left is the day the commissioner left, "" while serving.
func (c commissionerRow) Left() string {
	if c.LeftOn.IsZero() {
		return ""
	}
	return patentbridge.FormatDate(c.LeftOn)
}

// commissionersView is the data of the commissioner list.
type commissionersView struct {
	serviceSection
	Commissioners    []commissionerRow
	Total            int
	Year, City, Name string
	Serving          bool
	Cities           []option
	OwnCity          string
	Pager            httpx.Pager
	CanImport        bool
	CanImportService bool
}

// commissionerList serves /commissioners?year=&city=&name=&serving=.
func (s *Server) commissionerList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	offset, err := httpx.PageOffset(q, servicePageSize)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := commissionersView{serviceSection: section("commissioners"), Year: strings.TrimSpace(q.Get("year")), Name: strings.TrimSpace(q.Get("name")),
		Serving: q.Get("serving") == "1", CanImport: s.ImportCommissioners != nil, CanImportService: s.ImportServices != nil}
	v.City, v.OwnCity, err = s.cityFilter(r, q.Get("city"))
	f := patentbridge.CommissionerFilter{City: v.City, Name: v.Name, Serving: v.Serving, Limit: servicePageSize, Offset: offset}
	if err == nil {
		f.Year, err = yearFilter(v.Year)
	}
	if err == nil {
		err = patentbridge.CheckText("name", "专员姓名", v.Name, patentbridge.PersonNameMax, false)
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	cs, total, err := s.Commissioners.ListCommissioners(r.Context(), f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	for _, c := range cs {
		v.Commissioners = append(v.Commissioners, commissionerRow{c, s.cityName(c.City)})
	}
	v.Total, v.Cities = total, s.cityOptions(v.City)
	serving := ""
	if v.Serving {
		serving = "1"
	}
	v.Pager = httpx.NewPager("/commissioners", url.Values{"year": {v.Year}, "city": {v.City}, "name": {v.Name}, "serving": {serving}},
		total, servicePageSize, offset)
	s.render(w, r, http.StatusOK, "commissioners", "知识产权专员", "services", v)
}

// commissionerForm is the data of the commissioner form.
type commissionerForm struct {
	serviceSection
	Name, Org, City, RegisteredOn string
	Cities                        []option
	OwnCity                       string
	Error, Field                  string
	ExistingID                    int64
}

// commissionerNew serves the commissioner form.
func (s *Server) commissionerNew(w http.ResponseWriter, r *http.Request) {
	v := commissionerForm{serviceSection: section("commissioners"), RegisteredOn: patentbridge.FormatDay(s.Now())}
	v.City, v.OwnCity = s.listCity(r, "")
	v.Cities = s.cityOptions(v.City)
	s.render(w, r, http.StatusOK, "commissioner_new", "登记知识产权专员", "services", v)
}

// commissionerCreate registers the form's commissioner.
func (s *Server) commissionerCreate(w http.ResponseWriter, r *http.Request) {
	v := commissionerForm{serviceSection: section("commissioners")}
	formValues(r, map[string]*string{"name": &v.Name, "organization": &v.Org, "city": &v.City, "registered_on": &v.RegisteredOn})
	c := &patentbridge.Commissioner{Name: v.Name, OrgName: v.Org, City: v.City}
	var err error
	if c.RegisteredOn, err = recordDate("登记日期", v.RegisteredOn); err == nil {
		err = s.Commissioners.CreateCommissioner(r.Context(), c)
	}
	switch patentbridge.ErrorCode(err) {
	case "":
		http.Redirect(w, r, fmt.Sprintf("/commissioners/%d?done=created", c.ID), http.StatusSeeOther)
		return
	case patentbridge.EINVALID, patentbridge.EFORBIDDEN, patentbridge.ECONFLICT, patentbridge.ENOTFOUND:
		v.Error, v.Field = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
		if patentbridge.ErrorCode(err) == patentbridge.ECONFLICT {
			v.ExistingID = c.ID
		}
		_, v.OwnCity = s.listCity(r, "")
		v.Cities = s.cityOptions(v.City)
		s.render(w, r, httpx.Status(err), "commissioner_new", "登记知识产权专员", "services", v)
		return
	}
	s.errorPage(w, r, err)
}

// serviceRow is a service record as the pages show it.
type serviceRow struct {
	*patentbridge.ServiceRecord
	CityName string
}

// Date is the service day.
func (x serviceRow) Date() string { return patentbridge.FormatDate(x.ServedOn) }

// commissionerView is the data of a commissioner's page: the commissioner,
// its services and the forms to record one and to record its leaving.
type commissionerView struct {
	serviceSection
	commissionerRow
	Services []serviceRow
	Total    int
	Done     string
	Types    []option
	// the service form's typed values and error
	Enterprise, CreditCode, ServedOn, Type, Outcome string
	LeftOn                                          string
	Error, Field, ErrorOf                           string // ErrorOf: "service" or "leave"
}

// commissionerDetail serves /commissioners/{id}.
func (s *Server) commissionerDetail(w http.ResponseWriter, r *http.Request) {
	id, err := recordID(r, "知识产权专员")
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := commissionerView{Done: r.URL.Query().Get("done"), ServedOn: patentbridge.FormatDay(s.Now()), LeftOn: patentbridge.FormatDay(s.Now())}
	s.commissionerPage(w, r, id, http.StatusOK, v)
}

// commissionerPage renders a commissioner's page with v's form values.
func (s *Server) commissionerPage(w http.ResponseWriter, r *http.Request, id int64, status int, v commissionerView) {
	c, err := s.Commissioners.FindCommissioner(r.Context(), id)
	var xs []*patentbridge.ServiceRecord
	if err == nil {
		xs, v.Total, err = s.Commissioners.ListServiceRecords(r.Context(), patentbridge.ServiceFilter{CommissionerID: id, Limit: servicePageSize})
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v.serviceSection, v.commissionerRow = section("commissioners"), commissionerRow{c, s.cityName(c.City)}
	for _, x := range xs {
		v.Services = append(v.Services, serviceRow{x, s.cityName(x.City)})
	}
	for _, t := range patentbridge.ServiceTypes {
		v.Types = append(v.Types, option{Value: string(t), Label: t.Label(), Selected: string(t) == v.Type})
	}
	s.render(w, r, status, "commissioner", "知识产权专员 "+c.Name, "services", v)
}

// commissionerLeave serves POST /commissioners/{id}/leave: the day it left.
func (s *Server) commissionerLeave(w http.ResponseWriter, r *http.Request) {
	id, err := recordID(r, "知识产权专员")
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := commissionerView{LeftOn: strings.TrimSpace(r.PostFormValue("left_on")), ServedOn: patentbridge.FormatDay(s.Now()), ErrorOf: "leave"}
	day, err := recordDate("离任日期", v.LeftOn)
	if err == nil && day.IsZero() {
		err = patentbridge.FieldErrorf("离任日期", "请填写离任日期")
	}
	if err == nil {
		_, err = s.Commissioners.LeaveCommissioner(r.Context(), id, day)
	}
	if code := patentbridge.ErrorCode(err); code == patentbridge.EINVALID || code == patentbridge.EFORBIDDEN {
		v.Error, v.Field = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
		s.commissionerPage(w, r, id, httpx.Status(err), v)
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/commissioners/%d?done=left", id), http.StatusSeeOther)
}

// serviceCreate serves POST /commissioners/{id}/services: a service the
// commissioner rendered to an enterprise.
func (s *Server) serviceCreate(w http.ResponseWriter, r *http.Request) {
	id, err := recordID(r, "知识产权专员")
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := commissionerView{LeftOn: patentbridge.FormatDay(s.Now()), ErrorOf: "service"}
	formValues(r, map[string]*string{"enterprise": &v.Enterprise, "credit_code": &v.CreditCode, "served_on": &v.ServedOn,
		"service_type": &v.Type, "outcome": &v.Outcome})
	x := &patentbridge.ServiceRecord{CommissionerID: id, OrgName: v.Enterprise, CreditCode: v.CreditCode, Outcome: v.Outcome,
		Type: patentbridge.ServiceType(v.Type)}
	if t, ok := patentbridge.ParseServiceType(v.Type); ok {
		x.Type = t
	}
	if x.ServedOn, err = recordDate("服务日期", v.ServedOn); err == nil {
		err = s.Commissioners.RecordService(r.Context(), x)
	}
	if code := patentbridge.ErrorCode(err); code == patentbridge.EINVALID || code == patentbridge.EFORBIDDEN || code == patentbridge.ECONFLICT {
		v.Error, v.Field = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
		s.commissionerPage(w, r, id, httpx.Status(err), v)
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/commissioners/%d?done=service", id), http.StatusSeeOther)
}

// servicesView is the data of the service record list.
type servicesView struct {
	serviceSection
	Services         []serviceRow
	Total            int
	Year, City, Type string
	Commissioner     string // the commissioner's id filtered by, and its name
	CommissionerName string
	Cities, Types    []option
	OwnCity          string
	Pager            httpx.Pager
	CanImport        bool
}

// serviceList serves /service-records?year=&city=&type=&commissioner=.
func (s *Server) serviceList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	offset, err := httpx.PageOffset(q, servicePageSize)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := servicesView{serviceSection: section("services"), Year: strings.TrimSpace(q.Get("year")), Type: strings.TrimSpace(q.Get("type")),
		CanImport: s.ImportServices != nil}
	if v.City, v.OwnCity, err = s.cityFilter(r, q.Get("city")); err != nil {
		s.errorPage(w, r, err)
		return
	}
	f := patentbridge.ServiceFilter{City: v.City, Limit: servicePageSize, Offset: offset}
	if f.Year, err = yearFilter(v.Year); err != nil {
		s.errorPage(w, r, err)
		return
	}
	if v.Commissioner = strings.TrimSpace(q.Get("commissioner")); v.Commissioner != "" {
		id, err := strconv.ParseInt(v.Commissioner, 10, 64)
		var c *patentbridge.Commissioner
		if err == nil && id > 0 {
			c, err = s.Commissioners.FindCommissioner(r.Context(), id)
		} else {
			err = patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到知识产权专员 %s", patentbridge.ClipValue(v.Commissioner))
		}
		if err != nil {
			s.errorPage(w, r, err)
			return
		}
		f.CommissionerID, v.CommissionerName = id, c.Name
	}
	if v.Type != "" {
		t, ok := patentbridge.ParseServiceType(v.Type)
		if !ok {
			s.errorPage(w, r, patentbridge.FieldErrorf("type", "服务类型 %q 无效", patentbridge.ClipValue(v.Type)))
			return
		}
		f.Type = t
	}
	xs, total, err := s.Commissioners.ListServiceRecords(r.Context(), f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	for _, x := range xs {
		v.Services = append(v.Services, serviceRow{x, s.cityName(x.City)})
	}
	v.Total, v.Cities = total, s.cityOptions(v.City)
	for _, t := range patentbridge.ServiceTypes {
		v.Types = append(v.Types, option{Value: string(t), Label: t.Label(), Selected: t == f.Type})
	}
	v.Pager = httpx.NewPager("/service-records", url.Values{"year": {v.Year}, "city": {v.City}, "type": {v.Type}, "commissioner": {v.Commissioner}}, total, servicePageSize, offset)
	s.render(w, r, http.StatusOK, "service_records", "专员服务记录", "services", v)
}

// commissionerImportPage serves the commissioner upload form.
func (s *Server) commissionerImportPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "commissioner_import", "批量导入知识产权专员", "services", serviceImportView{serviceSection: section("commissioners")})
}

// commissionerImport serves POST /commissioners/import.
func (s *Server) commissionerImport(w http.ResponseWriter, r *http.Request) {
	res, status, err := s.importRegistryUpload(w, r, maxServiceUpload,
		"（网页导入限 8 MB，更大的文件请用命令 patentbridge import --kind commissioners 文件）", s.ImportCommissioners)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, status, "commissioner_import", "批量导入知识产权专员", "services", serviceImportView{section("commissioners"), res})
}

// serviceImportPage serves the service record upload form.
func (s *Server) serviceImportPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "service_import", "批量导入专员服务记录", "services", serviceImportView{serviceSection: section("services")})
}

// serviceImport serves POST /service-records/import.
func (s *Server) serviceImport(w http.ResponseWriter, r *http.Request) {
	res, status, err := s.importRegistryUpload(w, r, maxServiceUpload,
		"（网页导入限 8 MB，更大的文件请用命令 patentbridge import --kind services 文件）", s.ImportServices)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, status, "service_import", "批量导入专员服务记录", "services", serviceImportView{section("services"), res})
}
