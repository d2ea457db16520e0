package api_test

import (
	"net/http"
	"strings"
	"testing"
)

// A list's city filter reads a 6-digit code as its 市(州) (the KPI pages'
// links use them) and refuses a malformed one in Chinese naming city; a
// well-formed code outside Sichuan is an empty list, while the KPI, which
// counts Sichuan's 市(州) only, takes both forms and refuses another.
func TestCityFilterReadsFourAndSixDigits(t *testing.T) {
	e := newKPIEnv(t)
	for _, region := range []string{"510104", "510703"} {
		body := `{"app_no":"2022232206652","kind":"转让","from":"中国科学院光电技术研究所","from_type":"科研单位","to":"企业` + region + `",
			"to_type":"enterprise","to_region_code":"` + region + `","amount_fen":5000000,"contract_date":"2026-06-30"}`
		if status, m := e.call(t, "POST", "/api/v1/deals", e.admin, body); status != http.StatusCreated {
			t.Fatalf("deal in %s: %d %v", region, status, m)
		}
	}
	list := func(query string) (int, map[string]any) { return e.call(t, "GET", "/api/v1/deals?"+query, e.admin, "") }
	_, four := list("city=5107")
	for _, q := range []string{"city=510700", "city=510703"} {
		status, m := list(q)
		if status != 200 || m["total"] != 1.0 || m["total"] != four["total"] ||
			m["items"].([]any)[0].(map[string]any)["to"] != "企业510703" {
			t.Errorf("%s = %d %v, want the one deal of city=5107", q, status, m)
		}
	}
	if status, m := list("city=5001"); status != 200 || m["total"] != 0.0 {
		t.Errorf("city=5001 = %d %v, want an empty list", status, m)
	}
	for _, q := range []string{"city=51070", "city=成都", "city=5107000"} {
		status, m := list(q)
		err, _ := m["error"].(map[string]any)
		if msg, _ := err["message"].(string); status != 400 || err["field"] != "city" || !strings.Contains(msg, "应为 4 位（如 5101）或 6 位（如 510100）行政区划代码") {
			t.Errorf("%s = %d %v", q, status, m)
		}
	}

	for _, city := range []string{"5101", "510100"} {
		status, m := e.call(t, "GET", "/api/v1/kpi?year=2026&city="+city, e.admin, "")
		if cities, _ := m["cities"].([]any); status != 200 || len(cities) != 1 || cities[0].(map[string]any)["code"] != "510100" {
			t.Errorf("kpi city=%s = %d %v", city, status, m["cities"])
		}
		if status, m := e.call(t, "GET", "/api/v1/kpi/records?id=univ_to_sme_conversions&year=2026&city="+city, e.admin, ""); status != 200 {
			t.Errorf("kpi records city=%s = %d %v", city, status, m)
		}
	}
	for _, city := range []string{"9999", "5001", "51010"} {
		if status, m := e.call(t, "GET", "/api/v1/kpi?year=2026&city="+city, e.admin, ""); status != 400 || m["error"].(map[string]any)["field"] != "city" {
			t.Errorf("kpi city=%s = %d %v", city, status, m)
		}
	}
}
