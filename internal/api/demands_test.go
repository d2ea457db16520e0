package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/search"
	"patentbridge/internal/sqldb"
)

// demandEnv is the API over one real store (accounts, demands, feedback, the
// enterprise registry and the sample patents screened by the real rules), the
// real search service and enterprise ranker over it, and tokens of an admin, a
// Chengdu and a Mianyang city user, two enterprises and an institution.
type demandEnv struct {
	handler                                        http.Handler
	demands                                        *sqldb.DB
	match                                          *httpxtest.MatchRecorder // the real search service, recording match requests
	admin, chengdu, mianyang, firm, other, college string
	firmID                                         int64
}

func newDemandEnv(tb testing.TB) *demandEnv {
	tb.Helper()
	users := httpxtest.NewUserService(tb)
	db := users.DB
	e := &demandEnv{demands: db}
	_, e.admin = users.MustUser(tb, "admin", patentbridge.RoleAdmin)
	firm, tok := users.MustUser(tb, "firm", patentbridge.RoleEnterprise, "成都钠电新能源有限公司")
	e.firm, e.firmID = tok, firm.ID
	_, e.other = users.MustUser(tb, "other", patentbridge.RoleEnterprise)
	_, e.college = users.MustUser(tb, "college", patentbridge.RoleInstitution)
	_, e.chengdu = users.MustUser(tb, "chengdu", patentbridge.RoleCity, "5101")
	_, e.mianyang = users.MustUser(tb, "mianyang", patentbridge.RoleCity, "5107")
	users.MustStorePatents(tb, httpxtest.SamplePatents()...)
	httpxtest.MustScreen(tb, db, testNow)
	e.match = &httpxtest.MatchRecorder{SearchService: httpxtest.MustSearch(tb, db)}
	db.Matcher = e.match.SearchService // feedback only on a demand's matches, as cmd wires it
	srv := api.New(api.Deps{Now: clock, Patents: db, Ref: refdata.Default(), Logger: quiet,
		Demands: db, Feedback: db, Messages: db, Search: e.match, Enterprises: db, Supply: db,
		EnterpriseRanker: search.NewEnterpriseRanker(db, refdata.Default()), Push: db})
	h, err := httpx.Stack(srv, httpx.StackOptions{Users: users, Logger: quiet})
	if err != nil {
		tb.Fatal(err)
	}
	e.handler = h
	return e
}

func (e *demandEnv) call(tb testing.TB, method, path, token, body string) (int, map[string]any) {
	tb.Helper()
	res := (&env{handler: e.handler}).do(tb, method, path, token, strings.NewReader(body), map[string]string{"Content-Type": "application/json"})
	return res.StatusCode, MustJSON(tb, res)
}

func demandBody(title, region string) string {
	return fmt.Sprintf(`{"title":%q,"description":"寻求钠离子电池正极材料的低成本制备技术，要求循环寿命2000次以上。","industry":"先进材料",
		"region_code":%q,"budget_min":50,"budget_max":200,"deadline":%q,"contact":"王经理 028-85550000"}`,
		title, region, testNow.AddDate(0, 2, 0).Format("2006-01-02"))
}

// MustPost creates a demand as token and returns its id.
func (e *demandEnv) MustPost(tb testing.TB, token, body string) int {
	tb.Helper()
	status, m := e.call(tb, "POST", "/api/v1/demands", token, body)
	if status != http.StatusCreated {
		tb.Fatalf("create demand: %d %v", status, m)
	}
	return int(m["id"].(float64))
}

