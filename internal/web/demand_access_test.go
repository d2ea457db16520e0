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

// notAMatch returns a sample patent that is not among demand d's matches (the
// default list nor the one of every patent).
func (e *demandEnv) notAMatch(tb testing.TB, id int64) *patentbridge.Patent {
	tb.Helper()
	d, err := e.demands.FindDemand(tb.Context(), id)
	if err != nil {
		tb.Fatal(err)
	}
	matched := map[string]bool{}
	for _, all := range []bool{false, true} {
		res, err := e.match.SearchService.Match(tb.Context(), patentbridge.DemandMatchRequest(d, all))
		if err != nil {
			tb.Fatal(err)
		}
		for _, m := range res.Items {
			matched[m.AppNo] = true
		}
	}
	for _, p := range httpxtest.SamplePatents() {
		if !matched[p.AppNo] {
			return p
		}
	}
	tb.Fatalf("fixture: every sample patent matches demand %d", id)
	return nil
}

// 感兴趣 and 不相关 are taken only on a patent among the demand's matches: on
// another patent the page answers 400 in Chinese, stores nothing and tells the
// patent's owner nothing.
func TestFeedbackRefusedOnAPatentThatIsNotAMatch(t *testing.T) {
	e := newDemandEnv(t)
	owners := &httpxtest.UserService{DB: e.db}
	owners.MustUser(t, "ioe", patentbridge.RoleInstitution, "中国科学院光电技术研究所")
	owners.MustUser(t, "farm", patentbridge.RoleInstitution, "德阳智农科技有限公司")
	firm := e.client(t, "firm")
	id := e.MustPostDemand(t, firm, demandForm("钠离子电池正极材料", "510107"))
	e.MustPublish(t, id)
	p := e.notAMatch(t, id)
	page := fmt.Sprintf("%s/demands/%d", e.srv.URL, id)
	for _, verdict := range []string{"interested", "irrelevant"} {
		for _, all := range []string{"", "1"} {
			status, _, body := MustPost(t, firm, page+"/feedback", url.Values{"app_no": {p.AppNo}, "verdict": {verdict}, "all": {all}})
			if status != http.StatusBadRequest {
				t.Fatalf("%s on %s (all=%q): %d, want 400", verdict, p.AppNo, all, status)
			}
			mustContain(t, body, "专利 "+patentbridge.FormatAppNo(p.AppNo)+" 不在技术需求《钠离子电池正极材料》的匹配结果中")
		}
	}
	for _, owner := range []string{"ioe", "farm"} {
		if _, body := MustGet(t, e.client(t, owner), e.srv.URL+"/messages"); !strings.Contains(body, "还没有站内信") {
			t.Errorf("%s was told of a false interest:\n%s", owner, body)
		}
	}
	if a := e.auditLog(t); strings.Contains(a, "demand.feedback") {
		t.Errorf("feedback audited on a patent that is not a match:\n%s", a)
	}
	// A real match is still taken.
	if status, _, body := MustPost(t, firm, page+"/feedback", url.Values{"app_no": {"2021108432658"}, "verdict": {"interested"}}); status != http.StatusSeeOther {
		t.Errorf("feedback on a match: %d\n%s", status, body)
	}
}

// A draft is seen by its posting organization only: the city, the admin and
// another enterprise get the same 404 as for a demand that does not exist, and
// no moderator's list shows it.
func TestDraftSeenByItsPosterOnly(t *testing.T) {
	e := newDemandEnv(t)
	firm := e.client(t, "firm")
	form := demandForm("钠离子电池正极材料（草稿）", "510107")
	form.Set("draft", "1")
	id := e.MustPostDemand(t, firm, form)
	page := fmt.Sprintf("%s/demands/%d", e.srv.URL, id)
	if status, body := MustGet(t, firm, page); status != http.StatusOK || !strings.Contains(body, "钠离子电池正极材料（草稿）") {
		t.Fatalf("the poster's draft: %d", status)
	}
	_, missing := MustGet(t, e.client(t, "chengdu"), e.srv.URL+"/demands/99999")
	for _, name := range []string{"chengdu", "admin", "other", ""} {
		status, body := MustGet(t, e.client(t, name), page)
		if status != http.StatusNotFound || strings.Contains(body, "钠离子电池正极材料（草稿）") ||
			!strings.Contains(body, fmt.Sprintf("技术需求 %d 不存在", id)) {
			t.Errorf("%q reads the draft: %d", name, status)
		}
		if strings.Count(body, "不存在") != strings.Count(missing, "不存在") {
			t.Errorf("%q: the draft's 404 differs from a missing demand's", name)
		}
	}
	if _, body := MustGet(t, e.client(t, "chengdu"), e.srv.URL+"/admin/demands"); strings.Contains(body, "（草稿）") {
		t.Errorf("the moderation queue shows a draft")
	}
}

