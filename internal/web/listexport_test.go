package web_test

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// MustGetXLSX downloads a workbook and returns the rows of its first sheet.
func MustGetXLSX(tb testing.TB, c *http.Client, u string) [][]string {
	tb.Helper()
	res, err := c.Get(u)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment;") {
		tb.Fatalf("%s: status %d, disposition %q: %.300s", u, res.StatusCode, res.Header.Get("Content-Disposition"), b)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		tb.Fatalf("%s is not a workbook: %v", u, err)
	}
	defer f.Close()
	p, _ := f.GetDocProps()
	if p.Creator != "专利转化运营平台（PatentBridge）" {
		tb.Errorf("%s: author %q", u, p.Creator)
	}
	// dated by the pages' clock (testNow onwards), not excelize's 2006-09-16
	if day := testNow.Format("2006-01-02T"); !strings.HasPrefix(p.Created, day) || p.Modified != p.Created {
		tb.Errorf("%s: created %q, modified %q; want the export time on %s", u, p.Created, p.Modified, day)
	}
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		tb.Fatal(err)
	}
	return rows
}

// The sleeping list exports to XLSX from its page with the page's filters.
func TestSleepingExportKeepsFilters(t *testing.T) {
	e := newScreenEnv(t, true)
	anon := e.client(t, "")
	_, body := MustGet(t, anon, e.srv.URL+"/sleeping?city=5101&grade=C&page=1")
	mustContain(t, body, `<a href="/sleeping.xlsx?city=5101&amp;grade=C" id="sleeping-export" class="export-link">导出 Excel</a>`)
	if strings.Contains(body, `id="sleeping-export-note"`) {
		t.Errorf("a result under the cap is said to be cut")
	}
	rows := MustGetXLSX(t, anon, e.srv.URL+"/sleeping.xlsx?city=5101&grade=C")
	if len(rows) != 2 || rows[0][0] != "申请号" || rows[1][0] != "202223220665.2" || rows[1][1] != "一种胶膜平整机构及光伏组件生产线" || rows[1][7] != "C" {
		t.Errorf("rows %q", rows)
	}
	if rows := MustGetXLSX(t, anon, e.srv.URL+"/sleeping.xlsx?grade=A"); len(rows) != 1 {
		t.Errorf("grade A exports %q, want the header alone", rows)
	}
	if status, body := MustGet(t, anon, e.srv.URL+"/sleeping.xlsx?grade=E"); status != 400 || !strings.Contains(body, "等级") {
		t.Errorf("bad filter: status %d", status)
	}
}

// Search results export to XLSX from the page with the query, the filters and
// the order; the file's first line states them.
func TestSearchExportKeepsFilters(t *testing.T) {
	srv := newSearchSite(t, false)
	q := url.Values{"q": {"电池"}, "kind": {"utility"}, "sort": {"grant_date"}}
	_, body := get(t, srv, "/search?"+q.Encode())
	mustContain(t, body, `<a href="/search.xlsx?kind=utility&amp;q=%E7%94%B5%E6%B1%A0&amp;sort=grant_date" id="search-export"`,
		`<option value="grant_date" selected>授权日（新→旧）</option>`, `<span class="grade grade-A" title="沉睡专利分级">A</span>`)
	rows := MustGetXLSX(t, http.DefaultClient, srv.URL+"/search.xlsx?"+q.Encode())
	if len(rows) != 3 {
		t.Fatalf("rows %q, want the conditions, the header and one hit", rows)
	}
	if want := "全文检索结果：检索词：电池；专利类型：实用新型；排序：授权日（新→旧）"; rows[0][0] != want {
		t.Errorf("first line %q, want %q", rows[0][0], want)
	}
	if hit := rows[2]; hit[1] != "202310000001.8" || hit[3] != "实用新型" || hit[11] != "A" {
		t.Errorf("hit %q", hit)
	}
	all := MustGetXLSX(t, http.DefaultClient, srv.URL+"/search.xlsx?q="+url.QueryEscape("电池"))
	if len(all) != 4 {
		t.Errorf("without the kind filter %d rows, want 2 hits", len(all)-2)
	}
}

// The search page orders by relevance, grant date or grade and refuses any
// other order in Chinese.
func TestSearchPageSort(t *testing.T) {
	srv := newSearchSite(t, false)
	_, body := get(t, srv, "/search?q="+url.QueryEscape("电池"))
	mustContain(t, body, `<select name="sort" id="s-sort"><option value="relevance" selected>相关度</option><option value="grant_date">授权日（新→旧）</option><option value="grade">等级（A→D）</option></select>`)
	status, body := get(t, srv, "/search?q="+url.QueryEscape("电池")+"&sort=price")
	if status != 400 {
		t.Fatalf("status %d", status)
	}
	mustContain(t, body, `id="search-error"`, "排序方式 &#34;price&#34; 无法识别：可选 相关度、授权日（新→旧）、等级（A→D）")
	if strings.Contains(body, "relevance（") {
		t.Errorf("the page names the sort codes")
	}
	// the patent list names its orders in Chinese too
	status, body = get(t, srv, "/patents?sort=price")
	if status != 400 || !strings.Contains(body, "排序方式 &#34;price&#34; 无法识别（可按申请日、授权日、专利名称或申请号排序，正序或倒序）") {
		t.Errorf("/patents?sort=price: %d", status)
	}
}

// An institution's 我的专利 filters to its sleeping patents, each with its grade.
func TestMyPatentsSleepingFilter(t *testing.T) {
	e := newScreenEnv(t, true)
	ioe := e.client(t, "ioe")
	_, body := MustGet(t, ioe, e.srv.URL+"/my/patents")
	mustContain(t, body, `id="f-sleeping"`, `<a href="/my/patents?sleeping=1" id="my-sleeping">沉睡专利</a>`)
	_, body = MustGet(t, ioe, e.srv.URL+"/my/patents?sleeping=1")
	mustContain(t, body, `id="my-total">1<`, "的沉睡专利共", "一种胶膜平整机构及光伏组件生产线", `<span class="grade grade-C">C</span>`,
		`id="f-sleeping" checked`, `class="active" aria-current="true" id="my-sleeping"`)
	if got := e.patents.LastSleepingFilter(); got.OrgID == 0 || got.Institution != "" {
		t.Errorf("filter %+v; want the account's organization by id", got)
	}
	scu := e.client(t, "scu")
	_, body = MustGet(t, scu, e.srv.URL+"/my/patents")
	mustContain(t, body, `id="my-total">1<`, "微米级多孔硫酸亚铁钠")
	_, body = MustGet(t, scu, e.srv.URL+"/my/patents?sleeping=1")
	mustContain(t, body, `id="my-total">0<`, "本单位没有沉睡专利")
	if strings.Contains(body, "微米级多孔硫酸亚铁钠") {
		t.Errorf("an excluded patent is listed as sleeping")
	}
}
