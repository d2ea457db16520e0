package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
)

// errorField returns the field of an API error body.
func errorField(m map[string]any) string {
	e, _ := m["error"].(map[string]any)
	f, _ := e["field"].(string)
	return f
}

// A member institution creates a draft pool through the API (refused: one
// member, a bad fee, a non-member's patent, an enterprise), which only members
// see; publishing it gives its ledger index and lists it.
func TestPoolsAPI(t *testing.T) {
	e := newSupplyEnv(t)
	users := &httpxtest.UserService{DB: e.db}
	ctx := patentbridge.WithOrigin(t.Context(), patentbridge.OriginCLI)
	if _, err := e.db.SyncOrganizations(ctx); err != nil {
		t.Fatal(err)
	}
	_, ioe := users.MustUser(t, "ioe", patentbridge.RoleInstitution, "中国科学院光电技术研究所")
	_, scu := users.MustUser(t, "scu", patentbridge.RoleInstitution, "四川大学")
	srv := api.New(api.Deps{Now: clock, Patents: e.db, Ref: refdata.Default(), Logger: quiet, Offers: e.db, OfferQuestions: e.db, Pools: e.db})
	h, err := httpx.Stack(srv, httpx.StackOptions{Users: users, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	e.handler = h
	org := func(name string) int64 {
		o, err := e.db.FindOrganizationByName(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		return o.ID
	}
	ioeID, scuID := org("中国科学院光电技术研究所"), org("四川大学")
	body := func(members, appNos, fee string) string {
		return fmt.Sprintf(`{"name":"四川光伏与储能专利池","field":"光伏与储能","members":[%s],"app_nos":[%s],"terms":"非成员企业打包普通许可","fee":%s}`,
			members, appNos, fee)
	}
	two := fmt.Sprintf(`{"organization_id":%d},{"organization_id":%d}`, ioeID, scuID)
	both := `"2022232206652","2021108432658"`
	royalty := `{"method":"sales_royalty","rate_bp":300,"report_months":6}`
	for _, c := range []struct {
		name, token, body string
		status            int
		field             string
	}{
		{"one member", ioe, body(fmt.Sprintf(`{"organization_id":%d}`, ioeID), both, royalty), 400, "members"},
		{"a member twice", ioe, body(fmt.Sprintf(`{"organization_id":%d},{"organization_id":%d}`, ioeID, ioeID), both, royalty), 400, "members"},
		{"a rate of 0", ioe, body(two, both, `{"method":"sales_royalty","rate_bp":0,"report_months":6}`), 400, "fee"},
		{"a rate over the notice's 20%", ioe, body(two, both, `{"method":"sales_royalty","rate_bp":2001,"report_months":6}`), 400, "fee"},
		{"an unknown method", ioe, body(two, both, `{"method":"barter"}`), 400, "fee"},
		{"a non-member's patent", ioe, body(two, `"2022232206652","2021112263722"`, royalty), 403, ""},
		{"an enterprise", e.firm, body(two, both, royalty), 403, ""},
		{"anonymous", "", body(two, both, royalty), 401, ""},
	} {
		if status, m := e.call(t, "POST", "/api/v1/pools", c.token, c.body); status != c.status || errorField(m) != c.field {
			t.Errorf("%s: %d %v, want %d on %q", c.name, status, m, c.status, c.field)
		}
	}

	status, m := e.call(t, "POST", "/api/v1/pools", ioe, body(two, both, `{"method":"sales_royalty","rate_bp":2000,"report_months":6}`))
	if status != http.StatusCreated || m["status"] != "draft" || m["ledger_index"] != nil {
		t.Fatalf("create = %d %v", status, m)
	}
	id := int64(m["id"].(float64))
	path := fmt.Sprintf("/api/v1/pools/%d", id)
	if status, _ := e.call(t, "GET", path, "", ""); status != http.StatusNotFound {
		t.Errorf("anonymous draft = %d", status)
	}
	if status, m := e.call(t, "GET", path, scu, ""); status != 200 || len(m["members"].([]any)) != 2 {
		t.Errorf("member's draft = %d %v", status, m)
	}
	if status, _ := e.call(t, "POST", path+"/publish", e.firm, ""); status != http.StatusForbidden {
		t.Errorf("enterprise publish = %d", status)
	}
	status, m = e.call(t, "POST", path+"/publish", scu, "")
	if status != 200 || m["status"] != "published" || m["ledger_index"] == nil {
		t.Fatalf("publish = %d %v", status, m)
	}
	if fee, _ := m["fee"].(map[string]any); fee["rate_bp"] != 2000.0 {
		t.Errorf("fee = %v", m["fee"])
	}
	if status, _ := e.call(t, "POST", path+"/publish", ioe, ""); status != http.StatusConflict {
		t.Errorf("publish twice = %d", status)
	}
	status, m = e.call(t, "GET", "/api/v1/pools", "", "")
	items, _ := m["items"].([]any)
	if status != 200 || m["total"] != 1.0 || len(items) != 1 || !strings.Contains(fmt.Sprint(items[0]), "四川光伏与储能专利池") {
		t.Errorf("pools = %d %v", status, m)
	}
}
