package api_test

import (
	"net/http"
	"strings"
	"testing"

	"patentbridge/internal/api"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
)

// The indicator set is public; the figures and their records are the
// officials', a figure's records totalling it; the admin sets a target and
// publishes the year.
func TestKPIAPI(t *testing.T) {
	e := newKPIEnv(t)
	deal := `{"app_no":"2022232206652","kind":"转让","from":"中国科学院光电技术研究所","from_type":"科研单位","to":"成都芯动科技有限公司",
		"to_type":"enterprise","to_sme":true,"to_region_code":"510104","amount_fen":5000000,"contract_date":"2026-06-30"}`
	if status, m := e.call(t, "POST", "/api/v1/deals", e.admin, deal); status != http.StatusCreated {
		t.Fatalf("deal: %d %v", status, m)
	}
	if status, m := e.call(t, "GET", "/api/v1/kpi/indicators", "", ""); status != 200 || m["total"].(float64) < 20 {
		t.Errorf("indicators = %d %v", status, m["total"])
	}
	status, m := e.call(t, "GET", "/api/v1/kpi?year=2026", e.chengdu, "")
	if status != 200 || len(m["cities"].([]any)) != 21 {
		t.Fatalf("report = %d %v", status, m)
	}
	status, m = e.call(t, "GET", "/api/v1/kpi/records?id=univ_to_sme_conversions&year=2026", e.admin, "")
	if status != 200 || m["total"] != 1.0 || m["items"].([]any)[0].(map[string]any)["kind"] != "deal" {
		t.Errorf("records = %d %v", status, m)
	}
	if status, _ := e.call(t, "GET", "/api/v1/kpi?year=2026", e.firm, ""); status != http.StatusForbidden {
		t.Errorf("an enterprise reads the figures = %d", status)
	}
	if status, _ := e.call(t, "PUT", "/api/v1/kpi/targets", e.chengdu, `{"id":"univ_to_sme_conversions","year":2026,"target":1}`); status != http.StatusForbidden {
		t.Errorf("a city official sets a target = %d", status)
	}
	if status, m := e.call(t, "PUT", "/api/v1/kpi/targets", e.admin, `{"id":"univ_to_sme_conversions","year":2026,"target":1}`); status != 200 {
		t.Errorf("set target = %d %v", status, m)
	}
	_, m = e.call(t, "GET", "/api/v1/kpi?year=2026", e.admin, "")
	for _, v := range m["province"].(map[string]any)["indicators"].([]any) {
		if x := v.(map[string]any); x["id"] == "univ_to_sme_conversions" && (x["target"] != 1.0 || x["met"] != true) {
			t.Errorf("after the target: %v", x)
		}
	}
	if status, m := e.call(t, "POST", "/api/v1/kpi/publish", e.admin, `{"year":2026}`); status != http.StatusCreated {
		t.Errorf("publish = %d %v", status, m)
	}
	if status, m := e.call(t, "POST", "/api/v1/kpi/publish", e.admin, `{"year":2026}`); status != http.StatusConflict ||
		!strings.Contains(m["error"].(map[string]any)["message"].(string), "已于") {
		t.Errorf("the same figures published again = %d %v", status, m)
	}
	if status, _ := e.call(t, "GET", "/api/v1/kpi", e.admin, ""); status != 400 {
		t.Errorf("no year = %d", status)
	}
}

// A figure's records say what each adds in the indicator's unit; an
// enterprise counted by name that is not in the registry has no id; a
// missing indicator is the request's fault, an unknown one names the field;
// the year starts where records may be dated.
func TestKPIRecordsAPI(t *testing.T) {
	e := newKPIEnv(t)
	deal := `{"app_no":"2022232206652","kind":"转让","from":"中国科学院光电技术研究所","from_type":"科研单位","to":"某未登记科技有限公司",
		"to_type":"enterprise","to_sme":true,"to_region_code":"510104","amount_fen":5000000,"contract_date":"2026-06-30"}`
	if status, m := e.call(t, "POST", "/api/v1/deals", e.admin, deal); status != http.StatusCreated {
		t.Fatalf("deal: %d %v", status, m)
	}
	status, m := e.call(t, "GET", "/api/v1/kpi/records?id=smes_reached&year=2026", e.admin, "")
	if status != 200 || m["total"] != 1.0 || m["unit"] != "家" {
		t.Fatalf("records = %d %v", status, m)
	}
	rec := m["items"].([]any)[0].(map[string]any)
	if _, has := rec["id"]; has || rec["kind"] != "organization" || rec["amount"] != 1.0 || rec["amount_label"] != "1" {
		t.Errorf("an unregistered enterprise's record: %v", rec)
	}
	status, m = e.call(t, "GET", "/api/v1/kpi/records?year=2026", e.admin, "")
	if er, _ := m["error"].(map[string]any); status != http.StatusBadRequest || er["code"] != "EINVALID" || er["field"] != "id" || er["message"] != "请指定指标 id" {
		t.Errorf("no id = %d %v", status, m)
	}
	status, m = e.call(t, "GET", "/api/v1/kpi/records?id=nope&year=2026", e.admin, "")
	if er, _ := m["error"].(map[string]any); status != http.StatusNotFound || er["field"] != "id" {
		t.Errorf("unknown id = %d %v", status, m)
	}
	if status, m := e.call(t, "GET", "/api/v1/kpi/records?id=smes_reached&year=1985", e.admin, ""); status != 200 {
		t.Errorf("year 1985 = %d %v", status, m)
	}
	status, m = e.call(t, "GET", "/api/v1/kpi?year=1984", e.admin, "")
	if er, _ := m["error"].(map[string]any); status != http.StatusBadRequest || er["field"] != "year" {
		t.Errorf("year 1984 = %d %v", status, m)
	}
}

// newKPIEnv serves the supply environment's store with its deals and KPIs.
func newKPIEnv(t *testing.T) *supplyEnv {
	t.Helper()
	e := newSupplyEnv(t)
	users := &httpxtest.UserService{DB: e.db}
	srv := api.New(api.Deps{Now: clock, Patents: e.db, Ref: refdata.Default(), Logger: quiet, Deals: e.db, KPIs: e.db})
	h, err := httpx.Stack(srv, httpx.StackOptions{Users: users, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	e.handler = h
	return e
}
