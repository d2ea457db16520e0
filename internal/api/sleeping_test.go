package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
)

// screenEnv is the API with the sleeping-patent services over one real store:
// the sample patents screened by the real rules as of testNow.
type screenEnv struct {
	*env
	tokens map[string]string
}

func newScreenEnv(tb testing.TB) *screenEnv {
	tb.Helper()
	users := httpxtest.NewUserService(tb)
	e := &screenEnv{env: &env{patents: &httpxtest.Recorder{DB: users.DB}, users: users}, tokens: map[string]string{}}
	for name, role := range map[string]patentbridge.Role{"admin": patentbridge.RoleAdmin, "firm": patentbridge.RoleEnterprise,
		"ioe": patentbridge.RoleInstitution, "scu": patentbridge.RoleInstitution} {
		var scope []string
		if org := map[string]string{"ioe": "中国科学院光电技术研究所", "scu": "四川大学"}[name]; org != "" {
			scope = []string{org}
		}
		_, tok := e.users.MustUser(tb, name, role, scope...)
		e.tokens[name] = tok
	}
	e.users.MustStorePatents(tb, httpxtest.SamplePatents()...)
	httpxtest.MustScreen(tb, users.DB, testNow)
	srv := api.New(api.Deps{Now: clock, Patents: e.patents, Ref: refdata.Default(), Logger: quiet,
		Screening: httpxtest.Screening{DB: users.DB}, Sleeping: e.patents, Declarations: e.users})
	h, err := httpx.Stack(srv, httpx.StackOptions{Users: e.users, Logger: quiet})
	if err != nil {
		tb.Fatal(err)
	}
	e.handler = h
	return e
}

func TestSleepingAPI(t *testing.T) {
	e := newScreenEnv(t)
	res := e.do(t, "GET", "/api/v1/sleeping?grade=C&institution="+url.QueryEscape("中国科学院")+"&system=sichuan_5_1&industry="+url.QueryEscape("电子信息"), "", nil, nil)
	m := MustJSON(t, res)
	if res.StatusCode != 200 || m["total"] != float64(1) {
		t.Fatalf("status %d body %v", res.StatusCode, m)
	}
	run := m["run"].(map[string]any)
	if run["as_of"] != "2026-11-27" || run["rule_version"] != "sleeping-2026.2" || run["sleeping"] != float64(1) {
		t.Errorf("run = %v", run)
	}
	item := m["items"].([]any)[0].(map[string]any)
	sc := item["screening"].(map[string]any)
	if item["app_no"] != "2022232206652" || item["grant_date"] != "2023-04-11" || sc["grade"] != "C" || sc["status"] != "sleeping" {
		t.Errorf("item = %v", item)
	}
	want := patentbridge.SleepingFilter{RunID: 1, Institution: "中国科学院", Grade: "C", System: "sichuan_5_1", Industry: "电子信息", Limit: 20}
	if diff := cmp.Diff(want, e.patents.LastSleepingFilter()); diff != "" {
		t.Errorf("filter (-want +got):\n%s", diff)
	}

	// the excluded list holds patents excluded only by a declaration (not the
	// transferred invention): the institute declares its utility model licensed
	// and the platform screens again
	body := `{"kind":"implemented","how":"许可","since":"2024-03-01","enterprise":"成都光伏科技有限公司"}`
	if res := e.do(t, "POST", "/api/v1/patents/2022232206652/declarations", e.tokens["ioe"], strings.NewReader(body), nil); res.StatusCode != http.StatusCreated {
		t.Fatalf("declare: status %d", res.StatusCode)
	}
	httpxtest.MustScreen(t, e.users.DB, testNow)
	m = MustJSON(t, e.do(t, "GET", "/api/v1/sleeping?excluded=true", "", nil, nil))
	if items, _ := m["items"].([]any); m["total"] != float64(1) || len(items) != 1 ||
		!strings.HasPrefix(items[0].(map[string]any)["screening"].(map[string]any)["exclusion_evidence"].(string), "声明已实施") {
		t.Errorf("excluded = %v", m)
	}
}

