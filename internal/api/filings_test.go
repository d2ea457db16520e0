package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
)

// newFilingEnv is the supply env serving deals, filings, commissioners
// and outlets, with 成都芯动科技有限公司 (5101) in the registry and an agency
// account of 四川省知识产权服务中心 (5101); it returns the agency user and its token.
func newFilingEnv(t *testing.T) (*supplyEnv, *patentbridge.User, string) {
	t.Helper()
	e := newSupplyEnv(t)
	users := &httpxtest.UserService{DB: e.db}
	for _, org := range []*patentbridge.Organization{
		{Name: "成都芯动科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101", SME: true},
		{Name: "四川省知识产权服务中心", Type: patentbridge.PartyGovernment, CityCode: "5101"},
	} {
		if err := e.db.CreateOrganization(patentbridge.WithOrigin(t.Context(), patentbridge.OriginCLI), org); err != nil {
			t.Fatal(err)
		}
	}
	agent, tok := users.MustUser(t, "wangfang", patentbridge.RoleAgency, "四川省知识产权服务中心")
	srv := api.New(api.Deps{Now: clock, Patents: e.db, Ref: refdata.Default(), Logger: quiet, Deals: e.db,
		Filings: e.db, Commissioners: e.db, Outlets: e.db})
	h, err := httpx.Stack(srv, httpx.StackOptions{Users: users, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	e.handler = h
	return e, agent, tok
}

// An official files a product whose assigned patent links to the transfer
// the enterprise received; the same product again is 409; the yearly update
// adds a year; a bad column is named; other cities and enterprises are kept out.
func TestFilingsAPI(t *testing.T) {
	e, _, _ := newFilingEnv(t)
	status, deal := e.call(t, "POST", "/api/v1/deals", e.admin, `{"app_no":"2022232206652","kind":"转让","from":"中国科学院光电技术研究所",
		"from_type":"科研单位","to":"成都芯动科技有限公司","to_type":"企业","amount_fen":5000000,"contract_date":"2025-06-30"}`)
	if status != http.StatusCreated {
		t.Fatalf("deal = %d %v", status, deal)
	}
	body := `{"enterprise":"成都芯动科技有限公司","product_name":"自适应光学镜片","model":"AO-2","industry":"电子信息",
		"patents":[{"app_no":"2022232206652","source":"受让"}],"years":[{"year":2025,"output_fen":300000000,"sales_fen":250000000}],"filed_on":"2025-09-01"}`
	status, m := e.call(t, "POST", "/api/v1/filings", e.chengdu, body)
	if status != http.StatusCreated || m["city"] != "5101" || m["sme"] != true || m["filed_on"] != "2025-09-01" {
		t.Fatalf("create = %d %v", status, m)
	}
	p := m["patents"].([]any)[0].(map[string]any)
	if p["source"] != "assigned" || p["source_label"] != "受让" || p["deal_id"] != deal["id"] {
		t.Errorf("filed patent = %v (deal %v)", p, deal["id"])
	}
	id := int(m["id"].(float64))
	if status, _ := e.call(t, "POST", "/api/v1/filings", e.admin, body); status != http.StatusConflict {
		t.Errorf("the same product again = %d", status)
	}
	status, m = e.call(t, "PUT", fmt.Sprintf("/api/v1/filings/%d/years/2026", id), e.chengdu, `{"output_fen":500000000,"sales_fen":420000000}`)
	if years, _ := m["years"].([]any); status != 200 || len(years) != 2 {
		t.Errorf("the 2026 update = %d %v", status, m)
	}
	if status, m := e.call(t, "PUT", fmt.Sprintf("/api/v1/filings/%d/years/2030", id), e.admin, `{"output_fen":1}`); status != 400 || m["error"].(map[string]any)["field"] != "year" {
		t.Errorf("a future year = %d %v", status, m)
	}
	bad := `{"enterprise":"成都芯动科技有限公司","product_name":"镜片","patents":[{"app_no":"2022232206652","source":"赠与"}],"filed_on":"2025-09-01"}`
	if status, m := e.call(t, "POST", "/api/v1/filings", e.admin, bad); status != 400 || m["error"].(map[string]any)["field"] != "patents" {
		t.Errorf("an unknown source = %d %v", status, m)
	}
	if status, _ := e.call(t, "POST", "/api/v1/filings", e.firm, body); status != http.StatusForbidden {
		t.Errorf("an enterprise files = %d", status)
	}
	if status, _ := e.call(t, "GET", fmt.Sprintf("/api/v1/filings/%d", id), e.mianyang, ""); status != http.StatusNotFound {
		t.Errorf("mianyang reads chengdu's filing = %d", status)
	}
	if _, m := e.call(t, "GET", "/api/v1/filings?year=2025&sme=true", e.chengdu, ""); m["total"] != 1.0 {
		t.Errorf("chengdu's 2025 SME filings = %v", m)
	}
	if status, _ := e.call(t, "GET", "/api/v1/filings?sme=maybe", e.admin, ""); status != 400 {
		t.Errorf("a bad sme = %d", status)
	}
}

// Officials register commissioners, outlets and managers; the commissioner's
// own agency account records and lists its services but registers nobody.
func TestServicesAPI(t *testing.T) {
	e, agent, agentTok := newFilingEnv(t)
	status, c := e.call(t, "POST", "/api/v1/commissioners", e.mianyang,
		fmt.Sprintf(`{"name":"绵阳抢绑专员","organization":"四川大学","city":"5107","registered_on":"2025-01-10","user_id":%d}`, agent.ID))
	if err, _ := c["error"].(map[string]any); status != http.StatusNotFound || err["field"] != "user_id" {
		t.Errorf("mianyang links chengdu's agency account = %d %v", status, c)
	}
	status, c = e.call(t, "POST", "/api/v1/commissioners", e.chengdu,
		fmt.Sprintf(`{"name":"王芳","organization":"四川省知识产权服务中心","city":"5101","registered_on":"2025-01-10","user_id":%d}`, agent.ID))
	if status != http.StatusCreated || c["registered_on"] != "2025-01-10" || c["left_on"] != "" {
		t.Fatalf("commissioner = %d %v", status, c)
	}
	if status, _ := e.call(t, "POST", "/api/v1/commissioners", agentTok, `{"name":"赵敏","city":"5101","registered_on":"2025-01-10"}`); status != http.StatusForbidden {
		t.Errorf("an agency registers a commissioner = %d", status)
	}
	status, m := e.call(t, "POST", "/api/v1/service-records", agentTok, fmt.Sprintf(`{"commissioner_id":%v,"enterprise":"成都芯动科技有限公司",
		"served_on":"2026-03-05","service_type":"价值评估","outcome":"完成2件专利估值"}`, c["id"]))
	if status != http.StatusCreated || m["service_type"] != "valuation" || m["service_type_label"] != "价值评估" || m["city"] != "5101" {
		t.Fatalf("service = %d %v", status, m)
	}
	if status, m := e.call(t, "POST", "/api/v1/service-records", e.admin, `{"commissioner":"王芳","enterprise":"某公司","served_on":"2026-03-05","service_type":"咨询"}`); status != 400 || m["error"].(map[string]any)["field"] != "service_type" {
		t.Errorf("an unknown type = %d %v", status, m)
	}
	if _, m := e.call(t, "GET", "/api/v1/service-records?year=2026", agentTok, ""); m["total"] != 1.0 {
		t.Errorf("the commissioner's records = %v", m)
	}
	if _, m := e.call(t, "GET", "/api/v1/service-records", e.mianyang, ""); m["total"] != 0.0 {
		t.Errorf("mianyang's records = %v", m)
	}
	if status, _ := e.call(t, "GET", "/api/v1/service-records", e.firm, ""); status != http.StatusForbidden {
		t.Errorf("an enterprise lists records = %d", status)
	}
	if _, m := e.call(t, "GET", "/api/v1/commissioners?serving=1", e.chengdu, ""); m["total"] != 1.0 {
		t.Errorf("chengdu's commissioners = %v", m)
	}
	if status, m := e.call(t, "POST", fmt.Sprintf("/api/v1/commissioners/%v/leave", c["id"]), e.mianyang, `{"left_on":"2026-06-30"}`); status != http.StatusNotFound {
		t.Errorf("mianyang ends chengdu's commissioner = %d %v", status, m)
	}
	if status, m := e.call(t, "POST", fmt.Sprintf("/api/v1/commissioners/%v/leave", c["id"]), e.chengdu, `{"left_on":"2026-06-30"}`); status != 200 || m["left_on"] != "2026-06-30" {
		t.Errorf("leave = %d %v", status, m)
	}
	if _, m := e.call(t, "GET", "/api/v1/commissioners?serving=1", e.chengdu, ""); m["total"] != 0.0 {
		t.Errorf("chengdu's serving commissioners after leaving = %v", m)
	}
	status, o := e.call(t, "POST", "/api/v1/service-outlets", e.chengdu, `{"name":"高新区知识产权网点","kind":"网点","city":"5101","opened_on":"2025-04-01"}`)
	if status != 201 || o["kind"] != "outlet" || o["kind_label"] != "网点" {
		t.Errorf("outlet = %d %v", status, o)
	}
	if status, m := e.call(t, "POST", fmt.Sprintf("/api/v1/service-outlets/%v/close", o["id"]), e.chengdu, `{"closed_on":"2026-10-31"}`); status != 200 || m["closed_on"] != "2026-10-31" {
		t.Errorf("close = %d %v", status, m)
	}
	if _, m := e.call(t, "GET", "/api/v1/service-outlets?open=1", e.admin, ""); m["total"] != 0.0 {
		t.Errorf("open outlets after closing = %v", m)
	}
	if status, _ := e.call(t, "POST", "/api/v1/service-outlets", e.chengdu, `{"name":"绵阳网点","kind":"网点","city":"5107","opened_on":"2025-04-01"}`); status != http.StatusForbidden {
		t.Errorf("chengdu opens a Mianyang outlet = %d", status)
	}
	if _, m := e.call(t, "GET", "/api/v1/service-outlets?kind=outlet&year=2025", e.admin, ""); m["total"] != 1.0 {
		t.Errorf("2025 outlets = %v", m)
	}
	if status, _ := e.call(t, "GET", "/api/v1/service-outlets?kind=shop", e.admin, ""); status != 400 {
		t.Errorf("a bad kind = %d", status)
	}
	if status, m := e.call(t, "POST", "/api/v1/tech-managers", e.admin, `{"name":"陈静","city":"5107","registered_on":"2026-05-01"}`); status != 201 || m["registered_on"] != "2026-05-01" {
		t.Errorf("manager = %d %v", status, m)
	}
	if _, m := e.call(t, "GET", "/api/v1/tech-managers", e.mianyang, ""); m["total"] != 1.0 {
		t.Errorf("mianyang's managers = %v", m)
	}
}
