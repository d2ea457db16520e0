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

// The market's API: the public list's shape and filters, an offer's page,
// and an enterprise's question; acts need a role.
func TestOffersAPI(t *testing.T) {
	e := newSupplyEnv(t)
	users := &httpxtest.UserService{DB: e.db}
	_, e.firm = users.MustUser(t, "firm2", patentbridge.RoleEnterprise)
	srv := api.New(api.Deps{Now: clock, Patents: e.db, Ref: refdata.Default(), Logger: quiet, Offers: e.db, OfferQuestions: e.db, Pools: e.db})
	h, err := httpx.Stack(srv, httpx.StackOptions{Users: users, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	e.handler = h
	ctx := patentbridge.WithOrigin(t.Context(), patentbridge.OriginCLI)
	if _, err := e.db.SyncOrganizations(ctx); err != nil {
		t.Fatal(err)
	}
	o := &patentbridge.Offer{Kind: patentbridge.OfferTransfer, AppNos: []string{"2022232206652"}, PriceFen: 80_0000_00, TRL: 7,
		Fields: "核废料处理", Problem: "固化体浸出率高", Advantage: "浸出率降低一个数量级", Contact: "科技处"}
	if err := e.db.CreateOffer(ctx, o); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.PublishOffer(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	status, m := e.call(t, "GET", "/api/v1/offers?kind=transfer&price_min=50&price_max=100&trl=7", "", "")
	items, _ := m["items"].([]any)
	if status != 200 || m["total"] != 1.0 || len(items) != 1 {
		t.Fatalf("list = %d %v", status, m)
	}
	it := items[0].(map[string]any)
	nos, _ := it["app_nos"].([]any)
	if it["id"] != float64(o.ID) || len(nos) != 1 || nos[0] != "2022232206652" || it["kind"] != "transfer" || it["price"] != 8e7 ||
		it["status"] != "published" || it["ledger_index"] == nil || it["organization"] != "中国科学院光电技术研究所" || it["price_label"] != "80 万元" {
		t.Errorf("item = %v", it)
	}
	for _, q := range []string{"kind=ordinary", "price_min=81", "trl=8", "org_type=soe"} {
		if _, m := e.call(t, "GET", "/api/v1/offers?"+q, "", ""); m["total"] != 0.0 {
			t.Errorf("?%s: total %v, want 0", q, m["total"])
		}
	}
	for q, field := range map[string]string{"trl=x": "trl", "soe_shared=yes": "soe_shared", "price_max=0": "price_max"} {
		status, m := e.call(t, "GET", "/api/v1/offers?"+q, "", "")
		if e, _ := m["error"].(map[string]any); status != 400 || e["field"] != field {
			t.Errorf("?%s = %d %v, want 400 on %s", q, status, m, field)
		}
	}
	if _, m := e.call(t, "GET", "/api/v1/offers?soe_shared=1", "", ""); m["total"] != 0.0 {
		t.Errorf("?soe_shared=1: total %v, want 0 (no SOE offer)", m["total"])
	}
	if status, m := e.call(t, "GET", fmt.Sprintf("/api/v1/offers/%d", o.ID), "", ""); status != 200 || m["title"] == "" {
		t.Errorf("get = %d %v", status, m)
	}
	path := fmt.Sprintf("/api/v1/offers/%d/questions", o.ID)
	if status, _ := e.call(t, "POST", path, "", `{"kind":"interest"}`); status != http.StatusUnauthorized {
		t.Errorf("anonymous question = %d", status)
	}
	if status, m := e.call(t, "POST", path, e.firm, `{"kind":"question","text":"是否可分期付款？"}`); status != 201 || m["text"] != "是否可分期付款？" {
		t.Errorf("question = %d %v", status, m)
	}
	if status, _ := e.call(t, "POST", "/api/v1/offers", e.firm, `{}`); status != http.StatusForbidden {
		t.Errorf("enterprise offer = %d", status)
	}
	draft := &patentbridge.Offer{Kind: patentbridge.OfferTransfer, AppNos: []string{"2022232206652"}, PriceFen: 90_0000_00, TRL: 7,
		Fields: "核废料处理", Problem: "固化体浸出率高", Advantage: "浸出率降低一个数量级", Contact: "科技处"}
	if err := e.db.CreateOffer(ctx, draft); err != nil {
		t.Fatal(err)
	}
	_, other := users.MustUser(t, "scu", patentbridge.RoleInstitution, "四川大学") // another organization's institution user
	for _, path := range []string{fmt.Sprintf("/api/v1/offers/%d", draft.ID), fmt.Sprintf("/api/v1/offers/%d/publish", draft.ID)} {
		method := "GET"
		if strings.HasSuffix(path, "/publish") {
			method = "POST"
		}
		if status, m := e.call(t, method, path, other, `{}`); status != http.StatusNotFound || strings.Contains(fmt.Sprint(m), "光电技术研究所") {
			t.Errorf("%s %s of another's draft = %d %v, want 404", method, path, status, m)
		}
	}
	if status, m := e.call(t, "GET", "/api/v1/pools", "", ""); status != 200 || m["total"] != 0.0 {
		t.Errorf("pools = %d %v", status, m)
	}
}