func TestSleepingAPIBadValues(t *testing.T) {
	e := newScreenEnv(t)
	for _, tt := range []struct{ query, field, want string }{
		{"grade=Z", "grade", "等级"},
		{"city=chengdu", "city", "城市代码"},
		{"system=nine", "system", "产业体系"},
		{"industry=" + url.QueryEscape("电子信息"), "system", "多个产业体系"},
		{"industry=" + url.QueryEscape("火锅"), "industry", "不属于任何产业体系"},
		{"sei=x", "sei", "战略性新兴产业代码"},
		{"ipc=H1M", "ipc", "IPC"},
		{"kind=car", "kind", "专利类型"},
		{"grant_year=20x", "grant_year", "授权年份"},
		{"flag=" + url.QueryEscape("很好"), "flag", "高价值标志"},
		{"excluded=maybe", "excluded", "excluded"},
		{"run_id=-1", "run_id", "筛查批次编号"},
		{"limit=1000", "limit", "每页条数"},
		{"offset=-5", "offset", "偏移量"},
	} {
		t.Run(tt.query, func(t *testing.T) {
			res := e.do(t, "GET", "/api/v1/sleeping?"+tt.query, "", nil, nil)
			got := errorOf(t, MustJSON(t, res))
			if res.StatusCode != 400 || got["field"] != tt.field || !strings.Contains(got["message"].(string), tt.want) {
				t.Errorf("status %d error %v", res.StatusCode, got)
			}
		})
	}
	if res := e.do(t, "GET", "/api/v1/sleeping?run_id=99", "", nil, nil); res.StatusCode != 404 {
		t.Errorf("unknown run: status %d", res.StatusCode)
	}
}

func TestPatentJSONHasScreening(t *testing.T) {
	e := newScreenEnv(t)
	m := MustJSON(t, e.do(t, "GET", "/api/v1/patents/202223220665.2", "", nil, nil))
	sc, ok := m["screening"].(map[string]any)
	if !ok {
		t.Fatalf("no screening in %v", m)
	}
	// 29.25: the blank family size and the absent ratings count at the neutral percentile
	if sc["score"] != 29.25 || sc["grade"] != "C" || sc["sleeping"] != true || len(sc["criteria"].([]any)) != 6 {
		t.Errorf("screening = %v", sc)
	}
	ind := sc["indicators"].([]any)[3].(map[string]any)
	if ind["name"] != "years_maintained" || ind["normalized"] != float64(1) || ind["weight"] != 0.5 ||
		ind["percentile"] != float64(100) || ind["contribution"] != 3.77 {
		t.Errorf("indicator = %v", ind)
	}
	if fb := sc["indicators"].([]any)[14].(map[string]any); fb["name"] != "enterprise_feedback" || fb["missing"] != true ||
		fb["normalized"] != 0.5 || fb["note"] != "无数据，按中性值计" {
		t.Errorf("unrated feedback indicator = %v", fb)
	}
	cls := sc["classes"].(map[string]any)
	if f := cls["wipo_fields"].([]any)[0].(map[string]any); fmt.Sprint(f["code"]) != "8" || f["name"] != "半导体" {
		t.Errorf("classes = %v", cls)
	}
	crit := sc["criteria"].([]any)[2].(map[string]any)
	if crit["criterion"] != "granted_3_years" || crit["outcome_label"] != "符合" || crit["evidence"] != "授权公告日 2023-04-11，已满三年" {
		t.Errorf("criterion = %v", crit)
	}
	// the enterprise's application was screened but is not in scope; an unknown run has no result
	m = MustJSON(t, e.do(t, "GET", "/api/v1/patents/2021112263722", "", nil, nil))
	if sc := m["screening"].(map[string]any); sc["status"] != "not_sleeping" || sc["excluded_by"] != "institution" {
		t.Errorf("enterprise patent screening = %v", sc)
	}
	m = MustJSON(t, e.do(t, "GET", "/api/v1/patents/2021108432658", "", nil, nil))
	cls = m["screening"].(map[string]any)["classes"].(map[string]any)
	if sei := cls["sei"].([]any)[0].(map[string]any); sei["code"] != "5.2" || sei["name"] == "" {
		t.Errorf("invention classes = %v", cls)
	}
	plain := newEnv(t) // no screening service: the key is null
	m = MustJSON(t, plain.do(t, "GET", "/api/v1/patents/202223220665.2", "", nil, nil))
	if v, ok := m["screening"]; !ok || v != nil {
		t.Errorf("screening without the service = %v (present %v)", v, ok)
	}
}

