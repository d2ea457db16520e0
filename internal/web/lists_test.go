package web_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"patentbridge"
)

// inventions are n stored inventions 测试专利01… with application numbers in order.
func inventions(n int) []*patentbridge.Patent {
	var ps []*patentbridge.Patent
	for i := range n {
		digits := fmt.Sprintf("20231%07d", i+1)
		ps = append(ps, &patentbridge.Patent{AppNo: digits + patentbridge.AppNoCheckChar(digits),
			Kind: patentbridge.KindInvention, Title: fmt.Sprintf("测试专利%02d", i+1)})
	}
	return ps
}

// A page past the end of a list says so and links back to its last and first
// pages, keeping the filters.
func TestPastTheEndOffersTheWayBack(t *testing.T) {
	e := newEnv(t, inventions(45)...)
	status, body := MustGet(t, e.client(t), e.srv.URL+"/patents?kind=invention&page=99")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	mustContain(t, body, `id="page-past-end"`, "已超出末页：共 45 条、3 页。",
		`<a href="/patents?kind=invention&amp;page=3" id="page-last-link">回到末页（第 3 页）</a>`,
		`<a href="/patents?kind=invention&amp;page=1" id="page-first-link">回到第一页</a>`)
	if strings.Contains(body, `id="result-empty"`) || strings.Contains(body, `id="page-next"`) || strings.Contains(body, `id="page-prev"`) {
		t.Errorf("past the end the page says the filter found nothing or offers previous/next")
	}

	// the account list (another paged list, paged by the same pager)
	admin := e.client(t)
	e.MustLogin(t, admin, "admin")
	_, body = MustGet(t, admin, e.srv.URL+"/admin/users?q=adm&page=7")
	mustContain(t, body, `id="page-past-end"`, `<a href="/admin/users?page=1&amp;q=adm" id="page-first-link">回到第一页</a>`)
	if strings.Contains(body, `id="user-empty"`) {
		t.Errorf("past the end the account list says nothing matches")
	}
	if status, body := MustGet(t, e.client(t), e.srv.URL+"/patents?page=0"); status != 400 || !strings.Contains(body, "页码") {
		t.Errorf("page=0: status %d", status)
	}
}

func TestSleepingPastTheEnd(t *testing.T) {
	e := newScreenEnv(t, true)
	status, body := MustGet(t, e.client(t, ""), e.srv.URL+"/sleeping?grade=C&page=99")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	mustContain(t, body, "已超出末页：共 1 条、1 页。", `<a href="/sleeping?grade=C&amp;page=1" id="page-first-link">回到第一页</a>`)
	if strings.Contains(body, `id="sleeping-empty"`) {
		t.Errorf("past the end the page says nothing matches")
	}
}

// A long list numbers its pages (first, …, the neighbours, …, last) and offers
// a jump to any page that keeps the filters.
func TestPagerNumbersAndJump(t *testing.T) {
	e := newEnv(t, inventions(45)...)
	_, body := MustGet(t, e.client(t), e.srv.URL+"/patents?kind=invention&limit=1&page=20")
	link := func(n int) string {
		return fmt.Sprintf(`<a href="/patents?kind=invention&amp;limit=1&amp;page=%d" class="page-number">%d</a>`, n, n)
	}
	mustContain(t, body, "第 20 / 45 页", `<span class="current" aria-current="page">20</span>`,
		link(1), link(18), link(19), link(21), link(22), link(45),
		`<form method="get" action="/patents" class="page-jump" id="page-jump">`,
		`<input type="hidden" name="kind" value="invention">`, `<input type="hidden" name="limit" value="1">`,
		`name="page" id="page-jump-input" min="1" max="45" value="20"`)
	for _, absent := range []int{2, 17, 23, 44} {
		if strings.Contains(body, link(absent)) {
			t.Errorf("page %d listed; only the first, the last and the neighbours are", absent)
		}
	}
	if n := strings.Count(body, `<span class="gap" aria-hidden="true">…</span>`); n != 2 {
		t.Errorf("%d gaps, want 2", n)
	}
	// the jump form submits the page with the filters: the page it names
	_, body = MustGet(t, e.client(t), e.srv.URL+"/patents?"+url.Values{"kind": {"invention"}, "limit": {"1"}, "page": {"44"}}.Encode())
	mustContain(t, body, "第 44 / 45 页", "测试专利02")
	// one page: no pager
	_, body = MustGet(t, e.client(t), e.srv.URL+"/patents?limit=50")
	if strings.Contains(body, `id="pager"`) {
		t.Errorf("a single page shows a pager")
	}
}

// The header names the user and the role once: the role in brackets only when
// it is not already the name.
func TestHeaderShowsRoleOnce(t *testing.T) {
	e := newEnv(t)
	chief, _ := e.users.MustUser(t, "chief", patentbridge.RoleAdmin)
	admin := e.client(t)
	e.MustLogin(t, admin, "admin")
	_, body := MustGet(t, admin, e.srv.URL+"/")
	mustContain(t, body, `id="account-link" title="我的账号：省级管理员">admin（省级管理员）</a>`)
	status, _, _ := MustPost(t, admin, fmt.Sprintf("%s/admin/users/%d", e.srv.URL, chief.ID), url.Values{"name": {"省级管理员"}, "role": {"admin"}})
	if status != 303 {
		t.Fatalf("rename: status %d", status)
	}
	c := e.client(t)
	e.MustLogin(t, c, "chief")
	_, body = MustGet(t, c, e.srv.URL+"/")
	mustContain(t, body, `id="account-link" title="我的账号：省级管理员">省级管理员</a>`)
	if strings.Contains(body, "省级管理员（省级管理员）") {
		t.Errorf("the role is shown twice")
	}
}

// The public demand list and the admin's enterprise registry page through the
// same pager: past their end they link back.
func TestDemandAndRegistryListsPastTheEnd(t *testing.T) {
	e := newDemandEnv(t)
	_, body := MustGet(t, e.client(t, ""), e.srv.URL+"/demands?city=5101&page=4")
	mustContain(t, body, `id="page-past-end"`, `<a href="/demands?city=5101&amp;page=1" id="page-first-link">回到第一页</a>`)
	if strings.Contains(body, `id="demand-empty"`) {
		t.Errorf("past the end the demand list says nothing matches")
	}
	_, body = MustGet(t, e.client(t, "admin"), e.srv.URL+"/admin/enterprises?page=3")
	mustContain(t, body, `id="page-past-end"`, `<a href="/admin/enterprises?page=1" id="page-first-link">回到第一页</a>`)
}
