package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
)

// newProgrammeEnv is the supply env serving the programme records, with a
// registered university and enterprise of Chengdu and a Chengdu deal.
func newProgrammeEnv(t *testing.T) (*supplyEnv, int64) {
	t.Helper()
	e := newSupplyEnv(t)
	cli := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	for _, o := range []*patentbridge.Organization{
		{Name: "电子科技大学", Type: patentbridge.PartyUniversity, CityCode: "5101"},
		{Name: "成都芯动科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101", SME: true},
	} {
		if err := e.db.CreateOrganization(cli, o); err != nil {
			t.Fatal(err)
		}
	}
	d := &patentbridge.Deal{AppNo: "2022232206652", Kind: patentbridge.DealTransfer, FromName: "电子科技大学", FromType: patentbridge.PartyUniversity,
		ToName: "成都芯动科技有限公司", ToType: patentbridge.PartyEnterprise, ContractDate: testNow.AddDate(0, -1, 0)}
	if err := e.db.CreateDeal(cli, d); err != nil {
		t.Fatal(err)
	}
	users := &httpxtest.UserService{DB: e.db}
	srv := api.New(api.Deps{Now: clock, Patents: e.db, Ref: refdata.Default(), Logger: quiet, Deals: e.db,
		Events: e.db, Cases: e.db, PilotBases: e.db, Listings: e.db})
	h, err := httpx.Stack(srv, httpx.StackOptions{Users: users, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	e.handler = h
	return e, d.ID
}

// An official records an event by the template's Chinese names, adds a
// project and links the deal that followed; a bad column is named; another
// city's official and an enterprise are refused.
func TestEventsAPI(t *testing.T) {
	e, deal := newProgrammeEnv(t)
	body := `{"kind":"入园惠企","title":"电子科技大学专利进园区","city":"5101","held_on":"2026-05-12","organizer":"电子科技大学",
		"participants":90,"projects":[{"title":"射频芯片封装","app_no":"2022232206652","organization":"电子科技大学"}]}`
	status, m := e.call(t, "POST", "/api/v1/events", e.chengdu, body)
	if status != http.StatusCreated || m["kind"] != "park_visit" || m["held_on"] != "2026-05-12" || m["organizer_type"] != "university" || m["by_institution"] != true {
		t.Fatalf("create = %d %v", status, m)
	}
	id := int64(m["id"].(float64))
	if status, _ := e.call(t, "POST", "/api/v1/events", e.admin, body); status != http.StatusConflict {
		t.Errorf("the same event again = %d", status)
	}
	if status, m := e.call(t, "POST", "/api/v1/events", e.admin, `{"kind":"酒会","title":"x","city":"5101","held_on":"2026-05-12","organizer":"y"}`); status != 400 ||
		m["error"].(map[string]any)["field"] != "kind" {
		t.Errorf("a bad kind = %d %v", status, m)
	}
	if status, _ := e.call(t, "POST", "/api/v1/events", e.firm, body); status != http.StatusForbidden {
		t.Errorf("an enterprise records an event = %d", status)
	}
	path := fmt.Sprintf("/api/v1/events/%d", id)
	if status, m := e.call(t, "POST", path+"/projects", e.chengdu, `{"title":"毫米波雷达"}`); status != 201 || len(m["projects"].([]any)) != 2 {
		t.Errorf("add a project = %d %v", status, m)
	}
	if status, _ := e.call(t, "POST", path+"/deals", e.chengdu, `{"deal_id":999}`); status != 404 {
		t.Errorf("link a missing deal = %d", status)
	}
	if status, m := e.call(t, "POST", path+"/deals", e.chengdu, fmt.Sprintf(`{"deal_id":%d}`, deal)); status != 200 || len(m["deal_ids"].([]any)) != 1 {
		t.Errorf("link the deal = %d %v", status, m)
	}
	if status, _ := e.call(t, "GET", path, e.mianyang, ""); status != 404 {
		t.Errorf("mianyang reads a Chengdu event = %d", status)
	}
	if _, m := e.call(t, "GET", "/api/v1/events?year=2026&kind=入园惠企", e.chengdu, ""); m["total"] != 1.0 {
		t.Errorf("chengdu's events = %v", m)
	}
	if status, _ := e.call(t, "GET", "/api/v1/events?kind=酒会", e.admin, ""); status != 400 {
		t.Errorf("a bad kind filter = %d", status)
	}
	if status, m := e.call(t, "DELETE", fmt.Sprintf("%s/deals/%d", path, deal), e.chengdu, ""); status != 200 || len(m["deal_ids"].([]any)) != 0 {
		t.Errorf("unlink = %d %v", status, m)
	}
	if status, m := e.call(t, "DELETE", path+"/deals/999999", e.chengdu, ""); status != 404 || errorOf(t, m)["field"] != "deal_id" {
		t.Errorf("unlink a missing deal = %d %v", status, m)
	}
}

// A deal signed before an event cannot be linked to it; refusals name the
// JSON key, and one inside a project names "projects".
func TestEventsAPINamesTheKey(t *testing.T) {
	e, deal := newProgrammeEnv(t) // the deal signed a month before testNow
	today := patentbridge.FormatDate(testNow)
	status, m := e.call(t, "POST", "/api/v1/events", e.chengdu, `{"kind":"路演","title":"今日路演","city":"5101","held_on":"`+today+`","organizer":"电子科技大学"}`)
	if status != http.StatusCreated {
		t.Fatalf("create = %d %v", status, m)
	}
	path := fmt.Sprintf("/api/v1/events/%v/deals", m["id"])
	status, m = e.call(t, "POST", path, e.chengdu, fmt.Sprintf(`{"deal_id":%d}`, deal))
	if got := errorOf(t, m); status != 400 || got["field"] != "deal_id" || !strings.Contains(got["message"].(string), today) {
		t.Errorf("link a deal signed before the event = %d %v", status, got)
	}
	for _, tt := range []struct{ name, body, message string }{
		{"a wrong type in a project", `{"kind":"路演","title":"x","city":"5101","held_on":"2026-05-12","organizer":"y","projects":[{"title":1}]}`, "projects.title"},
		{"an unknown key in a project", `{"kind":"路演","title":"x","city":"5101","held_on":"2026-05-12","organizer":"y","projects":[{"title":"t","bogus":1}]}`, "bogus"},
	} {
		status, m := e.call(t, "POST", "/api/v1/events", e.chengdu, tt.body)
		if got := errorOf(t, m); status != 400 || got["field"] != "projects" || !strings.Contains(got["message"].(string), tt.message) {
			t.Errorf("%s = %d %v", tt.name, status, got)
		}
	}
	status, m = e.call(t, "POST", "/api/v1/events", e.chengdu, `{"bogus":1}`)
	if got := errorOf(t, m); status != 400 || got["field"] != "bogus" {
		t.Errorf("an unknown top-level key = %d %v", status, got)
	}
}

// A published case is read without login, one published ahead is not; cases
// name stored deals only.
func TestCasesAPIIsPublicOncePublished(t *testing.T) {
	e, deal := newProgrammeEnv(t)
	today := patentbridge.FormatDate(testNow)
	status, m := e.call(t, "POST", "/api/v1/cases", e.chengdu, fmt.Sprintf(`{"title":"高校专利许可中小企业","body":"电子科技大学……","city":"5101","published_on":%q,"deal_ids":[%d]}`, today, deal))
	if status != 201 || m["published"] != true {
		t.Fatalf("create = %d %v", status, m)
	}
	id := int64(m["id"].(float64))
	ahead := patentbridge.FormatDate(testNow.AddDate(0, 0, 10))
	status, m = e.call(t, "POST", "/api/v1/cases", e.chengdu, fmt.Sprintf(`{"title":"下月发布","body":"正文","city":"5101","published_on":%q}`, ahead))
	if status != 201 || m["published"] != false {
		t.Fatalf("create ahead = %d %v", status, m)
	}
	aheadID := int64(m["id"].(float64))
	if status, m := e.call(t, "POST", "/api/v1/cases", e.admin, `{"title":"t","body":"b","city":"5101","published_on":"2026-01-01","deal_ids":[999]}`); status != 404 ||
		m["error"].(map[string]any)["field"] != "deal_ids" {
		t.Errorf("a missing deal = %d %v", status, m)
	}
	if status, m := e.call(t, "GET", fmt.Sprintf("/api/v1/cases/%d", id), "", ""); status != 200 || m["published_on"] != today {
		t.Errorf("the public reads the case = %d %v", status, m)
	}
	if status, _ := e.call(t, "GET", fmt.Sprintf("/api/v1/cases/%d", aheadID), "", ""); status != 404 {
		t.Errorf("the public reads a case ahead = %d", status)
	}
	if _, m := e.call(t, "GET", "/api/v1/cases", "", ""); m["total"] != 1.0 {
		t.Errorf("public cases = %v", m)
	}
	if _, m := e.call(t, "GET", "/api/v1/cases", e.chengdu, ""); m["total"] != 2.0 {
		t.Errorf("chengdu's cases = %v", m)
	}
	if status, _ := e.call(t, "POST", "/api/v1/cases", "", `{}`); status != http.StatusUnauthorized {
		t.Errorf("an anonymous case = %d", status)
	}
}

// Pilot bases and the 科创板 pipeline through the API: a candidate moves
// forward only.
func TestPilotBasesAndListingsAPI(t *testing.T) {
	e, _ := newProgrammeEnv(t)
	status, m := e.call(t, "POST", "/api/v1/pilot-bases", e.chengdu, `{"name":"电子科技大学中试基地","organization":"电子科技大学","city":"5101","established_on":"2025-09-01"}`)
	if status != 201 || m["established_on"] != "2025-09-01" || m["organization_id"] == nil {
		t.Fatalf("create base = %d %v", status, m)
	}
	if _, m := e.call(t, "GET", "/api/v1/pilot-bases?year=2025", e.admin, ""); m["total"] != 1.0 {
		t.Errorf("2025 bases = %v", m)
	}
	status, m = e.call(t, "POST", "/api/v1/listings", e.chengdu, `{"organization":"成都芯动科技有限公司","screened_on":"2025-03-01"}`)
	if status != 201 || m["stage"] != "screened" || m["city"] != "5101" || m["followed_on"] != "" {
		t.Fatalf("screen = %d %v", status, m)
	}
	path := fmt.Sprintf("/api/v1/listings/%d/advance", int64(m["id"].(float64)))
	if status, _ := e.call(t, "POST", path, e.chengdu, `{"stage":"成功上市","date":"2025-09-01"}`); status != 400 {
		t.Errorf("screened straight to listed = %d", status)
	}
	if status, m := e.call(t, "POST", path, e.chengdu, `{"stage":"重点跟踪","date":"2025-09-01"}`); status != 200 || m["followed_on"] != "2025-09-01" || m["stage_label"] != "重点跟踪" {
		t.Errorf("follow = %d %v", status, m)
	}
	if status, _ := e.call(t, "POST", path, e.chengdu, `{"stage":"followed","date":"2025-10-01"}`); status != http.StatusConflict {
		t.Errorf("followed twice = %d", status)
	}
	if _, m := e.call(t, "GET", "/api/v1/listings?kind=followed", e.admin, ""); m["total"] != 1.0 {
		t.Errorf("followed candidates = %v", m)
	}
	if _, m := e.call(t, "GET", "/api/v1/listings", e.mianyang, ""); m["total"] != 0.0 {
		t.Errorf("mianyang's candidates = %v", m)
	}
}