func TestDeclarationAndRatingAPI(t *testing.T) {
	e := newScreenEnv(t)
	body := `{"kind":"implemented","how":"许可","since":"2024-03-01","enterprise":"成都光伏科技有限公司"}`
	for _, tt := range []struct {
		user   string
		status int
	}{{"", 401}, {"firm", 403}, {"scu", 403}, {"ioe", 201}, {"admin", 201}} {
		t.Run("declaration/"+tt.user, func(t *testing.T) {
			res := e.do(t, "POST", "/api/v1/patents/2022232206652/declarations", e.tokens[tt.user], strings.NewReader(body), nil)
			if res.StatusCode != tt.status {
				t.Errorf("status %d, want %d: %v", res.StatusCode, tt.status, MustJSON(t, res))
			}
		})
	}
	res := e.do(t, "POST", "/api/v1/patents/2022232206652/declarations", e.tokens["ioe"], strings.NewReader(`{"kind":"reason","reason":"other"}`), nil)
	if got := errorOf(t, MustJSON(t, res)); res.StatusCode != 400 || got["field"] != "text" {
		t.Errorf("other without text: %d %v", res.StatusCode, got)
	}
	res = e.do(t, "POST", "/api/v1/patents/2022232206652/declarations", e.tokens["ioe"],
		strings.NewReader(`{"kind":"implemented","how":"许可","since":"2030-01-01"}`), nil)
	if got := errorOf(t, MustJSON(t, res)); res.StatusCode != 400 || got["field"] != "since" ||
		!strings.Contains(fmt.Sprint(got["message"]), "实施起始日期 2030-01-01 晚于今天") {
		t.Errorf("implemented from 2030: %d %v", res.StatusCode, got)
	}
	if ds := e.users.MustDeclarations(t, httpxtest.SamplePatents()...); len(ds) != 2 || patentbridge.FormatDate(ds[0].Since) != "2024-03-01" {
		t.Errorf("stored %+v", ds)
	}

	res = e.do(t, "POST", "/api/v1/patents/2022232206652/ratings", e.tokens["firm"], strings.NewReader(`{"prospect":4,"improvement":2,"cooperation":5}`), nil)
	if res.StatusCode != http.StatusCreated {
		t.Errorf("rating: status %d", res.StatusCode)
	}
	res = e.do(t, "POST", "/api/v1/patents/2022232206652/ratings", e.tokens["firm"], strings.NewReader(`{"prospect":0,"improvement":2,"cooperation":5}`), nil)
	if got := errorOf(t, MustJSON(t, res)); res.StatusCode != 400 || got["field"] != "prospect" {
		t.Errorf("bad rating: %d %v", res.StatusCode, got)
	}
	if res := e.do(t, "POST", "/api/v1/patents/2022232206652/ratings", e.tokens["ioe"], strings.NewReader(`{"prospect":4,"improvement":2,"cooperation":5}`), nil); res.StatusCode != 403 {
		t.Errorf("institution rating: status %d", res.StatusCode)
	}
}

func TestScreeningRunsAPI(t *testing.T) {
	e := newScreenEnv(t)
	m := MustJSON(t, e.do(t, "GET", "/api/v1/screening/runs", "", nil, nil))
	runs := m["items"].([]any)
	r := runs[0].(map[string]any)
	if m["total"] != float64(1) || r["as_of"] != "2026-11-27" || r["excluded"].(map[string]any)["not_implemented"] != float64(1) ||
		r["grades"].(map[string]any)["C"] != float64(1) || r["finished"] != true {
		t.Errorf("runs = %v", m)
	}
}
