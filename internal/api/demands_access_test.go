package api_test

import (
	"fmt"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
)

// A draft is read only by its posting organization: the city, the admin and
// another enterprise get 404 as for a missing demand, and ?status=all never
// lists it to a moderator.
func TestDraftAPISeenByItsPosterOnly(t *testing.T) {
	e := newDemandEnv(t)
	id := e.MustPost(t, e.firm, strings.Replace(demandBody("钠离子电池正极材料（草稿）", "510107"), "{", `{"draft":true,`, 1))
	e.MustPost(t, e.firm, demandBody("钠离子电池正极材料（待审）", "510107"))
	path := fmt.Sprintf("/api/v1/demands/%d", id)
	if status, m := e.call(t, "GET", path, e.firm, ""); status != 200 || m["status"] != "draft" {
		t.Fatalf("the poster's draft: %d %v", status, m)
	}
	for name, token := range map[string]string{"chengdu": e.chengdu, "admin": e.admin, "other": e.other, "anonymous": ""} {
		if status, m := e.call(t, "GET", path, token, ""); status != 404 || errorOf(t, m)["message"] != fmt.Sprintf("技术需求 %d 不存在", id) {
			t.Errorf("%s reads the draft: %d %v", name, status, m)
		}
	}
	for name, token := range map[string]string{"chengdu": e.chengdu, "admin": e.admin} {
		status, m := e.call(t, "GET", "/api/v1/demands?status=all", token, "")
		if status != 200 || m["total"] != 1.0 {
			t.Errorf("%s's ?status=all: %d %v, want the pending demand only", name, status, m)
		}
		for _, it := range m["items"].([]any) {
			if it.(map[string]any)["status"] == "draft" {
				t.Errorf("%s's list holds a draft: %v", name, it)
			}
		}
	}
}

// Acts on a demand one may not see answer the 404 of reading it: PUT (edit,
// resubmit), close and feedback by another enterprise.
func TestActsOnAnUnseenDemandAPI(t *testing.T) {
	e := newDemandEnv(t)
	id := e.MustPost(t, e.firm, demandBody("钠离子电池正极材料", "510107"))
	want := fmt.Sprintf("技术需求 %d 不存在", id)
	for _, act := range []struct{ method, path, body string }{
		{"PUT", "", demandBody("改写", "510107")},
		{"PUT", "", strings.Replace(demandBody("改写", "510107"), "{", `{"submit":true,`, 1)},
		{"POST", "/close", `{"note":"已解决"}`},
		{"POST", "/feedback", `{"app_no":"2021108432658","verdict":"interested"}`},
	} {
		status, m := e.call(t, act.method, fmt.Sprintf("/api/v1/demands/%d%s", id, act.path), e.other, act.body)
		if status != 404 || errorOf(t, m)["message"] != want {
			t.Errorf("%s %s by another enterprise: %d %v, want 404 %q", act.method, act.path, status, m, want)
		}
	}
}

// Feedback through the API is refused on a patent that is not among the
// demand's matches, with a Chinese message naming app_no.
func TestFeedbackAPIRefusedOnAPatentThatIsNotAMatch(t *testing.T) {
	e := newDemandEnv(t)
	(&httpxtest.UserService{DB: e.demands}).MustUser(t, "ioe", patentbridge.RoleInstitution, "中国科学院光电技术研究所")
	id := e.MustPost(t, e.firm, demandBody("钠离子电池正极材料", "510107"))
	d, err := e.demands.FindDemand(t.Context(), int64(id))
	if err != nil {
		t.Fatal(err)
	}
	matched := map[string]bool{}
	for _, all := range []bool{false, true} {
		res, err := e.match.SearchService.Match(t.Context(), patentbridge.DemandMatchRequest(d, all))
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range res.Items {
			matched[it.AppNo] = true
		}
	}
	var outside string
	for _, p := range httpxtest.SamplePatents() {
		if !matched[p.AppNo] {
			outside = p.AppNo
			break
		}
	}
	if outside == "" {
		t.Fatal("fixture: every sample patent matches the demand")
	}
	path := fmt.Sprintf("/api/v1/demands/%d/feedback", id)
	status, m := e.call(t, "POST", path, e.firm, fmt.Sprintf(`{"app_no":%q,"verdict":"interested"}`, outside))
	if status != 400 || errorOf(t, m)["field"] != "app_no" || !strings.Contains(errorOf(t, m)["message"].(string), "不在技术需求《钠离子电池正极材料》的匹配结果中") {
		t.Errorf("feedback on %s: %d %v, want 400 on app_no", outside, status, m)
	}
	if got, _ := e.demands.DemandFeedback(patentbridge.WithUser(t.Context(), &patentbridge.User{Role: patentbridge.RoleAdmin}), int64(id)); len(got) != 0 {
		t.Errorf("stored feedback = %v", got)
	}
}