// Every act on a demand one may not see answers 404 like reading it, never a
// 403 that tells it exists: edit, resubmit, close and feedback, by another enterprise.
func TestActsOnAnUnseenDemandAreNotFound(t *testing.T) {
	e := newDemandEnv(t)
	firm, other := e.client(t, "firm"), e.client(t, "other")
	draft := demandForm("钠离子电池正极材料（草稿）", "510107")
	draft.Set("draft", "1")
	for _, form := range []url.Values{draft, demandForm("钠离子电池正极材料（待审）", "510107")} {
		id := e.MustPostDemand(t, firm, form)
		page := fmt.Sprintf("%s/demands/%d", e.srv.URL, id)
		if status, _ := MustGet(t, other, page); status != http.StatusNotFound {
			t.Fatalf("another enterprise reads demand %d: %d", id, status)
		}
		if status, _ := MustGet(t, other, page+"/edit"); status != http.StatusNotFound {
			t.Errorf("GET edit of demand %d: %d, want 404", id, status)
		}
		for _, act := range []struct {
			path string
			form url.Values
		}{
			{"/edit", demandForm("改写", "510107")},
			{"/edit", func() url.Values { f := demandForm("改写", "510107"); f.Set("draft", "1"); return f }()},
			{"/close", url.Values{"note": {"已解决"}}},
			{"/feedback", url.Values{"app_no": {"2021108432658"}, "verdict": {"interested"}}},
		} {
			status, _, body := MustPost(t, other, page+act.path, act.form)
			if status != http.StatusNotFound || !strings.Contains(body, fmt.Sprintf("技术需求 %d 不存在", id)) || strings.Contains(body, "没有权限") {
				t.Errorf("POST %s on demand %d: %d, want the 404 of reading it", act.path, id, status)
			}
		}
	}
}

// 我的需求 past its last page offers the way back; a draft shows no 提交时间;
// a whole city reads like a county (四川省成都市). The inbox past its end too,
// and it refuses an unknown ?unread= value in Chinese.
func TestMyDemandsAndInboxPastTheEnd(t *testing.T) {
	e := newDemandEnv(t)
	firm := e.client(t, "firm")
	draft := demandForm("整市需求草稿", "5101")
	draft.Set("draft", "1")
	e.MustPostDemand(t, firm, draft)
	e.MustPostDemand(t, firm, demandForm("区县需求", "510104"))

	_, body := MustGet(t, firm, e.srv.URL+"/my/demands")
	row := regexp.MustCompile(`(?s)<tr class="demand-row"[^>]*data-status="draft">.*?</tr>`).FindString(body)
	if !strings.Contains(row, "未提交") || regexp.MustCompile(`\d{4}-\d{2}-\d{2}`).MatchString(row) {
		t.Errorf("a draft's row shows a submission date:\n%s", row)
	}
	if !strings.Contains(row, "<td>四川省成都市</td>") || !strings.Contains(body, "<td>四川省成都市锦江区</td>") {
		t.Errorf("region labels differ between a city and a county:\n%s", body)
	}
	for _, path := range []string{"/my/demands?page=99", "/my/demands?status=draft&page=99", "/messages?page=99"} {
		status, body := MustGet(t, firm, e.srv.URL+path)
		if status != http.StatusOK {
			t.Fatalf("%s: %d", path, status)
		}
		mustContain(t, body, `id="page-past-end"`, "已超出末页", `id="page-first-link"`)
		if strings.Contains(body, "没有需求") || strings.Contains(body, "还没有站内信") {
			t.Errorf("%s says the list is empty instead of past its end", path)
		}
	}
	for _, v := range []string{"abc", "2", "yes"} {
		status, body := MustGet(t, firm, e.srv.URL+"/messages?unread="+v)
		if status != http.StatusBadRequest {
			t.Errorf("/messages?unread=%s: %d, want 400", v, status)
		}
		mustContain(t, body, "参数 unread=")
	}
	if status, _ := MustGet(t, firm, e.srv.URL+"/messages?unread=1"); status != http.StatusOK {
		t.Errorf("/messages?unread=1: %d", status)
	}
}
