package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/sqldb/sqldbtest"
)

// An official creates a pool and carries a loan from application to
// compensation through the API; the split comes back in fen; a registration
// refusal names the patent; a city user of another city sees nothing; an
// enterprise is refused.
func TestLoansAPI(t *testing.T) {
	db := sqldbtest.SQLite(t)
	db.Now = clock
	ctx := patentbridge.WithOrigin(t.Context(), patentbridge.OriginCLI)
	if err := db.CreateOrganization(ctx, &patentbridge.Organization{Name: "成都芯动科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101"}); err != nil {
		t.Fatal(err)
	}
	firm := patentbridge.Party{Name: "成都芯动科技有限公司", Type: patentbridge.PartyEnterprise}
	p := &patentbridge.Patent{AppNo: "2019107654324", Kind: patentbridge.KindInvention, Title: "一种车规级芯片散热封装结构",
		AppDate: time.Date(2019, 8, 2, 0, 0, 0, 0, time.UTC), Status: patentbridge.StatusInForce, Patentees: []patentbridge.Party{firm}}
	if _, err := db.UpsertPatents(ctx, []*patentbridge.Patent{p}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SyncOrganizations(ctx); err != nil {
		t.Fatal(err)
	}
	users := &httpxtest.UserService{DB: db}
	e := &supplyEnv{db: db}
	_, e.admin = users.MustUser(t, "admin", patentbridge.RoleAdmin)
	_, e.firm = users.MustUser(t, "firm", patentbridge.RoleEnterprise)
	_, e.chengdu = users.MustUser(t, "chengdu", patentbridge.RoleCity, "5101")
	_, e.mianyang = users.MustUser(t, "mianyang", patentbridge.RoleCity, "5107")
	h, err := httpx.Stack(api.New(api.Deps{Now: clock, Patents: db, Ref: refdata.Default(), Logger: quiet, Loans: db}),
		httpx.StackOptions{Users: users, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	e.handler = h

	status, m := e.call(t, "POST", "/api/v1/risk-pools", e.chengdu, `{"name":"成都市知识产权质押融资风险补偿资金池","balance_fen":1000000000,
		"leverage":10,"loss_cap_fen":500000000,"insurer_share":3,"bank_share":2,"gov_share":5,"opened_on":"2026-01-05"}`)
	if status != http.StatusCreated || m["city"] != "5101" || m["capacity_fen"] != 1e10 || m["opened_on"] != "2026-01-05" {
		t.Fatalf("create pool = %d %v", status, m)
	}
	poolID := int64(m["id"].(float64))
	body := fmt.Sprintf(`{"borrower":"成都芯动科技有限公司","bank":"成都银行","amount_fen":200000000,"term_months":12,
		"app_nos":["201910765432.4"],"risk_pool_id":%d,"guarantor":"人保财险四川分公司","cover_percent":30,"applied_on":"2026-02-10"}`, poolID)
	if status, _ := e.call(t, "POST", "/api/v1/loans", e.firm, body); status != http.StatusForbidden {
		t.Errorf("an enterprise records a loan = %d", status)
	}
	status, m = e.call(t, "POST", "/api/v1/loans", e.chengdu, body)
	if status != http.StatusCreated || m["status_label"] != "已申请" || m["city"] != "5101" || m["applied_on"] != "2026-02-10" {
		t.Fatalf("create loan = %d %v", status, m)
	}
	loan := fmt.Sprintf("/api/v1/loans/%d", int64(m["id"].(float64)))
	step := func(act, body string, want int) map[string]any {
		t.Helper()
		status, m := e.call(t, "POST", loan+"/"+act, e.chengdu, body)
		if status != want {
			t.Fatalf("%s = %d %v", act, status, m)
		}
		return m
	}
	step("approve", `{}`, http.StatusConflict) // not valued yet
	step("value", `{"valuation_method":"收益法","valuation_fen":500000000,"valuer":"四川天府资产评估有限公司","date":"2026-02-15"}`, http.StatusOK)
	m = step("approve", `{"date":"2026-02-14"}`, http.StatusBadRequest) // before the valuation
	if e := m["error"].(map[string]any); e["code"] != "EINVALID" || e["field"] != "date" || !strings.Contains(e["message"].(string), "评估日期 2026-02-15") {
		t.Errorf("approval before the valuation: %v", e)
	}
	if m = step("approve", `{"date":"2026-02-20"}`, http.StatusOK); m["valued_on"] != "2026-02-15" || m["approved_on"] != "2026-02-20" {
		t.Errorf("approved loan = %v", m)
	}
	// Not declared: the refusal names the loan's patents by their key.
	m = step("register", `{"registration_no":"Y2026510000123","no_suspension":true,"date":"2026-03-01"}`, http.StatusBadRequest)
	if e := m["error"].(map[string]any); e["field"] != "app_nos" {
		t.Errorf("refusal %v", e)
	}
	step("bogus", `{}`, http.StatusNotFound)
	if status, m := e.call(t, "GET", loan, e.mianyang, ""); status != http.StatusNotFound {
		t.Errorf("mianyang reads a Chengdu loan = %d %v", status, m)
	}
	if _, m := e.call(t, "GET", "/api/v1/loans?status=已审批", e.admin, ""); m["total"] != 1.0 {
		t.Errorf("approved loans = %v", m)
	}
	if status, _ := e.call(t, "GET", "/api/v1/loans?status=x", e.admin, ""); status != 400 {
		t.Errorf("a bad status = %d", status)
	}
	if status, m := e.call(t, "GET", "/api/v1/loans?city=5101", e.mianyang, ""); status != http.StatusForbidden || m["error"].(map[string]any)["field"] != "city" {
		t.Errorf("mianyang asks for Chengdu's loans = %d %v", status, m)
	}
	if status, m := e.call(t, "GET", "/api/v1/loans?city=5101", e.chengdu, ""); status != http.StatusOK || m["total"] != 1.0 {
		t.Errorf("chengdu asks for its own loans = %d %v", status, m)
	}
	if _, m := e.call(t, "GET", fmt.Sprintf("/api/v1/risk-pools/%d", poolID), e.admin, ""); m["outstanding_fen"] != 2e8 || m["available_fen"] != 1e10-2e8 {
		t.Errorf("pool = %v", m)
	}
	deposit := fmt.Sprintf("/api/v1/risk-pools/%d/deposits", poolID)
	if status, m := e.call(t, "POST", deposit, e.chengdu, `{"amount_fen":100000000,"date":"2026-11-01"}`); status != 200 || m["balance_fen"] != 11e8 {
		t.Errorf("top-up = %d %v", status, m)
	}
	if status, _ := e.call(t, "POST", deposit, e.mianyang, `{"amount_fen":100000000}`); status != http.StatusNotFound {
		t.Errorf("mianyang tops up a Chengdu pool = %d", status)
	}
}

// A loan the borrower declared free of suspension goes through to
// compensation, and the split comes back in fen.
func TestLoansAPICompensation(t *testing.T) {
	db := sqldbtest.SQLite(t)
	db.Now = clock
	ctx := patentbridge.WithOrigin(t.Context(), patentbridge.OriginCLI)
	if err := db.CreateOrganization(ctx, &patentbridge.Organization{Name: "成都芯动科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101"}); err != nil {
		t.Fatal(err)
	}
	firm := patentbridge.Party{Name: "成都芯动科技有限公司", Type: patentbridge.PartyEnterprise}
	p := &patentbridge.Patent{AppNo: "2019107654324", Kind: patentbridge.KindInvention, Title: "一种车规级芯片散热封装结构",
		AppDate: time.Date(2019, 8, 2, 0, 0, 0, 0, time.UTC), Status: patentbridge.StatusInForce, Patentees: []patentbridge.Party{firm}}
	if _, err := db.UpsertPatents(ctx, []*patentbridge.Patent{p}); err != nil {
		t.Fatal(err)
	}
	users := &httpxtest.UserService{DB: db}
	e := &supplyEnv{db: db}
	_, e.admin = users.MustUser(t, "admin", patentbridge.RoleAdmin)
	h, err := httpx.Stack(api.New(api.Deps{Now: clock, Patents: db, Ref: refdata.Default(), Logger: quiet, Loans: db}),
		httpx.StackOptions{Users: users, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	e.handler = h
	_, m := e.call(t, "POST", "/api/v1/risk-pools", e.admin, `{"name":"德阳模式资金池","city":"5101","balance_fen":1000000000,
		"leverage":10,"insurer_share":3,"bank_share":2,"gov_share":5,"opened_on":"2026-01-05"}`)
	status, m := e.call(t, "POST", "/api/v1/loans", e.admin, fmt.Sprintf(`{"borrower":"成都芯动科技有限公司","bank":"成都银行",
		"amount_fen":200000000,"term_months":12,"app_nos":["2019107654324"],"risk_pool_id":%d,"no_suspension":true,"applied_on":"2026-02-10"}`, int64(m["id"].(float64))))
	if status != http.StatusCreated {
		t.Fatalf("create loan = %d %v", status, m)
	}
	loan := fmt.Sprintf("/api/v1/loans/%d", int64(m["id"].(float64)))
	for _, s := range []struct{ act, body string }{
		{"value", `{"valuation_method":"市场法","valuation_fen":400000000,"valuer":"四川天府资产评估有限公司","date":"2026-02-15"}`},
		{"approve", `{"date":"2026-02-20"}`},
		{"register", `{"registration_no":"Y2026510000123","no_suspension":true,"date":"2026-03-01"}`},
		{"disburse", `{"date":"2026-03-10"}`},
		{"default", `{"date":"2026-09-30"}`},
		{"compensate", `{"loss_fen":100000001,"date":"2026-10-15"}`},
	} {
		if status, m = e.call(t, "POST", loan+"/"+s.act, e.admin, s.body); status != http.StatusOK {
			t.Fatalf("%s = %d %v", s.act, status, m)
		}
	}
	c, _ := m["compensation"].(map[string]any)
	if m["status_label"] != "已代偿" || m["disbursed_on"] != "2026-03-10" || c["insurer_fen"] != 3e7 || c["bank_fen"] != 20000001.0 ||
		c["gov_fen"] != 5e7 || c["claimed_on"] != "2026-10-15" {
		t.Errorf("compensated loan = %v", m)
	}
}
