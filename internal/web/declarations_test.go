package web_test

import (
	"net/url"
	"strings"
	"testing"

	"patentbridge"
)

func TestDeclarationPermissions(t *testing.T) {
	form := url.Values{"kind": {"reason"}, "reason": {"negotiating"}}
	tests := []struct {
		user     string
		status   int
		location string
		want     string
	}{
		{"", 303, "/login?next=%2Fpatents%2F" + sleepingApp, ""},
		{"scu", 403, "", "只有该专利的权利人单位"},
		{"firm", 403, "", "没有权限"},
		{"ioe", 303, "/patents/" + sleepingApp + "?saved=declaration#declarations", ""},
		{"admin", 303, "/patents/" + sleepingApp + "?saved=declaration#declarations", ""},
	}
	e := newScreenEnv(t, true)
	saved := 0
	for _, tt := range tests {
		t.Run("user="+tt.user, func(t *testing.T) {
			status, loc, body := MustPost(t, e.client(t, tt.user), e.srv.URL+"/patents/"+sleepingApp+"/declarations", form)
			if status != tt.status || loc != tt.location {
				t.Errorf("status %d location %q, want %d %q", status, loc, tt.status, tt.location)
			}
			mustContain(t, body, tt.want)
			if status == 303 && loc != "" && !strings.HasPrefix(loc, "/login") {
				saved++
			}
			if got := len(e.declarations(t)); got != saved {
				t.Errorf("%d declarations stored, want %d", got, saved)
			}
		})
	}
	ds := e.declarations(t)
	if len(ds) != 2 || ds[0].OrgName != "中国科学院光电技术研究所" || ds[0].Reason != patentbridge.ReasonNegotiating || ds[0].CreatedBy == 0 {
		t.Errorf("stored declarations = %+v", ds)
	}
	if got := strings.Join(e.Audits(t), "\n"); strings.Count(got, "declaration.create patent:"+sleepingApp) != 2 {
		t.Errorf("audit log:\n%s", got)
	}

	c := e.client(t, "ioe")
	_, body := MustGet(t, c, e.srv.URL+"/patents/"+sleepingApp+"?saved=declaration")
	mustContain(t, body, `id="declaration-form"`, `id="saved-note"`, "正当理由", "正在洽谈", "有效", "撤销")
	if strings.Contains(body, `id="rating-form"`) {
		t.Errorf("an institution sees the enterprise rating form")
	}
	status, _, _ := MustPost(t, c, e.srv.URL+"/patents/"+sleepingApp+"/declarations/1/revoke", nil)
	if status != 303 || e.declarations(t)[0].RevokedAt.IsZero() {
		t.Errorf("revoke: status %d, declaration %+v", status, e.declarations(t)[0])
	}
	_, body = MustGet(t, c, e.srv.URL+"/patents/"+sleepingApp)
	mustContain(t, body, "已撤销（")
	if status, _, _ := MustPost(t, e.client(t, "scu"), e.srv.URL+"/patents/"+sleepingApp+"/declarations/2/revoke", nil); status != 403 {
		t.Errorf("another institution revokes: status %d", status)
	}
}

func TestDeclarationValidation(t *testing.T) {
	e := newScreenEnv(t, true)
	c := e.client(t, "ioe")
	tests := []struct {
		name string
		form url.Values
		want string
	}{
		{"other without text", url.Values{"kind": {"reason"}, "reason": {"other"}}, "时须填写说明"},
		{"unknown reason", url.Values{"kind": {"reason"}, "reason": {"whim"}}, "未知的正当理由"},
		{"implemented without how", url.Values{"kind": {"implemented"}, "since": {"2024-03-01"}}, "请说明实施方式"},
		{"implemented without date", url.Values{"kind": {"implemented"}, "how": {"许可"}}, "请填写开始实施的日期"},
		{"bad date", url.Values{"kind": {"implemented"}, "how": {"许可"}, "since": {"去年"}}, "实施起始日期 &#34;去年&#34; 无法识别"},
		{"date before the Patent Law", url.Values{"kind": {"implemented"}, "how": {"许可"}, "since": {"0001-01-01"}},
			"实施起始日期 0001-01-01 早于 1985-04-01（专利法施行之日）"},
		{"readable date before the Patent Law", url.Values{"kind": {"implemented"}, "how": {"许可"}, "since": {"1980-06-01"}},
			"实施起始日期 1980-06-01 早于 1985-04-01"},
		{"start after today", url.Values{"kind": {"implemented"}, "how": {"许可"}, "since": {"2030-01-01"}},
			"实施起始日期 2030-01-01 晚于今天（2026-11-27）"},
		{"no kind", url.Values{}, "声明类型应为已实施或正当理由"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := MustPost(t, c, e.srv.URL+"/patents/"+sleepingApp+"/declarations", tt.form)
			if status != 400 {
				t.Errorf("status %d, want 400", status)
			}
			mustContain(t, body, `id="declaration-error"`, tt.want, `id="declaration-form"`)
		})
	}
	if n := len(e.declarations(t)); n != 0 {
		t.Errorf("%d invalid declarations stored", n)
	}
	status, _, _ := MustPost(t, c, e.srv.URL+"/patents/"+sleepingApp+"/declarations",
		url.Values{"kind": {"implemented"}, "how": {"许可"}, "since": {"2024-03-01"}, "enterprise": {"成都光伏科技有限公司"}})
	if d := e.declarations(t); status != 303 || len(d) != 1 || patentbridge.FormatDate(d[0].Since) != "2024-03-01" || d[0].Enterprise != "成都光伏科技有限公司" {
		t.Errorf("valid implemented declaration: status %d, stored %+v", status, d)
	}
}

func TestRatings(t *testing.T) {
	e := newScreenEnv(t, true)
	good := url.Values{"prospect": {"4"}, "improvement": {"3"}, "cooperation": {"5"}, "comment": {"可用于组件产线改造"}}
	for _, tt := range []struct {
		user   string
		status int
	}{{"", 303}, {"ioe", 403}, {"firm", 303}, {"admin", 303}} {
		t.Run("user="+tt.user, func(t *testing.T) {
			status, loc, _ := MustPost(t, e.client(t, tt.user), e.srv.URL+"/patents/"+sleepingApp+"/ratings", good)
			if status != tt.status {
				t.Errorf("status %d (location %q), want %d", status, loc, tt.status)
			}
		})
	}
	c := e.client(t, "firm")
	status, _, body := MustPost(t, c, e.srv.URL+"/patents/"+sleepingApp+"/ratings", url.Values{"prospect": {"6"}, "improvement": {"3"}, "cooperation": {"5"}})
	if status != 400 {
		t.Errorf("score 6: status %d", status)
	}
	mustContain(t, body, `id="rating-error"`, "产业化前景的评分应为 1 到 5 之间的整数", `id="rating-form"`)
	_, body = MustGet(t, c, e.srv.URL+"/patents/"+sleepingApp)
	mustContain(t, body, `id="rating-summary"`, "共 2 家企业评价", "产业化前景 4.00", "产学研合作意愿 5.00", "可用于组件产线改造")
	if strings.Contains(body, `id="declaration-form"`) {
		t.Errorf("an enterprise sees the declaration form")
	}
}
