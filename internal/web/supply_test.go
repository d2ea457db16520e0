package web_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestSupplyPermissions(t *testing.T) {
	e := newSupplyEnv(t)
	admin, chengdu, mianyang := e.client(t, "admin"), e.client(t, "chengdu"), e.client(t, "mianyang")
	draft := e.MustCreateList(t, admin, url.Values{"title": {"全省A级沉睡专利"}})
	cityList := e.MustCreateList(t, chengdu, url.Values{"title": {"成都市高校院所专利"}, "city": {"5107"}})

	tests := []struct {
		name, user, method, path string
		status                   int
	}{
		{"public cannot see a draft", "", "GET", fmt.Sprintf("/supply/%d", draft), 404},
		{"enterprise cannot see a draft", "firm", "GET", fmt.Sprintf("/supply/%d", draft), 404},
		{"city user cannot see the province's draft", "chengdu", "GET", fmt.Sprintf("/supply/%d", draft), 404},
		{"admin sees a draft", "admin", "GET", fmt.Sprintf("/supply/%d", draft), 200},
		{"owning city sees its draft", "chengdu", "GET", fmt.Sprintf("/supply/%d", cityList), 200},
		{"other city cannot see it", "mianyang", "GET", fmt.Sprintf("/supply/%d", cityList), 404},
		{"anonymous is sent to login", "", "GET", "/admin/supply/new", 303},
		{"enterprise may not build lists", "firm", "GET", "/admin/supply/new", 403},
		{"city user builds lists", "mianyang", "GET", "/admin/supply/new", 200},
		{"other city does not find the draft to review", "mianyang", "GET", fmt.Sprintf("/admin/supply/%d/edit", cityList), 404},
		{"other city does not find the draft to publish", "mianyang", "POST", fmt.Sprintf("/admin/supply/%d/publish", cityList), 404},
		{"admin reviews a city's list", "admin", "GET", fmt.Sprintf("/admin/supply/%d/edit", cityList), 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := e.client(t, tt.user)
			var status int
			if tt.method == "POST" {
				status, _, _ = e.post(t, c, tt.path, nil)
			} else {
				status, _ = MustGet(t, c, e.srv.URL+tt.path)
			}
			if status != tt.status {
				t.Errorf("status %d, want %d", status, tt.status)
			}
		})
	}

	t.Run("a city user's list holds only its city's patents", func(t *testing.T) {
		_, body := MustGet(t, chengdu, fmt.Sprintf("%s/supply/%d", e.srv.URL, cityList))
		mustContain(t, body, "一种胶膜平整机构及光伏组件生产线", "成都市编制")
		if strings.Contains(body, "核废料") {
			t.Errorf("Chengdu's list contains Mianyang's patent although city=5107 was asked")
		}
	})
	t.Run("public index hides drafts", func(t *testing.T) {
		_, body := MustGet(t, e.client(t, ""), e.srv.URL+"/supply")
		mustContain(t, body, `id="supply-lists"`, "暂无已发布的供给清单")
		if strings.Contains(body, "全省A级沉睡专利") || strings.Contains(body, "编制新清单") {
			t.Errorf("the public index shows a draft or the build button")
		}
	})
	t.Run("a city user may not review or withdraw another city's published list", func(t *testing.T) {
		e.MustPublish(t, chengdu, cityList)
		if status, _ := MustGet(t, mianyang, fmt.Sprintf("%s/admin/supply/%d/edit", e.srv.URL, cityList)); status != 403 {
			t.Errorf("review: status %d, want 403", status)
		}
		status, _, _ := e.post(t, mianyang, fmt.Sprintf("/admin/supply/%d/withdraw", cityList), url.Values{"reason": {"测试"}})
		if status != 403 {
			t.Errorf("withdraw: status %d, want 403", status)
		}
	})
}