func TestDemandAPIFlow(t *testing.T) {
	e := newDemandEnv(t)
	id := e.MustPost(t, e.firm, demandBody("钠离子电池正极材料", "510107"))
	path := fmt.Sprintf("/api/v1/demands/%d", id)

	// Pending: hidden from the public, visible to the author and moderators.
	if status, _ := e.call(t, "GET", path, "", ""); status != http.StatusNotFound {
		t.Errorf("anonymous GET pending: %d", status)
	}
	status, m := e.call(t, "GET", path, e.firm, "")
	if status != 200 || m["status"] != "pending" || m["enterprise"] != "成都钠电新能源有限公司" || m["status_label"] != "待审核" {
		t.Errorf("author GET: %d %v", status, m)
	}
	if _, m := e.call(t, "GET", "/api/v1/demands", "", ""); m["total"].(float64) != 0 {
		t.Errorf("public list shows a pending demand: %v", m)
	}
	if _, m := e.call(t, "GET", "/api/v1/demands?status=pending", e.chengdu, ""); m["total"].(float64) != 1 {
		t.Errorf("city moderation queue: %v", m)
	}
	if _, m := e.call(t, "GET", "/api/v1/demands?status=pending", e.mianyang, ""); m["total"].(float64) != 0 {
		t.Errorf("other city sees the demand: %v", m)
	}

	// Moderation: reject needs a note; another city may not; Chengdu publishes; twice is a conflict.
	status, m = e.call(t, "POST", path+"/moderate", e.admin, `{"action":"reject"}`)
	if status != 400 || errorOf(t, m)["field"] != "note" {
		t.Errorf("reject without note: %d %v", status, m)
	}
	if status, _ := e.call(t, "POST", path+"/moderate", e.mianyang, `{"action":"publish"}`); status != http.StatusNotFound && status != http.StatusForbidden {
		t.Errorf("other city moderates: %d", status)
	}
	if status, _ := e.call(t, "POST", path+"/moderate", e.firm, `{"action":"publish"}`); status != http.StatusForbidden {
		t.Errorf("enterprise moderates: %d", status)
	}
	status, m = e.call(t, "POST", path+"/moderate", e.chengdu, `{"action":"publish"}`)
	if status != 200 || m["status"] != "published" || m["published_at"] == nil {
		t.Fatalf("publish: %d %v", status, m)
	}
	status, m = e.call(t, "POST", path+"/moderate", e.admin, `{"action":"reject","note":"重复"}`)
	if status != http.StatusConflict || errorOf(t, m)["code"] != "ECONFLICT" {
		t.Errorf("second moderation: %d %v", status, m)
	}

	// Published: public, contact only for signed-in users.
	status, m = e.call(t, "GET", path, "", "")
	if status != 200 || m["contact"] != nil || m["title"] != "钠离子电池正极材料" {
		t.Errorf("anonymous GET published: %d %v", status, m)
	}
	if _, m := e.call(t, "GET", path, e.college, ""); m["contact"] != "王经理 028-85550000" {
		t.Errorf("signed-in user gets no contact: %v", m)
	}
	_, m = e.call(t, "GET", "/api/v1/demands?city=5101&industry=先进材料", "", "")
	year := fmt.Sprint(testNow.Year())
	if m["total"].(float64) != 1 || m["published_by_year"].(map[string]any)[year].(float64) != 1 {
		t.Errorf("public list: %v", m)
	}
	if item := m["items"].([]any)[0].(map[string]any); item["contact"] != nil || item["region_name"] == "" {
		t.Errorf("public list item: %v", item)
	}
	if !strings.Contains(e.log(t), "demand.publish demand:1") {
		t.Errorf("audit log:\n%s", e.log(t))
	}
}

func TestDemandAPIPermissionsAndValidation(t *testing.T) {
	e := newDemandEnv(t)
	tests := []struct {
		name, token, body string
		status            int
		field             string
	}{
		{"anonymous", "", demandBody("需求", "5101"), 401, ""},
		{"institution", e.college, demandBody("需求", "5101"), 403, ""},
		{"city user", e.chengdu, demandBody("需求", "5101"), 403, ""},
		{"admin", e.admin, strings.Replace(demandBody("省级代发需求", "5101"), `"industry"`, `"enterprise":"德阳某装备公司","industry"`, 1), 201, ""},
		{"empty title", e.firm, demandBody("", "5101"), 400, "title"},
		{"bad region", e.firm, demandBody("需求", "51-01"), 400, "region_code"},
		{"bad deadline", e.firm, strings.Replace(demandBody("需求", "5101"), `"deadline":"`, `"deadline":"明年`, 1), 400, "deadline"},
		{"unknown field", e.firm, `{"title":"x","price":1}`, 400, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, m := e.call(t, "POST", "/api/v1/demands", tt.token, tt.body)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %v", status, tt.status, m)
			}
			if tt.field != "" && errorOf(t, m)["field"] != tt.field {
				t.Errorf("field = %v, want %s", errorOf(t, m)["field"], tt.field)
			}
		})
	}
	if status, m := e.call(t, "GET", "/api/v1/demands?status=all", e.firm, ""); status != 403 {
		t.Errorf("enterprise asks for all statuses: %d %v", status, m)
	}
	if status, _ := e.call(t, "GET", "/api/v1/demands?limit=x", "", ""); status != 400 {
		t.Errorf("bad limit: %d", status)
	}
	if status, _ := e.call(t, "GET", "/api/v1/demands/abc", "", ""); status != 404 {
		t.Errorf("bad id: %d", status)
	}
}

