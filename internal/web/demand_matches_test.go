package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/web"
)

// newMatchEnv is a demand page over the sample patents and extra ones, screened
// and indexed, with users "admin" and "firm".
func newMatchEnv(tb testing.TB, extra ...*patentbridge.Patent) *demandEnv {
	tb.Helper()
	users := httpxtest.NewUserService(tb)
	users.MustUser(tb, "admin", patentbridge.RoleAdmin)
	firm, _ := users.MustUser(tb, "firm", patentbridge.RoleEnterprise, "成都光伏科技有限公司")
	users.MustStorePatents(tb, append(httpxtest.SamplePatents(), extra...)...)
	httpxtest.MustScreen(tb, users.DB, testNow)
	db := users.DB
	e := &demandEnv{demands: db, db: db, firmID: firm.ID,
		match: &httpxtest.MatchRecorder{SearchService: httpxtest.MustSearch(tb, db)}}
	db.Matcher = e.match.SearchService
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: users, Ref: refdata.Default(), Logger: quiet,
		Screening: httpxtest.Screening{DB: db}, Sleeping: db, Demands: db, Feedback: db, Search: e.match})
	if err != nil {
		tb.Fatal(err)
	}
	e.srv = MustServe(tb, w, users)
	return e
}

// A demand's matches list by default the granted patents in force of
// institutions and SOEs, each with its legal status, owner and type, and its
// sleeping grade; ?all=1 (the checkbox) adds an enterprise's and a lapsed patent.
func TestDemandMatchesActionableByDefault(t *testing.T) {
	pv := func(app, title, owner string, typ patentbridge.PartyType, status patentbridge.LegalStatus) *patentbridge.Patent {
		return &patentbridge.Patent{AppNo: app + patentbridge.AppNoCheckChar(app), Kind: patentbridge.KindUtility,
			Title: title, AppDate: time.Date(2022, 1, 5, 0, 0, 0, 0, time.UTC), GrantDate: time.Date(2022, 6, 7, 0, 0, 0, 0, time.UTC),
			Status: status, MainIPC: "H01L31/18", IPC: []string{"H01L31/18"}, RegionCode: "510107",
			Patentees: []patentbridge.Party{{Name: owner, Type: typ}}, Inventors: []string{"赵六"}}
	}
	firmHeld := pv("202220000011", "一种光伏组件胶膜平整装置", "成都光伏装备有限公司", patentbridge.PartyEnterprise, patentbridge.StatusInForce)
	lapsed := pv("202220000012", "一种光伏组件生产线的胶膜平整机构", "电子科技大学", patentbridge.PartyUniversity, patentbridge.StatusLapsedUnpaid)
	e := newMatchEnv(t, firmHeld, lapsed)
	firm := e.client(t, "firm")
	form := demandForm("光伏组件胶膜平整", "510107")
	form.Set("description", "光伏组件生产线上的胶膜需要平整，寻求胶膜平整机构。")
	id := e.MustPostDemand(t, firm, form)
	e.MustPublish(t, id)
	page := fmt.Sprintf("%s/demands/%d", e.srv.URL, id)

	status, body := MustGet(t, firm, page)
	if status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	mustContain(t, body, "一种胶膜平整机构及光伏组件生产线",
		`<span class="status-in_force">有效</span>`, "中国科学院光电技术研究所（科研单位）",
		`沉睡专利 <span class="grade grade-C">C</span> 级`,
		`id="match-all">`, `href="/demands/`+fmt.Sprint(id)+`?all=1#matches" id="match-scope-all"`, "默认只列出高校、科研院所和国有企业持有的")
	for _, p := range []*patentbridge.Patent{firmHeld, lapsed} {
		if strings.Contains(body, p.Title) {
			t.Errorf("the default list shows %s (%s, %s)", p.Title, p.Patentees[0].Type, p.Status)
		}
	}
	if r := e.match.LastMatch(); r.All {
		t.Errorf("default request %+v asks for all", r)
	}

	_, body = MustGet(t, firm, page+"?all=1")
	mustContain(t, body, firmHeld.Title, "成都光伏装备有限公司（企业）", lapsed.Title, `<span class="status-lapsed_unpaid">未缴年费终止</span>`,
		`id="match-all" checked>`, `id="match-scope-default"`)
	if r := e.match.LastMatch(); !r.All {
		t.Errorf("?all=1 request %+v", r)
	}
	// a verdict given on the full list returns to it
	status, loc, _ := MustPost(t, firm, page+"/feedback", url.Values{"app_no": {firmHeld.AppNo}, "verdict": {"interested"}, "all": {"1"}})
	if status != http.StatusSeeOther || !strings.Contains(loc, "all=1") {
		t.Errorf("feedback on the full list: %d %s", status, loc)
	}
}
