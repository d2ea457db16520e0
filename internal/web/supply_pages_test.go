package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"patentbridge"
)

// TestSupplyIndexPages: the supply lists index shows 20 lists a page with the
// shared pager; a page past the last says so and links back, and the
// manager's drafts are on the first page only.
func TestSupplyIndexPages(t *testing.T) {
	e := newSupplyEnv(t)
	platform := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	for i := 1; i <= 21; i++ {
		l := &patentbridge.SupplyList{Title: fmt.Sprintf("全省清单%02d", i)}
		if err := e.db.CreateSupplyList(platform, l); err != nil {
			t.Fatal(err)
		}
		if _, err := e.db.PublishSupplyList(platform, l.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	admin := e.client(t, "admin")
	e.MustCreateList(t, admin, url.Values{"title": {"待审草稿"}})
	anon := e.client(t, "")
	page := func(c *http.Client, q string) (int, string) { return MustGet(t, c, e.srv.URL+"/supply"+q) }

	_, body := page(anon, "")
	if n := strings.Count(body, `class="supply-row"`); n != 20 {
		t.Errorf("first page shows %d lists, want 20", n)
	}
	mustContain(t, body, "第 1 / 2 页", `<a href="/supply?page=2" id="page-next" rel="next">下一页</a>`, "全省清单21")
	_, body = page(anon, "?page=2")
	if n := strings.Count(body, `class="supply-row"`); n != 1 || !strings.Contains(body, "全省清单01") {
		t.Errorf("second page shows %d lists", n)
	}
	mustContain(t, body, "第 2 / 2 页", `<a href="/supply?page=1" id="page-prev" rel="prev">上一页</a>`)

	status, body := page(anon, "?page=999")
	if status != http.StatusOK {
		t.Fatalf("page=999: %d", status)
	}
	mustContain(t, body, `id="page-past-end"`, "已超出末页：共 21 条、2 页。",
		`<a href="/supply?page=2" id="page-last-link">回到末页（第 2 页）</a>`, `<a href="/supply?page=1" id="page-first-link">回到第一页</a>`)
	if strings.Contains(body, `class="supply-row"`) || strings.Contains(body, `id="supply-empty"`) {
		t.Error("past the end the index shows lists, or says there are none")
	}
	if status, body := page(anon, "?page=0"); status != http.StatusBadRequest || !strings.Contains(body, "页码") {
		t.Errorf("page=0: %d", status)
	}

	if _, body := page(admin, ""); !strings.Contains(body, "待审草稿") {
		t.Error("the first page lacks the manager's draft")
	}
	if _, body := page(admin, "?page=2"); strings.Contains(body, "待审草稿") {
		t.Error("the second page repeats the manager's draft")
	}
}