func TestDemandFeedbackAPI(t *testing.T) {
	e := newDemandEnv(t)
	id := e.MustPost(t, e.firm, demandBody("钠离子电池正极材料", "510107"))
	path := fmt.Sprintf("/api/v1/demands/%d/feedback", id)
	body := `{"app_no":"CN202110843265.8","verdict":"interested"}`
	for _, tt := range []struct {
		name, token string
		status      int
	}{{"anonymous", "", 401}, {"other enterprise", e.other, 404}, {"institution", e.college, 404}} {
		if status, m := e.call(t, "POST", path, tt.token, body); status != tt.status {
			t.Errorf("%s: %d %v", tt.name, status, m)
		}
	}
	status, m := e.call(t, "POST", path, e.firm, body)
	if status != 200 || m["app_no"] != "2021108432658" || m["verdict"] != "interested" {
		t.Fatalf("author feedback: %d %v", status, m)
	}
	if status, m := e.call(t, "POST", path, e.firm, `{"app_no":"2021108432658","verdict":"meh"}`); status != 400 || errorOf(t, m)["field"] != "verdict" {
		t.Errorf("bad verdict: %d %v", status, m)
	}
	// Published, the demand is visible to others, who still may not judge its matches.
	if status, _ := e.call(t, "POST", fmt.Sprintf("/api/v1/demands/%d/moderate", id), e.admin, `{"action":"publish"}`); status != 200 {
		t.Fatal(status)
	}
	if status, _ := e.call(t, "POST", path, e.other, body); status != 403 {
		t.Errorf("other enterprise on a published demand: %d", status)
	}
	if status, _ := e.call(t, "POST", path, e.admin, `{"app_no":"2021108432658","verdict":"irrelevant"}`); status != 200 {
		t.Errorf("admin feedback: %d", status)
	}
	got, _ := e.demands.DemandFeedback(patentbridge.WithUser(context.Background(), &patentbridge.User{Role: patentbridge.RoleAdmin}), int64(id))
	if len(got) != 1 || got["2021108432658"] == "" {
		t.Errorf("stored feedback = %v", got)
	}
	counts, _ := e.demands.FeedbackCounts(context.Background())
	if counts["2021108432658"] != [2]int{1, 1} {
		t.Errorf("feedback counts = %v (one user each way)", counts)
	}
}

