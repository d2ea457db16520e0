package api

import (
	"net/http"

	"patentbridge"
	"patentbridge/internal/export"
	"patentbridge/internal/httpx"
)

// kpiRoutes are the endpoints of the performance evaluation (绩效评价): the
// indicator set is public; the figures and their records are the
// officials'; targets and publication the admin's.
func (s *Server) kpiRoutes() []httpx.Route {
	if s.KPIs == nil {
		return nil
	}
	officials := httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity)
	return []httpx.Route{
		httpx.NewRoute("GET /api/v1/kpi/indicators", httpx.Anyone, s.kpiIndicators),
		httpx.NewRoute("GET /api/v1/kpi", officials, s.kpiReport),
		httpx.NewRoute("GET /api/v1/kpi/records", officials, s.kpiRecords),
		httpx.NewRoute("PUT /api/v1/kpi/targets", httpx.Admin, s.kpiSetTarget),
		httpx.NewRoute("DELETE /api/v1/kpi/targets", httpx.Admin, s.kpiSetTarget),
		httpx.NewRoute("POST /api/v1/kpi/publish", httpx.Admin, s.kpiPublish),
	}
}

// kpiIndicators serves GET /api/v1/kpi/indicators: the indicator set with its
// definitions and the plan's targets.
func (s *Server) kpiIndicators(w http.ResponseWriter, r *http.Request) {
	httpx.JSON(w, http.StatusOK, map[string]any{"total": len(patentbridge.KPIs), "items": patentbridge.KPIs})
}

// kpiReport serves GET /api/v1/kpi?year=Y[&city=C]: the report's JSON
// (`patentbridge report kpi --format json`).
func (s *Server) kpiReport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	year, err := patentbridge.ParseKPIYear("year", q.Get("year"))
	if err == nil && year == 0 {
		err = patentbridge.FieldErrorf("year", "请用 year 参数指定统计年度")
	}
	var rep *patentbridge.KPIReport
	if err == nil {
		rep, err = s.KPIs.KPIReport(r.Context(), year)
	}
	if err == nil {
		rep, err = export.OnlyCity(rep, q.Get("city"))
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, rep)
}

// kpiRecords serves GET /api/v1/kpi/records?id=&year=&city=&limit=&offset=:
// the records behind a figure; total is the figure's count, unit the
// indicator's, and each record's amount_label its amount in that unit.
func (s *Server) kpiRecords(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := patentbridge.KPIFilter{ID: q.Get("id"), City: q.Get("city")}
	var err error
	if f.Year, err = patentbridge.ParseKPIYear("year", q.Get("year")); err == nil {
		f.Limit, f.Offset, err = pageParams(q)
	}
	var recs []*patentbridge.KPIRecord
	var total int
	if err == nil {
		recs, total, err = s.KPIs.KPIRecords(r.Context(), f)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	k, _ := patentbridge.FindKPI(f.ID) // KPIRecords found it
	items := make([]patentbridge.KPIRecordItem, len(recs))
	for i, rec := range recs {
		items[i] = patentbridge.KPIRecordItem{Record: rec, KPI: k}
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": total, "unit": k.Unit, "items": items})
}

// kpiTargetRequest is the body of PUT and DELETE /api/v1/kpi/targets.
type kpiTargetRequest struct {
	ID     string  `json:"id"`
	Year   int     `json:"year"`
	City   string  `json:"city"`
	Target float64 `json:"target"`
}

// kpiSetTarget serves PUT /api/v1/kpi/targets (set a year's target) and
// DELETE (back to the plan's).
func (s *Server) kpiSetTarget(w http.ResponseWriter, r *http.Request) {
	var b kpiTargetRequest
	err := decodeBody(w, r, &b)
	t := patentbridge.KPITarget{ID: b.ID, Year: b.Year, City: b.City, Target: b.Target}
	if err == nil {
		err = s.KPIs.SetKPITarget(r.Context(), t, r.Method == http.MethodDelete)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, t)
}

// kpiPublish serves POST /api/v1/kpi/publish {"year":Y}: the year's figures
// appended to the public ledger.
func (s *Server) kpiPublish(w http.ResponseWriter, r *http.Request) {
	var b struct {
		Year int `json:"year"`
	}
	err := decodeBody(w, r, &b)
	var idx int64
	if err == nil {
		idx, err = s.KPIs.PublishKPIReport(r.Context(), b.Year)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, map[string]any{"year": b.Year, "ledger_index": idx})
}