func TestSupplyNumberingAndPublication(t *testing.T) {
	e := newSupplyEnv(t)
	admin := e.client(t, "admin")
	year := testNow.Year()
	first := e.MustCreateList(t, admin, url.Values{"title": {"第一批"}, "grade": {"B"}})
	second := e.MustCreateList(t, admin, url.Values{"title": {"第二批"}, "description": {"面向中小企业"}})

	page := e.MustPublish(t, admin, second)
	mustContain(t, page, fmt.Sprintf(`<span id="supply-number">%d年第1期</span>`, year), "清单已发布，编号为")
	page = e.MustPublish(t, admin, first)
	mustContain(t, page, fmt.Sprintf(`<span id="supply-number">%d年第2期</span>`, year), "核废料玻璃固化体")

	_, index := MustGet(t, e.client(t, ""), e.srv.URL+"/supply")
	mustContain(t, index, fmt.Sprintf("%d年已发布 <strong>2</strong> 期", year), "第一批", "第二批", "已发布")
	if strings.Index(index, "第一批") > strings.Index(index, "第二批") {
		t.Errorf("the latest published list is not first")
	}
	if after := e.auditAfter(t, "supply.publish", fmt.Sprintf("supply_list:%d", first)); !strings.Contains(after, fmt.Sprintf(`"number":"%d年第2期"`, year)) {
		t.Errorf("publication audited with %s", after)
	}

	t.Run("a published list is frozen", func(t *testing.T) {
		status, _, body := e.post(t, admin, fmt.Sprintf("/admin/supply/%d/edit", first), url.Values{"title": {"改名"}})
		if status != http.StatusConflict {
			t.Fatalf("status %d, want 409", status)
		}
		mustContain(t, body, "内容已冻结，不能再修改")
		status, _, body = e.post(t, admin, fmt.Sprintf("/admin/supply/%d/publish", first), nil)
		if status != http.StatusConflict {
			t.Errorf("republish: status %d, want 409", status)
		}
		mustContain(t, body, "不能重复发布")
	})
}

func TestSupplyReview(t *testing.T) {
	e := newSupplyEnv(t)
	admin := e.client(t, "admin")
	id := e.MustCreateList(t, admin, url.Values{"title": {"草稿"}})
	_, body := MustGet(t, admin, fmt.Sprintf("%s/admin/supply/%d/edit", e.srv.URL, id))
	mustContain(t, body, `id="supply-items"`, `id="publish-button"`, "2019107654328", "2022232206652", `id="publish-confirm"`)

	status, _, _ := e.post(t, admin, fmt.Sprintf("/admin/supply/%d/edit", id), url.Values{
		"title": {"四川高校院所先进材料专利"}, "description": {"经初评的A级专利"},
		"remove": {"2022232206652"}, "note_2019107654328": {"可独占许可"},
	})
	if status != http.StatusSeeOther {
		t.Fatalf("save: status %d", status)
	}
	_, body = MustGet(t, admin, fmt.Sprintf("%s/supply/%d", e.srv.URL, id))
	mustContain(t, body, `<h1 id="supply-title">四川高校院所先进材料专利</h1>`, "可独占许可", "经初评的A级专利")
	if strings.Contains(body, "胶膜平整机构") {
		t.Errorf("removed item still listed")
	}

	status, _, body = e.post(t, admin, fmt.Sprintf("/admin/supply/%d/edit", id), url.Values{"title": {" "}})
	if status != 400 {
		t.Errorf("empty title: status %d, want 400", status)
	}
	mustContain(t, body, "请填写清单标题")
	if after := e.auditAfter(t, "supply.update", fmt.Sprintf("supply_list:%d", id)); !strings.Contains(after, `"items":["2019107654328"],"notes":{"2019107654328":"可独占许可"}`) {
		t.Errorf("review audited with %s", after)
	}
}

func TestSupplyNewPreviewAndErrors(t *testing.T) {
	e := newSupplyEnv(t)
	admin := e.client(t, "admin")
	_, body := MustGet(t, admin, e.srv.URL+"/admin/supply/new?preview=1&grade=B")
	mustContain(t, body, `<strong id="preview-count">1</strong>`, "核废料玻璃固化体")
	status, body := MustGet(t, admin, e.srv.URL+"/admin/supply/new?preview=1&grade=E")
	if status != 400 {
		t.Errorf("bad grade: status %d", status)
	}
	mustContain(t, body, "等级 &#34;E&#34; 无效")
	status, _, body = e.post(t, admin, "/admin/supply/new", url.Values{"title": {"空"}, "institution": {"不存在的大学"}})
	if status != 400 {
		t.Errorf("empty selection: status %d", status)
	}
	mustContain(t, body, "筛选条件没有选中任何沉睡专利")
	status, _, body = e.post(t, admin, "/admin/supply/new", url.Values{"title": {"大"}, "limit": {"5000"}})
	if status != 400 {
		t.Errorf("limit: status %d", status)
	}
	mustContain(t, body, "清单专利数量")
}

