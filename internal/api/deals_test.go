package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"patentbridge/internal/api"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
)

// A provincial official records a deal through the API by the template's
// Chinese names; the same deal again is 409; a bad column is named; a city
// user lists only its city's deals, another city's refused; an enterprise is
// refused.
func TestDealsAPI(t *testing.T) {
	e := newSupplyEnv(t)
	users := &httpxtest.UserService{DB: e.db}
	srv := api.New(api.Deps{Now: clock, Patents: e.db, Ref: refdata.Default(), Logger: quiet, Deals: e.db})
	h, err := httpx.Stack(srv, httpx.StackOptions{Users: users, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	e.handler = h
	body := `{"app_no":"2022232206652","kind":"转让","from":"中国科学院光电技术研究所","from_type":"科研单位","to":"成都芯动科技有限公司",
		"to_type":"enterprise","to_sme":true,"to_region_code":"510104","amount_fen":5000000,"contract_date":"2026-06-30"}`
	status, m := e.call(t, "POST", "/api/v1/deals", e.admin, body)
	if status != http.StatusCreated || m["kind"] != "transfer" || m["to_city"] != "5101" || m["contract_date"] != "2026-06-30" || m["from_type"] != "institute" {
		t.Fatalf("create = %d %v", status, m)
	}
	if status, _ := e.call(t, "POST", "/api/v1/deals", e.admin, body); status != http.StatusConflict {
		t.Errorf("the same deal again = %d", status)
	}
	if status, m := e.call(t, "GET", fmt.Sprintf("/api/v1/deals/%v", m["id"]), e.admin, ""); status != http.StatusOK ||
		len(m["sources"].([]any)) != 1 || m["sources"].([]any)[0].(map[string]any)["source"] != "form" {
		t.Errorf("the deal's sources = %d %v", status, m)
	}
	bad := `{"app_no":"2022232206652","kind":"转让","from":"甲","from_type":"大专院校","to":"乙","to_type":"企业","contract_date":"2026-06-30","to_region_code":"51"}`
	if status, m := e.call(t, "POST", "/api/v1/deals", e.admin, bad); status != 400 || m["error"].(map[string]any)["field"] != "to_region_code" {
		t.Errorf("a bad region code = %d %v", status, m)
	}
	if status, _ := e.call(t, "POST", "/api/v1/deals", e.firm, body); status != http.StatusForbidden {
		t.Errorf("an enterprise records a deal = %d", status)
	}
	if _, m := e.call(t, "GET", "/api/v1/deals?year=2026", e.chengdu, ""); m["total"] != 1.0 {
		t.Errorf("chengdu's deals = %v", m)
	}
	if _, m := e.call(t, "GET", "/api/v1/deals", e.mianyang, ""); m["total"] != 0.0 {
		t.Errorf("mianyang's deals = %v", m)
	}
	if status, m := e.call(t, "GET", "/api/v1/deals?city=5101", e.mianyang, ""); status != http.StatusForbidden ||
		m["error"].(map[string]any)["field"] != "city" || m["error"].(map[string]any)["message"] != "没有权限：市（州）管理员只能查看本市（州）的记录" {
		t.Errorf("mianyang asks for Chengdu's deals = %d %v", status, m)
	}
	if status, m := e.call(t, "GET", "/api/v1/deals?city=5101", e.chengdu, ""); status != http.StatusOK || m["total"] != 1.0 {
		t.Errorf("chengdu asks for its own deals = %d %v", status, m)
	}
	if status, _ := e.call(t, "GET", "/api/v1/deals?year=x", e.admin, ""); status != 400 {
		t.Errorf("a bad year = %d", status)
	}
	if status, m := e.call(t, "GET", "/api/v1/deals?year=1990", e.admin, ""); status != 200 || m["total"] != 0.0 {
		t.Errorf("year 1990 = %d %v", status, m["total"])
	}
	if status, _ := e.call(t, "GET", "/api/v1/deals?year=1984", e.admin, ""); status != 400 {
		t.Errorf("year 1984 = %d", status)
	}
}
