package api

import (
	"net/http"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// outletView is an outlet with its dates as YYYY-MM-DD and its kind in Chinese.
type outletView struct {
	*patentbridge.ServiceOutlet
	KindLabel string `json:"kind_label"`
	OpenedOn  string `json:"opened_on"`
	ClosedOn  string `json:"closed_on"`
}

// createOutlet serves POST /api/v1/service-outlets with {"name","kind" (code
// or 服务机构/网点),"organization","city","opened_on","closed_on"}.
func (s *Server) createOutlet(w http.ResponseWriter, r *http.Request) {
	var b struct { // col: the template columns ServiceOutlet.Validate and the service name, for jsonField
		Name         string `json:"name" col:"名称"`
		Kind         string `json:"kind" col:"类型"`
		Organization string `json:"organization" col:"依托单位"`
		City         string `json:"city" col:"所在市(州)"`
		OpenedOn     string `json:"opened_on" col:"设立日期"`
		ClosedOn     string `json:"closed_on" col:"撤销日期"`
	}
	err := decodeBody(w, r, &b)
	kind, ok := patentbridge.ParseOutletKind(b.Kind)
	if !ok {
		kind = patentbridge.OutletKind(b.Kind) // Validate names it
	}
	o := &patentbridge.ServiceOutlet{Name: b.Name, Kind: kind, OrgName: b.Organization, City: b.City}
	if err == nil {
		o.OpenedOn, err = licDate("opened_on", b.OpenedOn)
	}
	if err == nil {
		o.ClosedOn, err = licDate("closed_on", b.ClosedOn)
	}
	if err == nil {
		err = s.Outlets.CreateOutlet(r.Context(), o)
	}
	if err != nil {
		s.error(w, r, jsonField(err, b))
		return
	}
	httpx.JSON(w, http.StatusCreated, outletView{o, o.Kind.Label(), patentbridge.FormatDate(o.OpenedOn), patentbridge.FormatDate(o.ClosedOn)})
}

// closeOutlet serves POST /api/v1/service-outlets/{id}/close with {"closed_on"}.
func (s *Server) closeOutlet(w http.ResponseWriter, r *http.Request) {
	id, err := licPathID(r, "id", "服务机构或网点")
	var b struct {
		ClosedOn string `json:"closed_on" col:"撤销日期"`
	}
	if err == nil {
		err = decodeBody(w, r, &b)
	}
	var o *patentbridge.ServiceOutlet
	if err == nil {
		var day time.Time
		if day, err = licDate("closed_on", b.ClosedOn); err == nil {
			o, err = s.Outlets.CloseOutlet(r.Context(), id, day)
		}
	}
	if err != nil {
		s.error(w, r, jsonField(err, b))
		return
	}
	httpx.JSON(w, http.StatusOK, outletView{o, o.Kind.Label(), patentbridge.FormatDate(o.OpenedOn), patentbridge.FormatDate(o.ClosedOn)})
}

// listOutlets serves GET /api/v1/service-outlets?year=&city=&kind=&open=1&limit=&offset=.
func (s *Server) listOutlets(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := patentbridge.OutletFilter{Open: q.Get("open") == "1" || q.Get("open") == "true"}
	var err error
	f.Year, f.City, f.Limit, f.Offset, err = programmeParams(q)
	if k := q.Get("kind"); err == nil && k != "" {
		var ok bool
		if f.Kind, ok = patentbridge.ParseOutletKind(k); !ok {
			err = patentbridge.FieldErrorf("kind", "类型 %q 无效：应为服务机构（agency）或网点（outlet）", patentbridge.ClipValue(k))
		}
	}
	var os []*patentbridge.ServiceOutlet
	var total int
	if err == nil {
		os, total, err = s.Outlets.ListOutlets(r.Context(), f)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	items := make([]outletView, len(os))
	for i, o := range os {
		items[i] = outletView{o, o.Kind.Label(), patentbridge.FormatDate(o.OpenedOn), patentbridge.FormatDate(o.ClosedOn)}
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": total, "items": items})
}

// techManagerView is a technology manager with its date as YYYY-MM-DD.
type techManagerView struct {
	*patentbridge.TechManager
	RegisteredOn string `json:"registered_on"`
}

// createTechManager serves POST /api/v1/tech-managers with {"name","organization","city","registered_on"}.
func (s *Server) createTechManager(w http.ResponseWriter, r *http.Request) {
	var b struct { // col: the template columns TechManager.Validate and the service name, for jsonField
		Name         string `json:"name" col:"姓名"`
		Organization string `json:"organization" col:"所属机构"`
		City         string `json:"city" col:"所在市(州)"`
		RegisteredOn string `json:"registered_on" col:"登记日期"`
	}
	err := decodeBody(w, r, &b)
	m := &patentbridge.TechManager{Name: b.Name, OrgName: b.Organization, City: b.City}
	if err == nil {
		m.RegisteredOn, err = licDate("registered_on", b.RegisteredOn)
	}
	if err == nil {
		err = s.Outlets.CreateTechManager(r.Context(), m)
	}
	if err != nil {
		s.error(w, r, jsonField(err, b))
		return
	}
	httpx.JSON(w, http.StatusCreated, techManagerView{m, patentbridge.FormatDate(m.RegisteredOn)})
}

// listTechManagers serves GET /api/v1/tech-managers?year=&city=&organization_id=&limit=&offset=.
func (s *Server) listTechManagers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var f patentbridge.TechManagerFilter
	var err error
	f.Year, f.City, f.Limit, f.Offset, err = programmeParams(q)
	if err == nil {
		f.OrgID, err = idParam(q.Get("organization_id"), "organization_id")
	}
	var ms []*patentbridge.TechManager
	var total int
	if err == nil {
		ms, total, err = s.Outlets.ListTechManagers(r.Context(), f)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	items := make([]techManagerView, len(ms))
	for i, m := range ms {
		items[i] = techManagerView{m, patentbridge.FormatDate(m.RegisteredOn)}
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": total, "items": items})
}
