package web_test

import (
	"html"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"patentbridge"
)

func TestRegisterNegotiatedLicenceOnTheSite(t *testing.T) {
	s := newLicenceSite(t)
	uni, firm := MustClient(t, s.srv, "swust"), MustClient(t, s.srv, "firm")
	if _, body := MustGet(t, uni, s.srv.URL+"/patents/"+s.appNo); !strings.Contains(body, `href="/licences/new?app_no=`+s.appNo+`"`) {
		t.Error("the patentee finds no way from the patent page to the form")
	}
	if _, body := MustGet(t, firm, s.srv.URL+"/patents/"+s.appNo); strings.Contains(body, "patent-register-licence") {
		t.Error("an enterprise that does not own the patent is offered the form")
	}
	if _, body := MustGet(t, uni, s.srv.URL+"/my/licences"); !strings.Contains(body, `href="/licences/new"`) {
		t.Error("no way from the licences list to the form")
	}
	if status, body := MustGet(t, uni, s.srv.URL+"/licences/new?app_no="+s.appNo); status != 200 || !strings.Contains(body, `id="reg-patent"`) {
		t.Fatalf("form: %d", status)
	}
	post := func(c *http.Client, form url.Values) (int, string, string) {
		t.Helper()
		res, err := c.PostForm(s.srv.URL+"/licences/new", form)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Header.Get("Location"), string(b)
	}
	form := func(kind string) url.Values {
		return url.Values{"app_no": {s.appNo}, "kind": {kind}, "licensee": {"绵阳某科技有限公司"}, "method": {"fixed"},
			"lump_sum": {"100,000"}, "term_start": {"2026-12-01"}, "term_end": {"2028-11-30"}}
	}
	bad := form("ordinary")
	bad.Set("licensee", "不存在的公司")
	if status, _, body := post(uni, bad); status != http.StatusBadRequest || !strings.Contains(body, "未找到被许可人单位") {
		t.Fatalf("unknown licensee: %d", status)
	}
	byFirm := form("ordinary")
	byFirm.Set("licensee", "成都另一科技有限公司")
	if status, _, body := post(firm, byFirm); status != http.StatusForbidden || !strings.Contains(body, "不是专利") {
		t.Fatalf("a non-owner registers: %d %s", status, body)
	}

	// While an open licence is announced: exclusive refused with the law's words, ordinary registered.
	s.mustOpenLicence(t, "announced", "2030-12-31", "2026-11-27T10:00:00.000000Z", "")
	if _, body := MustGet(t, uni, s.srv.URL+"/licences/new?app_no="+s.appNo); !strings.Contains(body, `id="reg-announced"`) {
		t.Error("the form does not say that an open licence is announced")
	}
	status, _, body := post(uni, form("exclusive"))
	if status != http.StatusConflict || !strings.Contains(body, `id="reg-error" role="alert">`+html.EscapeString(patentbridge.ExclusiveWhileOpenMessage)) {
		t.Fatalf("exclusive while announced: %d %s", status, body)
	}
	status, loc, body := post(uni, form("ordinary"))
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/licences/") || !strings.HasSuffix(loc, "?done=registered") {
		t.Fatalf("ordinary: %d %s %s", status, loc, body)
	}
	status, body = MustGet(t, uni, s.srv.URL+loc)
	if status != 200 {
		t.Fatalf("licence page: %d", status)
	}
	mustContain(t, body, "许可已登记", "普通许可", "西南科技大学", "绵阳某科技有限公司", "100,000.00元", "2028-11-30", "账本序号")
	if status, _ := MustGet(t, firm, s.srv.URL+loc); status != 200 {
		t.Errorf("the licensee cannot see its licence: %d", status)
	}
}
