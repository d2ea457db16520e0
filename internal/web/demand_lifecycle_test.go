package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
)

// unreadBadge is the header's unread count, or "" when there is none.
func unreadBadge(body string) string {
	m := regexp.MustCompile(`id="messages-unread"[^>]*>(\d+)<`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

// firstMessageID is the id of the newest message on an inbox page.
func firstMessageID(tb testing.TB, body string) string {
	tb.Helper()
	m := regexp.MustCompile(`href="/messages/(\d+)"`).FindStringSubmatch(body)
	if m == nil {
		tb.Fatalf("no message on the page:\n%s", body)
	}
	return m[1]
}

func TestDemandLifecycleResubmitCloseAndMessagesPages(t *testing.T) {
	e := newDemandEnv(t)
	(&httpxtest.UserService{DB: e.db}).MustUser(t, "scu", patentbridge.RoleInstitution, "四川大学") // owns 2021108432658
	firm, other, chengdu, scu := e.client(t, "firm"), e.client(t, "other"), e.client(t, "chengdu"), e.client(t, "scu")

	// The form picks the region from Sichuan's cities and counties; budget on one line.
	_, body := MustGet(t, firm, e.srv.URL+"/demands/new")
	mustContain(t, body, `<optgroup label="成都市" data-city="5101">`, `<option value="510107">武侯区</option>`,
		`<option value="510100">成都市（全市）</option>`, `<optgroup label="凉山彝族自治州" data-city="5134">`, `id="d-city"`,
		`class="budget-range"`, `id="d-suggest" class="secondary"`, `name="draft"`)
	if n := strings.Count(body, "<optgroup "); n != 21 {
		t.Errorf("the picker has %d cities, want Sichuan's 21", n)
	}

	// A draft with a short description is kept; 我的需求 counts it.
	draft := url.Values{"title": {"钠离子电池正极材料"}, "description": {"待补充"}, "region_code": {"510107"}, "draft": {"1"}}
	status, loc, _ := MustPost(t, firm, e.srv.URL+"/demands/new", draft)
	var id int64
	fmt.Sscanf(loc, "/demands/%d", &id)
	if status != http.StatusSeeOther || !strings.HasSuffix(loc, "done=draft") || id == 0 {
		t.Fatalf("save draft: %d %s", status, loc)
	}
	_, body = MustGet(t, firm, e.srv.URL+"/my/demands?status=draft")
	mustContain(t, body, `data-status="draft"`, "钠离子电池正极材料", "继续编辑")
	_, body = MustGet(t, firm, e.srv.URL+"/my/demands?status=pending")
	if strings.Contains(body, "钠离子电池正极材料") {
		t.Error("the pending tab shows a draft")
	}

	// Submitted from the edit form; a city user returns it with a note.
	edit := fmt.Sprintf("%s/demands/%d/edit", e.srv.URL, id)
	form := demandForm("钠离子电池正极材料", "510107")
	if status, loc, body := MustPost(t, firm, edit, form); status != http.StatusSeeOther || !strings.HasSuffix(loc, "done=submitted") {
		t.Fatalf("submit the draft: %d %s\n%s", status, loc, body)
	}
	moderate := fmt.Sprintf("%s/admin/demands/%d/moderate", e.srv.URL, id)
	if status, _, _ := MustPost(t, chengdu, moderate, url.Values{"action": {"reject"}, "note": {"请补充循环寿命指标"}}); status != http.StatusSeeOther {
		t.Fatalf("return: %d", status)
	}

	// The poster's header counts the message; opening it marks it read; another enterprise sees nothing.
	_, body = MustGet(t, firm, e.srv.URL+"/my/demands")
	if got := unreadBadge(body); got != "1" {
		t.Errorf("unread badge after the return = %q, want 1", got)
	}
	_, body = MustGet(t, firm, e.srv.URL+"/messages")
	mustContain(t, body, "需求被退回", "《钠离子电池正极材料》被退回", "未读")
	mid := firstMessageID(t, body)
	if status, _ := MustGet(t, other, e.srv.URL+"/messages/"+mid); status != http.StatusNotFound {
		t.Errorf("another enterprise opens the message: %d", status)
	}
	_, body = MustGet(t, other, e.srv.URL+"/messages")
	mustContain(t, body, "还没有站内信")
	_, body = MustGet(t, firm, e.srv.URL+"/messages/"+mid)
	mustContain(t, body, "退回原因：请补充循环寿命指标", fmt.Sprintf(`href="/demands/%d"`, id))
	if got := unreadBadge(body); got != "" {
		t.Errorf("unread badge after opening = %q", got)
	}

	// Edited and resubmitted: pending again, audited; then published, with the second message.
	_, body = MustGet(t, firm, edit)
	mustContain(t, body, "退回原因：请补充循环寿命指标", "重新提交审核", `<option value="510107" selected>武侯区</option>`)
	form.Set("description", form.Get("description")+"循环寿命不低于3000次。")
	if status, _, _ := MustPost(t, firm, edit, form); status != http.StatusSeeOther {
		t.Fatalf("resubmit: %d", status)
	}
	if d, _ := e.demands.FindDemand(t.Context(), id); d.Status != patentbridge.DemandPending || !strings.Contains(d.Description, "3000次") {
		t.Fatalf("after resubmission: %+v", d)
	}
	if a := e.auditLog(t); !strings.Contains(a, fmt.Sprintf("firm demand.resubmit demand:%d ", id)) {
		t.Errorf("no resubmission in the audit log:\n%s", a)
	}
	if status, _, _ := MustPost(t, firm, edit, form); status != http.StatusConflict {
		t.Errorf("editing a pending demand: %d, want 409", status)
	}
	if status, _, _ := MustPost(t, chengdu, moderate, url.Values{"action": {"publish"}}); status != http.StatusSeeOther {
		t.Fatalf("publish: %d", status)
	}
	_, body = MustGet(t, firm, e.srv.URL+"/messages")
	mustContain(t, body, "《钠离子电池正极材料》已审核通过并公开发布")

	// 感兴趣 on a match reaches the owning university.
	page := fmt.Sprintf("%s/demands/%d", e.srv.URL, id)
	if status, _, _ := MustPost(t, firm, page+"/feedback", url.Values{"app_no": {"2021108432658"}, "verdict": {"interested"}}); status != http.StatusSeeOther {
		t.Fatalf("feedback: %d", status)
	}
	_, body = MustGet(t, scu, e.srv.URL+"/messages")
	mustContain(t, body, "成都钠电新能源有限公司对您的专利《微米级多孔硫酸亚铁钠")
	if got := unreadBadge(body); got != "1" {
		t.Errorf("the university's unread badge = %q", got)
	}
	_, body = MustGet(t, scu, e.srv.URL+"/messages/"+firstMessageID(t, body))
	mustContain(t, body, `href="/patents/2021108432658"`, "钠离子电池正极材料")

	// Closed with an outcome: gone from the public list and from matching, kept in 我的需求.
	if status, loc, _ := MustPost(t, other, page+"/close", url.Values{}); status != http.StatusForbidden && status != http.StatusNotFound {
		t.Errorf("another enterprise closes the demand: %d %s", status, loc)
	}
	if status, loc, _ := MustPost(t, firm, page+"/close", url.Values{"note": {"已与四川大学签订许可合同"}}); status != http.StatusSeeOther || !strings.HasSuffix(loc, "done=closed") {
		t.Fatalf("close: %d %s", status, loc)
	}
	if status, _, body := MustPost(t, firm, page+"/close", url.Values{}); status != http.StatusConflict || !strings.Contains(body, "已关闭") {
		t.Errorf("closing twice: %d", status)
	}
	_, body = MustGet(t, e.client(t, ""), e.srv.URL+"/demands")
	if strings.Contains(body, "钠离子电池正极材料") {
		t.Error("the public list shows a closed demand")
	}
	if status, _ := MustGet(t, e.client(t, ""), page); status != http.StatusNotFound {
		t.Errorf("anonymous visitors open a closed demand: %d", status)
	}
	_, body = MustGet(t, firm, page)
	mustContain(t, body, `id="demand-closed"`, "已与四川大学签订许可合同")
	if strings.Contains(body, `id="matches"`) {
		t.Error("a closed demand is still matched")
	}
	_, body = MustGet(t, firm, e.srv.URL+"/my/demands?status=closed")
	mustContain(t, body, "钠离子电池正极材料", "关闭说明：已与四川大学签订许可合同", `data-status="closed" aria-current="page">已关闭 <span class="count">1</span>`)
}

func TestDemandFormRefusesARegionOffTheList(t *testing.T) {
	e := newDemandEnv(t)
	firm := e.client(t, "firm")
	for _, code := range []string{"110101", "510199"} {
		status, _, body := MustPost(t, firm, e.srv.URL+"/demands/new", demandForm("磷石膏综合利用技术", code))
		if status != http.StatusBadRequest || !strings.Contains(body, `data-field="region_code"`) || !strings.Contains(body, "不在可选的四川省市（州）、区县列表中") {
			t.Errorf("region %s: %d", code, status)
		}
	}
	id := e.MustPostDemand(t, firm, demandForm("磷石膏综合利用技术", "510681"))
	if d, _ := e.demands.FindDemand(t.Context(), id); d.RegionCode != "510681" {
		t.Errorf("stored region %q, want 510681 (广汉市)", d.RegionCode)
	}
	_, body := MustGet(t, firm, fmt.Sprintf("%s/demands/%d", e.srv.URL, id))
	mustContain(t, body, "四川省德阳市广汉市")
}

// A budget too large to store is refused by its size, naming the maximum, not
// as a non-integer; a non-integer still says so.
func TestDemandFormBudgetMessages(t *testing.T) {
	e := newDemandEnv(t)
	firm := e.client(t, "firm")
	for _, tt := range []struct{ field, value, want string }{
		{"budget_max", "99999999999999999999", "预算不能超过100000000万元"},
		{"budget_max", "300000000", "预算不能超过100000000万元"},
		{"budget_min", "-99999999999999999999", "预算不能为负数"},
		{"budget_min", "12.5", "预算应为整数（单位：万元）"},
	} {
		form := demandForm("磷石膏综合利用技术", "510681")
		form.Set(tt.field, tt.value)
		status, _, body := MustPost(t, firm, e.srv.URL+"/demands/new", form)
		if status != http.StatusBadRequest || !strings.Contains(body, tt.want) || !strings.Contains(body, `data-field="`+tt.field+`"`) {
			t.Errorf("%s=%s: status %d, want %q on the field", tt.field, tt.value, status, tt.want)
		}
	}
}
