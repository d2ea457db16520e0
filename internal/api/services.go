package api

import (
	"fmt"
	"net/http"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// serviceRoutes are the endpoints of commissioners (知识产权专员), their
// service records, service agencies and outlets, and technology managers:
// officials' (the admin and city users, kept to their city), and for the
// service records and a commissioner's own record also agency users (the
// service admits only the commissioner linked to the account).
func (s *Server) serviceRoutes() []httpx.Route {
	officials := httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity)
	commissioners := httpx.Roles(patentbridge.RoleCity, patentbridge.RoleAgency).In(httpx.ScopeOwnCity)
	var rs []httpx.Route
	if s.Commissioners != nil {
		rs = append(rs,
			httpx.NewRoute("GET /api/v1/commissioners", officials, s.listCommissioners),
			httpx.NewRoute("POST /api/v1/commissioners", officials, s.createCommissioner),
			httpx.NewRoute("GET /api/v1/commissioners/{id}", commissioners, s.getCommissioner),
			httpx.NewRoute("POST /api/v1/commissioners/{id}/leave", officials, s.leaveCommissioner),
			httpx.NewRoute("GET /api/v1/service-records", commissioners, s.listServiceRecords),
			httpx.NewRoute("POST /api/v1/service-records", commissioners, s.recordService),
			httpx.NewRoute("GET /api/v1/service-records/{id}", commissioners, s.getServiceRecord))
	}
	if s.Outlets != nil {
		rs = append(rs,
			httpx.NewRoute("GET /api/v1/service-outlets", officials, s.listOutlets),
			httpx.NewRoute("POST /api/v1/service-outlets", officials, s.createOutlet),
			httpx.NewRoute("POST /api/v1/service-outlets/{id}/close", officials, s.closeOutlet),
			httpx.NewRoute("GET /api/v1/tech-managers", officials, s.listTechManagers),
			httpx.NewRoute("POST /api/v1/tech-managers", officials, s.createTechManager))
	}
	return rs
}

// commissionerView is a commissioner with its dates as YYYY-MM-DD.
type commissionerView struct {
	*patentbridge.Commissioner
	RegisteredOn string `json:"registered_on"`
	LeftOn       string `json:"left_on"`
}

func newCommissionerView(c *patentbridge.Commissioner) commissionerView {
	return commissionerView{c, patentbridge.FormatDate(c.RegisteredOn), patentbridge.FormatDate(c.LeftOn)}
}

