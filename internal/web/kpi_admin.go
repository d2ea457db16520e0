package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"patentbridge"
	"patentbridge/internal/export"
	"patentbridge/internal/refdata"
)

// kpiReport serves /kpi/report?year=Y&city=C&format=xlsx|json: the year's
// report as the command line writes it (a city user's is its city's).
func (s *Server) kpiReport(w http.ResponseWriter, r *http.Request) {
	ctx, q := r.Context(), r.URL.Query()
	year, err := s.kpiYear(q)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	city := q.Get("city")
	if c := patentbridge.ScopeCity(patentbridge.UserFrom(ctx)); c != "" {
		city = c
	}
	rep, err := s.KPIs.KPIReport(ctx, year)
	if err == nil {
		rep, err = export.OnlyCity(rep, city)
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	ascii, name := fmt.Sprintf("kpi-%d", year), fmt.Sprintf("绩效评价-%d", year)
	if city != "" {
		ascii, name = ascii+"-"+rep.Cities[0].Code, name+"-"+rep.Cities[0].Name
	}
	var buf bytes.Buffer
	switch q.Get("format") {
	case "json":
		if err := export.WriteKPIJSON(&buf, rep); err != nil {
			s.errorPage(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"%s.json\"; filename*=UTF-8''%s", ascii, url.PathEscape(name+".json")))
		w.Write(buf.Bytes())
	case "", "xlsx":
		if err := export.WriteKPIXLSX(ctx, &buf, rep, s.KPIs, refdata.Default().CityName); err != nil {
			s.errorPage(w, r, err)
			return
		}
		sendWorkbook(w, ascii+".xlsx", name+".xlsx", buf.Bytes())
	default:
		s.errorPage(w, r, patentbridge.FieldErrorf("format", "报告格式应为 xlsx 或 json"))
	}
}

// kpiTargetsView is the data of /kpi/targets.
type kpiTargetsView struct {
	Year  int
	Cells []kpiCell
	Saved string
}

// kpiTargets serves /kpi/targets?year=Y: the province's target of every
// indicator for the year, each editable.
func (s *Server) kpiTargets(w http.ResponseWriter, r *http.Request) {
	year, err := s.kpiYear(r.URL.Query())
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	rep, err := s.KPIs.KPIReport(r.Context(), year)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := kpiTargetsView{Year: year, Saved: r.URL.Query().Get("saved")}
	for _, val := range rep.Province.Indicators {
		k, _ := patentbridge.FindKPI(val.ID)
		v.Cells = append(v.Cells, newKPICell(k, val, year, ""))
	}
	s.render(w, r, http.StatusOK, "kpi_targets", strconv.Itoa(year)+" 年度指标目标", "kpi", v)
}

// kpiSetTarget takes the targets form: id, year, city, target ("" restores
// the plan's).
func (s *Server) kpiSetTarget(w http.ResponseWriter, r *http.Request) {
	year, err := strconv.Atoi(r.PostFormValue("year"))
	if err != nil {
		s.errorPage(w, r, patentbridge.FieldErrorf("year", "年份应为整数"))
		return
	}
	t := patentbridge.KPITarget{ID: r.PostFormValue("id"), Year: year, City: r.PostFormValue("city")}
	raw := r.PostFormValue("target")
	remove := raw == ""
	if !remove {
		if t.Target, err = strconv.ParseFloat(raw, 64); err != nil {
			s.errorPage(w, r, patentbridge.FieldErrorf("target", "目标值应为数字，收到 %q", patentbridge.ClipValue(raw)))
			return
		}
	}
	if err := s.KPIs.SetKPITarget(r.Context(), t, remove); err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/kpi/targets?year=%d&saved=%s", year, t.ID), http.StatusSeeOther)
}

// kpiPublish appends the year's figures to the public ledger.
func (s *Server) kpiPublish(w http.ResponseWriter, r *http.Request) {
	year, err := strconv.Atoi(r.PostFormValue("year"))
	if err != nil {
		s.errorPage(w, r, patentbridge.FieldErrorf("year", "年份应为整数"))
		return
	}
	idx, err := s.KPIs.PublishKPIReport(r.Context(), year)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/kpi?year=%d&published=%d", year, idx), http.StatusSeeOther)
}
