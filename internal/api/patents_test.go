package api_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"patentbridge"
)

func TestListPatentsPassesFilters(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  patentbridge.PatentFilter
	}{
		{"defaults", "", patentbridge.PatentFilter{Limit: 20}},
		{"kind value", "kind=invention", patentbridge.PatentFilter{Kind: patentbridge.KindInvention, Limit: 20}},
		{"kind label", "kind=" + url.QueryEscape("实用新型"), patentbridge.PatentFilter{Kind: patentbridge.KindUtility, Limit: 20}},
		{"owner type and name", "owner_type=university&owner=" + url.QueryEscape(" 四川 大学 "),
			patentbridge.PatentFilter{OwnerType: patentbridge.PartyUniversity, Owner: "四川大学", Limit: 20}},
		{"six-digit city", "city=510107", patentbridge.PatentFilter{City: "5101", Limit: 20}},
		{"ipc subclass lower case", "ipc=h01m", patentbridge.PatentFilter{IPCPrefix: "H01M", Limit: 20}},
		{"ipc main group", "ipc=" + url.QueryEscape("G06F 16"), patentbridge.PatentFilter{IPCPrefix: "G06F16/", Limit: 20}},
		{"ipc full code", "ipc=" + url.QueryEscape("H01M 10/0525"), patentbridge.PatentFilter{IPCPrefix: "H01M10/0525", Limit: 20}},
		{"status label", "status=" + url.QueryEscape("有效"), patentbridge.PatentFilter{Status: patentbridge.StatusInForce, Limit: 20}},
		{"years, sort, page", "grant_year_from=2020&grant_year_to=2023&sort=-grant_date&limit=200&offset=40",
			patentbridge.PatentFilter{GrantYearFrom: 2020, GrantYearTo: 2023, Sort: "-grant_date", Limit: 200, Offset: 40}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			res := e.do(t, "GET", "/api/v1/patents?"+tt.query, "", nil, nil)
			m := MustJSON(t, res)
			if res.StatusCode != 200 {
				t.Fatalf("status %d: %v", res.StatusCode, m)
			}
			if diff := cmp.Diff(tt.want, e.patents.LastPatentFilter()); diff != "" {
				t.Errorf("filter (-want +got):\n%s", diff)
			}
			if m["limit"] != float64(tt.want.Limit) || m["offset"] != float64(tt.want.Offset) {
				t.Errorf("limit/offset = %v/%v", m["limit"], m["offset"])
			}
		})
	}
}

func TestListPatentsBadFilter(t *testing.T) {
	tests := []struct{ query, field string }{
		{"kind=telephone", "kind"},
		{"owner_type=alien", "owner_type"},
		{"city=51", "city"},
		{"city=chengdu", "city"},
		{"ipc=H1M", "ipc"},
		{"ipc=Z99", "ipc"},
		{"status=unknown-state", "status"},
		{"grant_year_from=abc", "grant_year_from"},
		{"grant_year_from=2023&grant_year_to=2020", "grant_year_to"},
		{"sort=price", "sort"},
		{"limit=500", "limit"},
		{"limit=0", "limit"},
		{"offset=-1", "offset"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			e := newEnv(t)
			res := e.do(t, "GET", "/api/v1/patents?"+tt.query, "", nil, nil)
			got := errorOf(t, MustJSON(t, res))
			if res.StatusCode != 400 || got["code"] != "EINVALID" || got["field"] != tt.field {
				t.Errorf("status %d, error %v; want 400 on field %s", res.StatusCode, got, tt.field)
			}
			if msg, _ := got["message"].(string); !hasHan(msg) {
				t.Errorf("message %q is not a Chinese explanation", msg)
			}
		})
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}

func TestListPatentsItems(t *testing.T) {
	e := newEnv(t)
	m := MustJSON(t, e.do(t, "GET", "/api/v1/patents?owner_type=university", "", nil, nil))
	if m["total"] != float64(1) {
		t.Fatalf("total = %v", m["total"])
	}
	item := m["items"].([]any)[0].(map[string]any)
	want := map[string]any{
		"app_no": "2021108432658", "app_no_display": "202110843265.8",
		"kind": "invention", "kind_label": "发明", "app_date": "2021-07-20", "grant_date": "2023-08-01",
		"status": "in_force", "status_label": "有效", "status_text": "有权-审定授权",
		"main_ipc": "H01M4/58", "region_code": "510107", "region_name": "四川省成都市武侯区",
	}
	for k, v := range want {
		if item[k] != v {
			t.Errorf("%s = %v, want %v", k, item[k], v)
		}
	}
	applicant := item["applicants"].([]any)[0].(map[string]any)
	if applicant["name"] != "四川大学" || applicant["type_label"] != "大专院校" {
		t.Errorf("applicant = %v", applicant)
	}
	ev := item["events"].([]any)[1].(map[string]any)
	if ev["type_label"] != "转让" || ev["date"] != "2024-03-05" {
		t.Errorf("event = %v", ev)
	}
}

