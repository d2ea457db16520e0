package api_test

import (
	"context"
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

// A university declares an open licence through the API, the admin announces
// it, and anyone lists it with its ledger index; drafts stay private.
func TestOpenLicenceAPI(t *testing.T) {
	db := sqldbtest.SQLite(t)
	db.Now = clock
	users := &httpxtest.UserService{DB: db}
	_, admin := users.MustUser(t, "admin", patentbridge.RoleAdmin)
	_, swust := users.MustUser(t, "swust", patentbridge.RoleInstitution, "西南科技大学")
	_, firm := users.MustUser(t, "firm", patentbridge.RoleEnterprise)
	p := &patentbridge.Patent{AppNo: "2019107654324", Kind: patentbridge.KindInvention, Title: "一种核废料玻璃固化体及其制备方法",
		AppDate: time.Date(2019, 8, 2, 0, 0, 0, 0, time.UTC), GrantDate: time.Date(2021, 9, 14, 0, 0, 0, 0, time.UTC),
		Status: patentbridge.StatusInForce, RegionCode: "510703", MainIPC: "G21F9/16", IPC: []string{"G21F9/16"},
		Patentees: []patentbridge.Party{{Name: "西南科技大学", Type: patentbridge.PartyUniversity}}}
	ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	if _, err := db.UpsertPatents(ctx, []*patentbridge.Patent{p}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SyncOrganizations(ctx); err != nil {
		t.Fatal(err)
	}
	srv := api.New(api.Deps{Now: clock, Patents: db, Ref: refdata.Default(), Logger: quiet, OpenLicences: db})
	h, err := httpx.Stack(srv, httpx.StackOptions{Users: users, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{handler: h}
	body := `{"app_no":"2019107654324","fee":{"method":"sales_royalty","rate_bp":2001,"report_months":6},
		"fee_basis":"参照估算指引","term_start":"2026-12-01","term_end":"2030-11-30",
		"confirmations":["no_exclusive_licence","no_suspension","fees_paid","no_pledge","no_other_bar"]}`
	res := e.do(t, "POST", "/api/v1/open-licences", swust, strings.NewReader(body), nil)
	m := MustJSON(t, res)
	if res.StatusCode != http.StatusBadRequest || errorOf(t, m)["field"] != "rate" || !strings.Contains(errorOf(t, m)["message"].(string), "2024") {
		t.Fatalf("20.01%%: %d %v", res.StatusCode, m)
	}
	res = e.do(t, "POST", "/api/v1/open-licences", firm, strings.NewReader(strings.Replace(body, "2001", "2000", 1)), nil)
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("an enterprise not owning the patent: %d %v", res.StatusCode, MustJSON(t, res))
	}
	res = e.do(t, "POST", "/api/v1/open-licences", swust, strings.NewReader(strings.Replace(body, "2001", "2000", 1)), nil)
	m = MustJSON(t, res)
	if res.StatusCode != http.StatusCreated || m["status"] != "draft" {
		t.Fatalf("create: %d %v", res.StatusCode, m)
	}
	if m := MustJSON(t, e.do(t, "GET", "/api/v1/open-licences", "", nil, nil)); m["total"] != 0.0 {
		t.Fatalf("the public sees a draft: %v", m)
	}
	if res := e.do(t, "GET", "/api/v1/open-licences/1", "", nil, nil); res.StatusCode != http.StatusNotFound {
		t.Fatalf("a draft read anonymously: %d", res.StatusCode)
	}
	for _, step := range []struct{ path, token, body string }{
		{"/api/v1/open-licences/1/submit", swust, ""},
		{"/api/v1/open-licences/1/review", admin, `{"approve":true}`},
	} {
		if res := e.do(t, "POST", step.path, step.token, strings.NewReader(step.body), nil); res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %v", step.path, res.StatusCode, MustJSON(t, res))
		}
	}
	res = e.do(t, "POST", "/api/v1/open-licences/1/submit", swust, nil, nil)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("submit an announced declaration: %d", res.StatusCode)
	}
	m = MustJSON(t, e.do(t, "GET", "/api/v1/open-licences?status=announced&method=sales_royalty", "", nil, nil))
	items, _ := m["items"].([]any)
	if m["total"] != 1.0 || len(items) != 1 {
		t.Fatalf("list = %v", m)
	}
	it := items[0].(map[string]any)
	for _, k := range []string{"id", "app_no", "method", "status", "announced_at", "ledger_index"} {
		if _, ok := it[k]; !ok {
			t.Errorf("item has no %q: %v", k, it)
		}
	}
	if it["app_no"] != "2019107654324" || it["status"] != "announced" || it["ledger_index"] != 0.0 || it["fee_text"] != "按净销售额提成 20%，每6个月报告并支付" {
		t.Errorf("item = %v", it)
	}
	if _, err := time.Parse(time.RFC3339, it["announced_at"].(string)); err != nil {
		t.Errorf("announced_at %v: %v", it["announced_at"], err)
	}
	if m := MustJSON(t, e.do(t, "GET", "/api/v1/open-licences?method=free", "", nil, nil)); m["total"] != 0.0 {
		t.Errorf("method filter: %v", m)
	}
	if res := e.do(t, "GET", "/api/v1/open-licences?status=bogus", "", nil, nil); res.StatusCode != http.StatusBadRequest {
		t.Errorf("bad status: %d", res.StatusCode)
	}
}