func TestMatchAndClassifyAPI(t *testing.T) {
	e := newDemandEnv(t)
	status, m := e.call(t, "POST", "/api/v1/match", "", `{"text":"钠离子电池正极材料的制备","limit":5}`)
	if status != 200 {
		t.Fatalf("match: %d %v", status, m)
	}
	items := m["items"].([]any)
	if len(items) == 0 {
		t.Fatalf("no matches: %v", m)
	}
	first := items[0].(map[string]any)
	if first["app_no"] != "2021108432658" || first["title"] == "" || first["score"].(float64) <= 0 || len(first["reasons"].([]any)) == 0 {
		t.Errorf("first match = %v", first)
	}
	pred := m["ipc_predictions"].([]any)[0].(map[string]any)
	if pred["subclass"] != "H01M" || !strings.Contains(pred["title"].(string), "电池") {
		t.Errorf("ipc prediction = %v", pred)
	}
	if fmt.Sprint(m["industries"]) != "[能源化工 先进材料 战略性新兴产业：新材料产业]" {
		t.Errorf("industries = %v", m["industries"])
	}
	if r := e.match.LastMatch(); r.Limit != 5 || r.Text != "钠离子电池正极材料的制备" {
		t.Errorf("request passed on = %+v", r)
	}
	owner := first["owners"].([]any)[0].(map[string]any)
	if first["status"] != "in_force" || first["status_label"] != "有效" || owner["name"] != "四川大学" ||
		owner["type_label"] != "大专院校" || first["sleeping"] != false || first["on_supply_list"] != false {
		t.Errorf("first match's annotations = %v", first)
	}
	// the enterprise's pending application is matched only when all patents are asked for
	drone := func(body, query string) bool {
		status, m := e.call(t, "POST", "/api/v1/match"+query, "", body)
		if status != 200 {
			t.Fatalf("match %s: %d %v", body, status, m)
		}
		for _, it := range m["items"].([]any) {
			if it.(map[string]any)["app_no"] == "2021112263722" {
				return true
			}
		}
		return false
	}
	if drone(`{"text":"棉花打顶无人机的智能控制系统"}`, "") {
		t.Errorf("the default match lists an enterprise's pending application")
	}
	if !drone(`{"text":"棉花打顶无人机的智能控制系统","all":true}`, "") || !drone(`{"text":"棉花打顶无人机的智能控制系统"}`, "?all=1") {
		t.Errorf("all=true / ?all=1 do not list every patent")
	}
	status, m = e.call(t, "POST", "/api/v1/classify", "", `{"text":"钠离子电池正极材料"}`)
	if status != 200 || m["ipc_predictions"].([]any)[0].(map[string]any)["subclass"] != "H01M" || len(m["industries"].([]any)) != 3 {
		t.Errorf("classify: %d %v", status, m)
	}
	for _, tt := range []struct{ path, body, field string }{
		{"/api/v1/match", `{"text":"  "}`, "text"},
		{"/api/v1/classify", `{"text":""}`, "text"},
		{"/api/v1/match", `{"text":"电池","limit":500}`, "limit"},
	} {
		status, m := e.call(t, "POST", tt.path, "", tt.body)
		if status != 400 || errorOf(t, m)["field"] != tt.field {
			t.Errorf("%s %s: %d %v", tt.path, tt.body, status, m)
		}
	}
	if status, m := e.call(t, "POST", "/api/v1/match", "", `{"text":"无关的文字内容"}`); status != 200 || len(m["items"].([]any)) != 0 {
		t.Errorf("no match should be an empty list: %d %v", status, m)
	}
}

func TestDemandEndpointsHiddenWithoutServices(t *testing.T) {
	e := newEnv(t)
	for _, p := range []string{"/api/v1/demands", "/api/v1/match"} {
		res := e.do(t, "POST", p, e.adminToken, strings.NewReader(`{"text":"x"}`), map[string]string{"Content-Type": "application/json"})
		if res.StatusCode != 404 && res.StatusCode != 405 {
			t.Errorf("%s without the service: %d", p, res.StatusCode)
		}
	}
}

func (e *demandEnv) log(tb testing.TB) string {
	return strings.Join(httpxtest.MustAuditLines(tb, e.demands), "\n")
}

func TestDemandPostedAsOwnEnterprise(t *testing.T) {
	e := newDemandEnv(t)
	body := strings.Replace(demandBody("钠离子电池正极材料", "510107"), `"title"`, `"enterprise":"绵阳另一企业有限公司","title"`, 1)
	status, m := e.call(t, "POST", "/api/v1/demands", e.firm, body)
	if status != http.StatusCreated || m["enterprise"] != "成都钠电新能源有限公司" {
		t.Errorf("enterprise naming another: %d %v, want 201 as its own organization", status, m)
	}
	status, m = e.call(t, "POST", "/api/v1/demands", e.admin, body)
	if status != http.StatusCreated || m["enterprise"] != "绵阳另一企业有限公司" {
		t.Errorf("admin naming an enterprise: %d %v", status, m)
	}
}
