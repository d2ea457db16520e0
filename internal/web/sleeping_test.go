package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
)

func TestSleepingPageListsTheRun(t *testing.T) {
	e := newScreenEnv(t, true)
	status, body := MustGet(t, e.client(t, ""), e.srv.URL+"/sleeping")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	mustContain(t, body,
		`id="sleeping-total">1<`, `<a class="patent-link" href="/patents/`+sleepingApp+`">一种胶膜平整机构及光伏组件生产线</a>`,
		`id="run-as-of">2026-11-27<`, "sleeping-2026.2", "2026.1",
		`id="grade-counts"`, "C级 <strong>1</strong>", "电子信息 1", "能源化工 1",
		"中国科学院光电技术研究所", "科研单位", "成都市", "2023-04-11", `<span class="grade grade-C">C</span>`, "29.2",
		`<a href="/sleeping" class="active" aria-current="page">沉睡专利库</a>`,
		// the filters' choices: cities, industries of the three systems, SEI, flags
		`<option value="5101">成都市</option>`, `<optgroup label="农业“10&#43;3”产业体系">`, `<option value="agri_10_3:川茶">川茶</option>`,
		`<option value="5.2">`, `<option value="海外同族">海外同族</option>`)
	if strings.Contains(body, "微米级多孔硫酸亚铁钠") {
		t.Errorf("an excluded patent is listed as sleeping")
	}
}

func TestSleepingPagePassesFilters(t *testing.T) {
	e := newScreenEnv(t, true)
	q := url.Values{"institution": {"中国科学院"}, "city": {"5101"}, "grade": {"c"}, "si": {"sichuan_5_1:电子信息"},
		"ipc": {"h01l"}, "kind": {"utility"}, "grant_year": {"2023"}, "flag": {""}, "page": {"1"}}
	status, body := MustGet(t, e.client(t, ""), e.srv.URL+"/sleeping?"+q.Encode())
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	want := patentbridge.SleepingFilter{Institution: "中国科学院", City: "5101", Grade: "C", System: "sichuan_5_1",
		Industry: "电子信息", IPCPrefix: "H01L", Kind: patentbridge.KindUtility, GrantYear: 2023, Limit: 20}
	if diff := cmp.Diff(want, e.patents.LastSleepingFilter()); diff != "" {
		t.Errorf("filter (-want +got):\n%s", diff)
	}
	mustContain(t, body, `id="sleeping-total">1<`, `<option value="sichuan_5_1:电子信息" selected>`, `<option value="5101" selected>`, `value="h01l"`)

	// the utility model has no strategic emerging industry: an SEI filter leaves nothing
	_, body = MustGet(t, e.client(t, ""), e.srv.URL+"/sleeping?sei=6")
	if got := e.patents.LastSleepingFilter().SEI; got != "6" {
		t.Errorf("sei filter %q", got)
	}
	mustContain(t, body, `id="sleeping-total">0<`)
}

func TestSleepingPageExcludedShowsReasons(t *testing.T) {
	e := newScreenEnv(t, true)
	// the excluded list holds patents excluded only by their institution's
	// declaration, not 四川大学's transferred invention: the institute declares
	// its utility model licensed and the platform screens again
	status, _, _ := MustPost(t, e.client(t, "ioe"), e.srv.URL+"/patents/"+sleepingApp+"/declarations",
		url.Values{"kind": {"implemented"}, "how": {"许可"}, "since": {"2024-03-01"}, "enterprise": {"成都光伏科技有限公司"}})
	if status != 303 {
		t.Fatalf("declare: status %d", status)
	}
	httpxtest.MustScreen(t, e.users.DB, testNow)
	_, body := MustGet(t, e.client(t, ""), e.srv.URL+"/sleeping?excluded=1")
	mustContain(t, body, `id="sleeping-total">1<`, "一种胶膜平整机构及光伏组件生产线", "未实施：声明已实施", `id="f-excluded" checked`)
	if strings.Contains(body, "微米级多孔硫酸亚铁钠") {
		t.Errorf("a transferred patent is listed as excluded by a declaration")
	}
	if !e.patents.LastSleepingFilter().Excluded {
		t.Errorf("excluded not passed to the service")
	}
}

