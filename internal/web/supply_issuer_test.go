package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestSupplyIssuerNumbering: a city's list is published under the city's own
// name and number, beside the province's own series.
func TestSupplyIssuerNumbering(t *testing.T) {
	e := newSupplyEnv(t)
	admin, chengdu := e.client(t, "admin"), e.client(t, "chengdu")
	year := testNow.Year()
	prov := e.MustCreateList(t, admin, url.Values{"title": {"全省A级专利"}})
	cd1 := e.MustCreateList(t, chengdu, url.Values{"title": {"成都高校专利"}})
	cd2 := e.MustCreateList(t, chengdu, url.Values{"title": {"成都光伏专利"}})

	page := e.MustPublish(t, chengdu, cd1)
	mustContain(t, page, fmt.Sprintf(`<p class="supply-heading">成都市专利技术供给清单（%d年第1期）</p>`, year))
	if strings.Contains(page, "四川省专利技术供给清单") {
		t.Error("a Chengdu list is titled with the province's name")
	}
	page = e.MustPublish(t, admin, prov)
	mustContain(t, page, fmt.Sprintf(`<p class="supply-heading">四川省专利技术供给清单（%d年第1期）</p>`, year))
	page = e.MustPublish(t, chengdu, cd2)
	mustContain(t, page, fmt.Sprintf(`<p class="supply-heading">成都市专利技术供给清单（%d年第2期）</p>`, year),
		fmt.Sprintf(`<span id="supply-number">%d年第2期</span>`, year))

	// The index names each list's issuer beside its number.
	_, index := MustGet(t, e.client(t, ""), e.srv.URL+"/supply")
	var rows []string
	for _, m := range regexp.MustCompile(`<td class="supply-issuer">([^<]+)</td>\s*<td class="supply-number">([^<]+)</td>`).FindAllStringSubmatch(index, -1) {
		rows = append(rows, m[1]+m[2])
	}
	if want := fmt.Sprintf("成都市%[1]d年第2期 四川省%[1]d年第1期 成都市%[1]d年第1期", year); strings.Join(rows, " ") != want {
		t.Errorf("the index lists %q, want %s", rows, want)
	}

	// The workbook carries the issuer's name in its heading and file name.
	res, err := admin.Get(fmt.Sprintf("%s/supply/%d.xlsx", e.srv.URL, cd2))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, url.PathEscape(fmt.Sprintf("成都市专利技术供给清单-%d年第2期.xlsx", year))) {
		t.Errorf("workbook file name: %s", cd)
	}
}

// TestSupplyPublishConfirmation: the publish form asks for a required
// confirmation, which the service insists on; the draft's header says 草稿 once.
func TestSupplyPublishConfirmation(t *testing.T) {
	e := newSupplyEnv(t)
	admin := e.client(t, "admin")
	id := e.MustCreateList(t, admin, url.Values{"title": {"全省A级专利"}})
	for _, path := range []string{"/supply/%d", "/admin/supply/%d/edit"} {
		_, body := MustGet(t, admin, e.srv.URL+fmt.Sprintf(path, id))
		header := body[strings.Index(body, `<p class="crumbs">`):strings.Index(body, `id="supply-items"`)]
		if n := strings.Count(header, "草稿"); n != 1 {
			t.Errorf("%s: the draft's header says 草稿 %d times:\n%s", path, n, header)
		}
		mustContain(t, header, "四川省专利技术供给清单（未编号）")
	}
	_, form := MustGet(t, admin, fmt.Sprintf("%s/admin/supply/%d/edit", e.srv.URL, id))
	mustContain(t, form, `<input type="checkbox" name="confirm" value="yes" id="publish-confirm" required> 确认发布后清单不可修改`)

	status, _, body := e.post(t, admin, fmt.Sprintf("/admin/supply/%d/publish", id), nil)
	if status != http.StatusBadRequest {
		t.Fatalf("publish without confirmation: status %d, want 400", status)
	}
	mustContain(t, body, `id="supply-error"`, "发布前须勾选“确认发布后清单不可修改”", `id="publish-button"`)
	if _, page := MustGet(t, e.client(t, ""), fmt.Sprintf("%s/supply/%d", e.srv.URL, id)); !strings.Contains(page, "不存在") {
		t.Error("the unconfirmed list became public")
	}
	mustContain(t, e.MustPublish(t, admin, id), "清单已发布，编号为")
}