// createCommissioner serves POST /api/v1/commissioners with {"name",
// "organization","city","registered_on","left_on","user_id"}.
func (s *Server) createCommissioner(w http.ResponseWriter, r *http.Request) {
	var b struct { // col: the template columns Commissioner.Validate and the service name, for jsonField
		Name         string `json:"name" col:"专员姓名"`
		Organization string `json:"organization" col:"所属机构"`
		City         string `json:"city" col:"所在市(州)"`
		RegisteredOn string `json:"registered_on" col:"登记日期"`
		LeftOn       string `json:"left_on" col:"离任日期"`
		UserID       int64  `json:"user_id" col:"账号"`
	}
	err := decodeBody(w, r, &b)
	c := &patentbridge.Commissioner{Name: b.Name, OrgName: b.Organization, City: b.City, UserID: b.UserID}
	if err == nil {
		c.RegisteredOn, err = licDate("registered_on", b.RegisteredOn)
	}
	if err == nil {
		c.LeftOn, err = licDate("left_on", b.LeftOn)
	}
	if err == nil {
		err = s.Commissioners.CreateCommissioner(r.Context(), c)
	}
	if err != nil {
		s.error(w, r, jsonField(err, b))
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/commissioners/%d", c.ID))
	httpx.JSON(w, http.StatusCreated, newCommissionerView(c))
}

// getCommissioner serves GET /api/v1/commissioners/{id}.
func (s *Server) getCommissioner(w http.ResponseWriter, r *http.Request) {
	id, err := licPathID(r, "id", "专员")
	var c *patentbridge.Commissioner
	if err == nil {
		c, err = s.Commissioners.FindCommissioner(r.Context(), id)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, newCommissionerView(c))
}

// leaveCommissioner serves POST /api/v1/commissioners/{id}/leave with {"left_on"}.
func (s *Server) leaveCommissioner(w http.ResponseWriter, r *http.Request) {
	id, err := licPathID(r, "id", "专员")
	var b struct {
		LeftOn string `json:"left_on" col:"离任日期"`
	}
	if err == nil {
		err = decodeBody(w, r, &b)
	}
	var c *patentbridge.Commissioner
	if err == nil {
		var day time.Time
		if day, err = licDate("left_on", b.LeftOn); err == nil {
			c, err = s.Commissioners.LeaveCommissioner(r.Context(), id, day)
		}
	}
	if err != nil {
		s.error(w, r, jsonField(err, b))
		return
	}
	httpx.JSON(w, http.StatusOK, newCommissionerView(c))
}

// listCommissioners serves GET /api/v1/commissioners?year=&city=&organization_id=&serving=1&limit=&offset=.
func (s *Server) listCommissioners(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := patentbridge.CommissionerFilter{Name: q.Get("name"), Serving: q.Get("serving") == "1" || q.Get("serving") == "true"}
	var err error
	f.Year, f.City, f.Limit, f.Offset, err = programmeParams(q)
	if err == nil {
		f.OrgID, err = idParam(q.Get("organization_id"), "organization_id")
	}
	var cs []*patentbridge.Commissioner
	var total int
	if err == nil {
		cs, total, err = s.Commissioners.ListCommissioners(r.Context(), f)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	items := make([]commissionerView, len(cs))
	for i, c := range cs {
		items[i] = newCommissionerView(c)
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": total, "items": items})
}

// serviceView is a service record with its day as YYYY-MM-DD and its type in Chinese.
type serviceView struct {
	*patentbridge.ServiceRecord
	ServedOn  string `json:"served_on"`
	TypeLabel string `json:"service_type_label"`
}

func newServiceView(x *patentbridge.ServiceRecord) serviceView {
	return serviceView{x, patentbridge.FormatDate(x.ServedOn), x.Type.Label()}
}

// recordService serves POST /api/v1/service-records with {"commissioner_id"
// or "commissioner" (+"commissioner_organization"), "enterprise",
// "credit_code", "served_on", "service_type" (code or Chinese), "outcome"}.
func (s *Server) recordService(w http.ResponseWriter, r *http.Request) {
	var b struct { // col: the template columns ServiceRecord.Validate and the service name, for jsonField
		Commissioner    string `json:"commissioner" col:"专员姓名"`
		CommissionerID  int64  `json:"commissioner_id" col:"专员姓名"`
		CommissionerOrg string `json:"commissioner_organization" col:"专员所属机构"`
		Enterprise      string `json:"enterprise" col:"服务企业"`
		CreditCode      string `json:"credit_code" col:"统一社会信用代码"`
		ServedOn        string `json:"served_on" col:"服务日期"`
		ServiceType     string `json:"service_type" col:"服务类型"`
		Outcome         string `json:"outcome" col:"服务成效"`
	}
	err := decodeBody(w, r, &b)
	typ, ok := patentbridge.ParseServiceType(b.ServiceType)
	if !ok {
		typ = patentbridge.ServiceType(b.ServiceType) // Validate names it
	}
	x := &patentbridge.ServiceRecord{CommissionerID: b.CommissionerID, CommissionerName: b.Commissioner, CommissionerOrg: b.CommissionerOrg,
		OrgName: b.Enterprise, CreditCode: b.CreditCode, Type: typ, Outcome: b.Outcome}
	if err == nil {
		x.ServedOn, err = licDate("served_on", b.ServedOn)
	}
	if err == nil {
		err = s.Commissioners.RecordService(r.Context(), x)
	}
	if err != nil {
		s.error(w, r, jsonField(err, b))
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/service-records/%d", x.ID))
	httpx.JSON(w, http.StatusCreated, newServiceView(x))
}

// getServiceRecord serves GET /api/v1/service-records/{id}.
func (s *Server) getServiceRecord(w http.ResponseWriter, r *http.Request) {
	id, err := licPathID(r, "id", "服务记录")
	var x *patentbridge.ServiceRecord
	if err == nil {
		x, err = s.Commissioners.FindServiceRecord(r.Context(), id)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, newServiceView(x))
}

// listServiceRecords serves GET /api/v1/service-records?year=&city=&commissioner_id=&organization_id=&service_type=&limit=&offset=.
func (s *Server) listServiceRecords(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var f patentbridge.ServiceFilter
	var err error
	f.Year, f.City, f.Limit, f.Offset, err = programmeParams(q)
	if err == nil {
		f.CommissionerID, err = idParam(q.Get("commissioner_id"), "commissioner_id")
	}
	if err == nil {
		f.OrgID, err = idParam(q.Get("organization_id"), "organization_id")
	}
	if t := q.Get("service_type"); err == nil && t != "" {
		var ok bool
		if f.Type, ok = patentbridge.ParseServiceType(t); !ok {
			err = patentbridge.FieldErrorf("service_type", "服务类型 %q 无效", patentbridge.ClipValue(t))
		}
	}
	var xs []*patentbridge.ServiceRecord
	var total int
	if err == nil {
		xs, total, err = s.Commissioners.ListServiceRecords(r.Context(), f)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	items := make([]serviceView, len(xs))
	for i, x := range xs {
		items[i] = newServiceView(x)
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": total, "items": items})
}