func TestGetPatentAcceptsEveryForm(t *testing.T) {
	e := newEnv(t)
	for _, form := range []string{"CN202223220665.2", "202223220665.2", "2022232206652", "cn 202223220665.2"} {
		t.Run(form, func(t *testing.T) {
			res := e.do(t, "GET", "/api/v1/patents/"+url.PathEscape(form), "", nil, nil)
			m := MustJSON(t, res)
			if res.StatusCode != 200 || m["app_no"] != "2022232206652" || m["title"] != "一种胶膜平整机构及光伏组件生产线" {
				t.Errorf("status %d, app_no %v", res.StatusCode, m["app_no"])
			}
		})
	}
}

func TestGetPatentErrors(t *testing.T) {
	e := newEnv(t)
	res := e.do(t, "GET", "/api/v1/patents/202223220665.3", "", nil, nil)
	got := errorOf(t, MustJSON(t, res))
	if res.StatusCode != 400 || got["field"] != "app_no" || !strings.Contains(got["message"].(string), "校验位错误：应为 2") {
		t.Errorf("wrong check character: %d %v", res.StatusCode, got)
	}
	res = e.do(t, "GET", "/api/v1/patents/201910512345.8", "", nil, nil)
	if got := errorOf(t, MustJSON(t, res)); res.StatusCode != 404 || got["code"] != "ENOTFOUND" {
		t.Errorf("unknown patent: %d %v", res.StatusCode, got)
	}
}

func TestGetPatentDetail(t *testing.T) {
	e := newEnv(t)
	m := MustJSON(t, e.do(t, "GET", "/api/v1/patents/CN202110843265.8", "", nil, nil))
	details := m["ipc_details"].([]any)
	if len(details) != 2 {
		t.Fatalf("ipc_details has %d entries, want 2", len(details))
	}
	first := details[0].(map[string]any)
	var titles []string
	for _, n := range first["hierarchy"].([]any) {
		titles = append(titles, n.(map[string]any)["title"].(string))
	}
	if len(titles) < 3 || titles[0] != "电学" || !strings.Contains(strings.Join(titles, "|"), "电池") {
		t.Errorf("H01M4/58 hierarchy titles = %v", titles)
	}
	if first["wipo_field"] == nil {
		t.Errorf("H01M4/58 has no WIPO field")
	}
	extra := m["extra"].(map[string]any)
	if extra["审查员"] != "赵敏" {
		t.Errorf("extra = %v", extra)
	}
}

func TestGetIPC(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		path   string
		status int
		code   string
	}{
		{"/api/v1/ipc/H01M10/054", 200, "H01M10/054"},
		{"/api/v1/ipc/h01m", 200, "H01M"},
		{"/api/v1/ipc/Z99", 400, ""},
		{"/api/v1/ipc/H01X", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res := e.do(t, "GET", tt.path, "", nil, nil)
			m := MustJSON(t, res)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %v", res.StatusCode, tt.status, m)
			}
			if tt.code != "" && (m["code"] != tt.code || m["title"] == "") {
				t.Errorf("ipc = %v", m)
			}
		})
	}
}

// E04F21/16's title in the scheme is only "..": the API gives its main group's
// title behind the level mark.
func TestGetIPCDotOnlyTitle(t *testing.T) {
	e := newEnv(t)
	m := MustJSON(t, e.do(t, "GET", "/api/v1/ipc/E04F21/16", "", nil, nil))
	if title, _ := m["title"].(string); !strings.HasPrefix(title, "·· 建筑装修工程用的器具") {
		t.Errorf("title %q", m["title"])
	}
}

// An invention whose claims count and family size the export left blank gives
// them as null (unknown, Patent.ClaimsCountMissing), never as a real 0; known
// counts stay numbers.
func TestGetPatentUnknownCountsAreNull(t *testing.T) {
	e := newEnv(t)
	m := MustJSON(t, e.do(t, "GET", "/api/v1/patents/2021112263722", "", nil, nil))
	for _, k := range []string{"claims_count", "family_size"} {
		if v, ok := m[k]; !ok || v != nil {
			t.Errorf("%s = %v (present %v), want null", k, v, ok)
		}
	}
	m = MustJSON(t, e.do(t, "GET", "/api/v1/patents/2021108432658", "", nil, nil))
	if m["claims_count"] != float64(10) || m["family_size"] != float64(1) {
		t.Errorf("known counts: claims %v family %v", m["claims_count"], m["family_size"])
	}
}

// A former H01L group (the 2026 scheme has none) gives the subclass title with
// title_from; a code that never was in the scheme is a Chinese 404.
func TestGetIPCRetiredAndUnknown(t *testing.T) {
	e := newEnv(t)
	m := MustJSON(t, e.do(t, "GET", "/api/v1/ipc/H01L21%2F02", "", nil, nil))
	if m["title"] != "半导体器件；其他类目中不包括的电固体器件" || m["title_from"] != "H01L" {
		t.Errorf("H01L21/02: title %v from %v", m["title"], m["title_from"])
	}
	res := e.do(t, "GET", "/api/v1/ipc/H01L99%2F99", "", nil, nil)
	got := errorOf(t, MustJSON(t, res))
	if res.StatusCode != 404 || !strings.Contains(got["message"].(string), "IPC分类表未收录分类号 H01L99/99") {
		t.Errorf("H01L99/99: %d %v", res.StatusCode, got)
	}
}
