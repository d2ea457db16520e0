package api_test

import (
	"context"
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
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// supplyEnv is the API over one real SQLite store: the sample patents and a
// Mianyang university's patent screened by the real rules, the real supply-list
// service and tokens of an admin, two city users and an enterprise.
type supplyEnv struct {
	handler                        http.Handler
	db                             *sqldb.DB
	admin, chengdu, mianyang, firm string
}

func newSupplyEnv(tb testing.TB) *supplyEnv {
	tb.Helper()
	mp := &patentbridge.Patent{AppNo: "2019107654328", Kind: patentbridge.KindInvention, Title: "一种核废料玻璃固化体及其制备方法",
		AppDate: time.Date(2019, 8, 2, 0, 0, 0, 0, time.UTC), GrantDate: time.Date(2021, 9, 14, 0, 0, 0, 0, time.UTC),
		Status: patentbridge.StatusInForce, RegionCode: "510703", MainIPC: "G21F9/16", IPC: []string{"G21F9/16", "C03C3/097"},
		ClaimsCount: 10, FamilySize: 3, ForwardCitations: 9,
		Patentees: []patentbridge.Party{{Name: "西南科技大学", Type: patentbridge.PartyUniversity}}}
	db := sqldbtest.SQLite(tb)
	db.Now = clock
	httpxtest.MustScreen(tb, db, testNow, append(httpxtest.SamplePatents(), mp)...)
	users := &httpxtest.UserService{DB: db}
	e := &supplyEnv{db: db}
	_, e.admin = users.MustUser(tb, "admin", patentbridge.RoleAdmin)
	_, e.firm = users.MustUser(tb, "firm", patentbridge.RoleEnterprise)
	_, e.chengdu = users.MustUser(tb, "chengdu", patentbridge.RoleCity, "5101")
	_, e.mianyang = users.MustUser(tb, "mianyang", patentbridge.RoleCity, "5107")
	srv := api.New(api.Deps{Now: clock, Patents: db, Ref: refdata.Default(), Logger: quiet, Sleeping: db, Supply: db})
	h, err := httpx.Stack(srv, httpx.StackOptions{Users: users, Logger: quiet})
	if err != nil {
		tb.Fatal(err)
	}
	e.handler = h
	return e
}

// auditAfter returns the after JSON of the latest audit row of action on object.
func (e *supplyEnv) auditAfter(tb testing.TB, action, object string) string {
	tb.Helper()
	admin := &patentbridge.User{ID: 1, Username: "admin", Role: patentbridge.RoleAdmin}
	entries, _, err := e.db.ListAudit(patentbridge.WithUser(context.Background(), admin),
		patentbridge.AuditFilter{Action: action, Object: object})
	if err != nil || len(entries) == 0 {
		tb.Fatalf("no audit row %s %s: %v", action, object, err)
	}
	return string(entries[0].After)
}

// call sends a request with a JSON body and returns the status and decoded body.
func (e *supplyEnv) call(tb testing.TB, method, path, token, body string) (int, map[string]any) {
	tb.Helper()
	res := (&env{handler: e.handler}).do(tb, method, path, token, strings.NewReader(body), map[string]string{"Content-Type": "application/json"})
	return res.StatusCode, MustJSON(tb, res)
}

// MustCreate creates a list and returns its id.
func (e *supplyEnv) MustCreate(tb testing.TB, token, body string) int {
	tb.Helper()
	status, m := e.call(tb, "POST", "/api/v1/supply-lists", token, body)
	if status != 201 {
		tb.Fatalf("create: status %d %v", status, m)
	}
	return int(m["id"].(float64))
}

func TestSupplyAPIFlow(t *testing.T) {
	e := newSupplyEnv(t)
	year := testNow.Year()
	id := e.MustCreate(t, e.admin, `{"title":"全省A级沉睡专利","description":"面向中小企业","grade":"B","limit":50}`)

	status, m := e.call(t, "GET", fmt.Sprintf("/api/v1/supply-lists/%d", id), e.admin, "")
	items, _ := m["items"].([]any)
	if status != 200 || m["status"] != "draft" || m["number_label"] != "草稿" || len(items) != 1 {
		t.Fatalf("draft = %d %v", status, m)
	}
	item := items[0].(map[string]any)
	if item["app_no"] != "2019107654328" || item["city_name"] != "绵阳市" || item["grant_date"] != "2021-09-14" || item["grade"] != "B" {
		t.Errorf("item = %v", item)
	}
	if status, _ := e.call(t, "GET", fmt.Sprintf("/api/v1/supply-lists/%d", id), "", ""); status != 404 {
		t.Errorf("public sees a draft: status %d", status)
	}

	// Publishing freezes the list, so it takes an explicit confirmation.
	status, m = e.call(t, "POST", fmt.Sprintf("/api/v1/supply-lists/%d/publish", id), e.admin, "")
	if status != 400 || m["error"].(map[string]any)["field"] != "confirm" {
		t.Fatalf("publish without confirmation = %d %v", status, m)
	}
	status, m = e.call(t, "POST", fmt.Sprintf("/api/v1/supply-lists/%d/publish", id), e.admin, `{"confirm":true}`)
	if status != 200 || m["number_label"] != fmt.Sprintf("%d年第1期", year) || m["heading"] != fmt.Sprintf("四川省专利技术供给清单（%d年第1期）", year) {
		t.Fatalf("publish = %d %v", status, m)
	}
	second := e.MustCreate(t, e.admin, `{"title":"第二期"}`)
	if _, m = e.call(t, "POST", fmt.Sprintf("/api/v1/supply-lists/%d/publish", second), e.admin, `{"confirm":true}`); m["number"] != float64(2) {
		t.Errorf("second list number = %v", m["number"])
	}

	status, m = e.call(t, "POST", fmt.Sprintf("/api/v1/supply-lists/%d/withdraw", id), e.admin, `{"reason":"部分专利已转让"}`)
	if status != 200 || m["status"] != "withdrawn" || m["withdraw_reason"] != "部分专利已转让" || m["status_label"] != "已撤回" {
		t.Fatalf("withdraw = %d %v", status, m)
	}

	status, m = e.call(t, "GET", "/api/v1/supply-lists", "", "")
	lists, _ := m["items"].([]any)
	if status != 200 || m["total"] != float64(2) || len(lists) != 2 {
		t.Fatalf("public list = %d %v", status, m)
	}
	if by := m["published_by_year"].(map[string]any); by[fmt.Sprint(year)] != float64(2) {
		t.Errorf("published_by_year = %v", by)
	}
	if first := lists[0].(map[string]any); first["title"] != "第二期" {
		t.Errorf("newest first: got %v first", first["title"])
	}
	if status, m := e.call(t, "GET", fmt.Sprintf("/api/v1/supply-lists/%d", id), "", ""); status != 200 || m["withdraw_reason"] != "部分专利已转让" {
		t.Errorf("withdrawn list not public with its reason: %d %v", status, m)
	}
	object := fmt.Sprintf("supply_list:%d", id)
	for action, want := range map[string]string{"supply.create": `"status":"draft"`,
		"supply.publish": fmt.Sprintf(`"number":"%d年第1期"`, year), "supply.withdraw": `"withdraw_reason":"部分专利已转让"`} {
		if after := e.auditAfter(t, action, object); !strings.Contains(after, want) {
			t.Errorf("%s audited with %s, want %s", action, after, want)
		}
	}
}

func TestSupplyAPIErrors(t *testing.T) {
	e := newSupplyEnv(t)
	published := e.MustCreate(t, e.admin, `{"title":"已发布"}`)
	e.call(t, "POST", fmt.Sprintf("/api/v1/supply-lists/%d/publish", published), e.admin, `{"confirm":true}`)
	cityList := e.MustCreate(t, e.chengdu, `{"title":"成都清单","city":"5107"}`)
	draft := e.MustCreate(t, e.admin, `{"title":"草稿"}`)

	tests := []struct {
		name, method, path, token, body string
		status                          int
		code, field                     string
	}{
		{"missing title", "POST", "/api/v1/supply-lists", "admin", `{"grade":"A"}`, 400, "EINVALID", "title"},
		{"bad grade", "POST", "/api/v1/supply-lists", "admin", `{"title":"x","grade":"Z"}`, 400, "EINVALID", "grade"},
		{"limit too large", "POST", "/api/v1/supply-lists", "admin", `{"title":"x","limit":5000}`, 400, "EINVALID", "limit"},
		{"unknown field", "POST", "/api/v1/supply-lists", "admin", `{"title":"x","colour":"red"}`, 400, "EINVALID", "colour"},
		{"nothing selected", "POST", "/api/v1/supply-lists", "admin", `{"title":"x","institution":"不存在的大学"}`, 400, "EINVALID", "filter"},
		{"anonymous create", "POST", "/api/v1/supply-lists", "", `{"title":"x"}`, 401, "EUNAUTHORIZED", ""},
		{"enterprise create", "POST", "/api/v1/supply-lists", "firm", `{"title":"x"}`, 403, "EFORBIDDEN", ""},
		{"unknown list", "GET", "/api/v1/supply-lists/999", "", "", 404, "ENOTFOUND", ""},
		{"bad id", "GET", "/api/v1/supply-lists/abc", "", "", 400, "EINVALID", "id"},
		{"draft hidden from the public", "GET", fmt.Sprintf("/api/v1/supply-lists/%d", draft), "", "", 404, "ENOTFOUND", ""},
		{"republish", "POST", fmt.Sprintf("/api/v1/supply-lists/%d/publish", published), "admin", "", 409, "ECONFLICT", ""},
		{"publish without confirmation", "POST", fmt.Sprintf("/api/v1/supply-lists/%d/publish", draft), "admin", `{"confirm":false}`, 400, "EINVALID", "confirm"},
		{"withdraw a draft", "POST", fmt.Sprintf("/api/v1/supply-lists/%d/withdraw", draft), "admin", `{"reason":"x"}`, 409, "ECONFLICT", ""},
		{"withdraw without reason", "POST", fmt.Sprintf("/api/v1/supply-lists/%d/withdraw", published), "admin", `{"reason":" "}`, 400, "EINVALID", "reason"},
		{"other city publishes", "POST", fmt.Sprintf("/api/v1/supply-lists/%d/publish", cityList), "mianyang", "", 404, "ENOTFOUND", ""},
		{"city publishes the province's draft", "POST", fmt.Sprintf("/api/v1/supply-lists/%d/publish", draft), "chengdu", "", 404, "ENOTFOUND", ""},
		{"city withdraws the province's list", "POST", fmt.Sprintf("/api/v1/supply-lists/%d/withdraw", published), "chengdu", `{"reason":"x"}`, 403, "EFORBIDDEN", ""},
	}
	tokens := map[string]string{"admin": e.admin, "chengdu": e.chengdu, "mianyang": e.mianyang, "firm": e.firm}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, m := e.call(t, tt.method, tt.path, tokens[tt.token], tt.body)
			got := errorOf(t, m)
			if status != tt.status || got["code"] != tt.code || (tt.field != "" && got["field"] != tt.field) {
				t.Errorf("= %d %v, want %d %s field %q", status, got, tt.status, tt.code, tt.field)
			}
			if msg, _ := got["message"].(string); msg == "" || !strings.ContainsFunc(msg, func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) {
				t.Errorf("message %q is not Chinese", msg)
			}
		})
	}

	t.Run("a city user's list is its city's", func(t *testing.T) {
		_, m := e.call(t, "GET", fmt.Sprintf("/api/v1/supply-lists/%d", cityList), e.chengdu, "")
		items := m["items"].([]any)
		if m["city_code"] != "5101" || len(items) != 1 || items[0].(map[string]any)["app_no"] != "2022232206652" {
			t.Errorf("city list = %v", m)
		}
	})
}