func TestSupplyWithdrawal(t *testing.T) {
	e := newSupplyEnv(t)
	admin := e.client(t, "admin")
	id := e.MustCreateList(t, admin, url.Values{"title": {"将撤回的清单"}})
	e.MustPublish(t, admin, id)
	_, edit := MustGet(t, admin, fmt.Sprintf("%s/admin/supply/%d/edit", e.srv.URL, id))
	mustContain(t, edit, `id="withdraw-form"`)

	status, _, body := e.post(t, admin, fmt.Sprintf("/admin/supply/%d/withdraw", id), url.Values{"reason": {"  "}})
	if status != 400 {
		t.Fatalf("no reason: status %d", status)
	}
	mustContain(t, body, "撤回清单须填写撤回原因")
	status, loc, _ := e.post(t, admin, fmt.Sprintf("/admin/supply/%d/withdraw", id), url.Values{"reason": {"部分专利已转让"}})
	if status != http.StatusSeeOther {
		t.Fatalf("withdraw: status %d", status)
	}
	_, page := MustGet(t, admin, e.srv.URL+loc)
	mustContain(t, page, "清单已撤回")

	anon := e.client(t, "")
	status, page = MustGet(t, anon, fmt.Sprintf("%s/supply/%d", e.srv.URL, id))
	if status != 200 {
		t.Fatalf("withdrawn list: status %d", status)
	}
	mustContain(t, page, `id="supply-withdrawn"`, "部分专利已转让", "已撤回")
	_, index := MustGet(t, anon, e.srv.URL+"/supply")
	mustContain(t, index, "badge-withdrawn", "撤回原因：部分专利已转让")
	if after := e.auditAfter(t, "supply.withdraw", fmt.Sprintf("supply_list:%d", id)); !strings.Contains(after, `"withdraw_reason":"部分专利已转让"`) {
		t.Errorf("withdrawal audited with %s", after)
	}
}

func TestSupplyPrintAndDownload(t *testing.T) {
	e := newSupplyEnv(t)
	admin := e.client(t, "admin")
	id := e.MustCreateList(t, admin, url.Values{"title": {"可打印的清单"}})
	e.MustPublish(t, admin, id)
	anon := e.client(t, "")

	status, page := MustGet(t, anon, fmt.Sprintf("%s/supply/%d/print", e.srv.URL, id))
	if status != 200 {
		t.Fatalf("print: status %d", status)
	}
	mustContain(t, page, `href="/static/print.css"`, `id="supply-items"`, "四川省专利技术供给清单（", "可打印的清单")
	if _, css := MustGet(t, anon, e.srv.URL+"/static/print.css"); !strings.Contains(css, "@media print") || !strings.Contains(css, "A4 landscape") {
		t.Errorf("print stylesheet = %.200s", css)
	}
	for _, nav := range []string{"<nav", "main-nav", "专利检索", "logout"} {
		if strings.Contains(page, nav) {
			t.Errorf("print view contains navigation %q", nav)
		}
	}

	res, err := anon.Get(fmt.Sprintf("%s/supply/%d.xlsx", e.srv.URL, id))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("download: status %d, disposition %q", res.StatusCode, res.Header.Get("Content-Disposition"))
	}
	var buf bytes.Buffer
	buf.ReadFrom(res.Body)
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("download is not a workbook: %v", err)
	}
	defer f.Close()
	heading, _ := f.GetCellValue("供给清单", "A1")
	if want := fmt.Sprintf("四川省专利技术供给清单（%d年第1期）", testNow.Year()); heading != want {
		t.Errorf("heading %q, want %q", heading, want)
	}
	rows, _ := f.GetRows("供给清单")
	if !strings.Contains(fmt.Sprint(rows), "一种核废料玻璃固化体及其制备方法") {
		t.Errorf("items missing from the workbook: %q", rows)
	}

	draft := e.MustCreateList(t, admin, url.Values{"title": {"草稿"}})
	if status, _ := MustGet(t, anon, fmt.Sprintf("%s/supply/%d.xlsx", e.srv.URL, draft)); status != 404 {
		t.Errorf("a draft's workbook is public: status %d", status)
	}
}

func TestSupplyNavigation(t *testing.T) {
	e := newSupplyEnv(t)
	_, body := MustGet(t, e.client(t, ""), e.srv.URL+"/supply")
	mustContain(t, body, `<a href="/supply" class="active" aria-current="page">供给清单</a>`)
}