func TestSleepingPageErrorsAndEmpty(t *testing.T) {
	e := newScreenEnv(t, true)
	for _, tt := range []struct{ query, want string }{
		{"grade=E", "等级 &#34;E&#34; 无效"},
		{"system=agri_10_3&industry=" + url.QueryEscape("电子信息"), "不属于农业“10&#43;3”产业体系"},
		{"sei=abc", "战略性新兴产业代码"},
		// the systems by their Chinese names, not their codes
		{"system=bogus", "未知的产业体系 &#34;bogus&#34;（可选：“5&#43;1”现代产业体系、六大优势产业、农业“10&#43;3”产业体系）"},
		{"grant_year=1900", "授权年份"},
	} {
		t.Run(tt.query, func(t *testing.T) {
			status, body := MustGet(t, e.client(t, ""), e.srv.URL+"/sleeping?"+tt.query)
			if status != 400 {
				t.Errorf("status %d, want 400", status)
			}
			mustContain(t, body, `id="filter-error"`, tt.want)
		})
	}
	empty := newScreenEnv(t, false)
	status, body := MustGet(t, empty.client(t, ""), empty.srv.URL+"/sleeping")
	if status != 200 {
		t.Errorf("status %d without a run", status)
	}
	mustContain(t, body, `id="sleeping-no-run"`, "尚未进行沉睡专利筛查")
}

func TestPatentDetailScreeningPanel(t *testing.T) {
	unscreened := &patentbridge.Patent{AppNo: "202310000001" + patentbridge.AppNoCheckChar("202310000001"),
		Kind: patentbridge.KindInvention, Title: "尚未筛查的专利"}
	e := newScreenEnv(t, true, unscreened)
	status, body := MustGet(t, e.client(t, ""), e.srv.URL+"/patents/"+sleepingApp)
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	mustContain(t, body, `id="screening-panel"`, "<strong>沉睡专利</strong>（筛查日 2026-11-27，批次 1）",
		`<table class="data narrow" id="criteria">`, "授权满三年</td><td>符合</td><td>授权公告日 2023-04-11，已满三年",
		// 29.2: its blank family size and the absent ratings count at the neutral 50th percentile, not as 0
		`id="screening-grade">C<`, `id="screening-score">29.2<`,
		`<table class="data narrow" id="indicators">`,
		// years maintained: raw 3.63, top percentile, weight 0.5 of 13.25 → 3.77 points
		"<td>授权后维持年数</td><td class=\"num\">3.63</td><td class=\"num\">100%</td><td class=\"num\">0.5</td><td class=\"num\">3.77</td>",
		"“5+1”产业</dt><dd>电子信息、能源化工", "六大优势产业</dt><dd>电子信息", "涉农专利</dt><dd>否",
		"战略性新兴产业</dt><dd>—", "权利人尚未登记实施情况或正当理由", "还没有企业评价")
	if strings.Contains(body, `id="declaration-form"`) || strings.Contains(body, `id="rating-form"`) {
		t.Errorf("anonymous visitors see write forms")
	}

	_, body = MustGet(t, e.client(t, ""), e.srv.URL+"/patents/"+excludedApp)
	mustContain(t, body, "已排除（已实施或有正当理由）", "首个不符合的条件：未实施——2024-03-05 转让", "未实施</td><td>不符合</td>",
		"无正当理由</td><td>符合</td>", `<span class="badge flag">战略性新兴产业</span>`)

	_, body = MustGet(t, e.client(t, ""), e.srv.URL+"/patents/"+unscreened.AppNo)
	mustContain(t, body, `id="screening-none"`, "尚未筛查")
}
