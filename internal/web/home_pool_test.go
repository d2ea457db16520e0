package web_test

import (
	"context"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
	"patentbridge/internal/web"
)

// newHomeEnv is the UI over one real store with the sample patents and a
// 绵阳 university's screened by the real rules, one published supply list and
// one published demand; operator and icp configure the footer.
func newHomeEnv(tb testing.TB, operator, icp string) (*httptest.Server, *sqldb.DB) {
	tb.Helper()
	db := sqldbtest.SQLite(tb)
	db.Now = clock
	httpxtest.MustScreen(tb, db, testNow, append(httpxtest.SamplePatents(), mianyangPatent())...)
	users := &httpxtest.UserService{DB: db}
	users.MustUser(tb, "admin", patentbridge.RoleAdmin)
	platform := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	l := &patentbridge.SupplyList{Title: "四川省高校沉睡专利供给清单"}
	if err := db.CreateSupplyList(platform, l); err != nil {
		tb.Fatal(err)
	}
	if _, err := db.PublishSupplyList(platform, l.ID, true); err != nil {
		tb.Fatal(err)
	}
	d := &patentbridge.Demand{Title: "白酒酿造废水处理技术", Description: "需要高浓度有机废水的处理工艺，日处理500吨。", Enterprise: "宜宾某酒业有限公司",
		Contact: "李经理 0831-1234567", RegionCode: "511500"}
	if err := db.CreateDemand(platform, d); err != nil {
		tb.Fatal(err)
	}
	if err := db.ModerateDemand(platform, d.ID, true, ""); err != nil {
		tb.Fatal(err)
	}
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: users, Ref: refdata.Default(), Logger: quiet,
		Screening: httpxtest.Screening{DB: db}, Sleeping: db, Supply: db, Demands: db, Operator: operator, ICP: icp})
	if err != nil {
		tb.Fatal(err)
	}
	return MustServe(tb, w, users), db
}

// chartValues reads the bars of one chart of a page: label -> count.
func chartValues(tb testing.TB, body, id string) map[string]int {
	tb.Helper()
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		tb.Fatalf("page lacks chart %s", id)
	}
	svg := body[i : i+strings.Index(body[i:], "</svg>")]
	out := map[string]int{}
	for _, m := range regexp.MustCompile(`data-label="([^"]*)" data-value="(\d+)"`).FindAllStringSubmatch(svg, -1) {
		n, _ := strconv.Atoi(m[2])
		out[m[1]] = n
	}
	return out
}

func TestHomeChartsCountTheLatestRun(t *testing.T) {
	srv, db := newHomeEnv(t, "", "")
	_, body := MustGet(t, MustClient(t, srv, ""), srv.URL+"/")
	ctx := context.Background()
	counts, err := db.CountSleeping(ctx, patentbridge.SleepingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	_, total, err := db.ListSleeping(ctx, patentbridge.SleepingFilter{Limit: 1})
	if err != nil || total == 0 {
		t.Fatalf("the fixture has %d sleeping patents (%v), want some", total, err)
	}
	mustContain(t, body, `id="pool-total">`+strconv.Itoa(total)+`<`, `role="img"`, `<title id="chart-grade-title">`, `<desc id="chart-city-desc">`)

	grades := chartValues(t, body, "chart-grade")
	sum := 0
	for _, g := range patentbridge.Grades {
		if grades[g+"级"] != counts[g] {
			t.Errorf("chart %s级 = %d, store %d", g, grades[g+"级"], counts[g])
		}
		sum += grades[g+"级"]
	}
	if sum != total {
		t.Errorf("grade bars sum to %d, the pool holds %d", sum, total)
	}
	cities := chartValues(t, body, "chart-city")
	if len(cities) < 21 || cities["成都市"] != counts["city:5101"] || cities["绵阳市"] != counts["city:5107"] || cities["绵阳市"] == 0 {
		t.Errorf("city bars = %v, store %v", cities, counts)
	}
	industries := chartValues(t, body, "chart-industry")
	for _, ind := range patentbridge.Industries(patentbridge.System51) {
		if industries[ind] != counts[patentbridge.System51+":"+ind] {
			t.Errorf("chart %s = %d, store %d", ind, industries[ind], counts[patentbridge.System51+":"+ind])
		}
	}
	if !strings.Contains(body, `<a href="/sleeping?grade=A">`) || strings.Contains(body, "<script src=\"http") {
		t.Error("bars do not link their lists, or the page loads outside code")
	}
	mustContain(t, body, `id="latest-lists"`, "四川省高校沉睡专利供给清单", `id="latest-demands"`, "白酒酿造废水处理技术")
}

func TestHomeWithoutAScreeningSaysSo(t *testing.T) {
	e := newEnv(t)
	_, body := MustGet(t, e.client(t), e.srv.URL+"/")
	if strings.Contains(body, "<svg") {
		t.Error("charts without a screening service")
	}
}

func TestFooterShowsTheConfiguredOperatorAndICP(t *testing.T) {
	srv, _ := newHomeEnv(t, "成都市知识产权服务中心", "蜀ICP备12345678号-1")
	for _, p := range []string{"/", "/help", "/no-such-page"} {
		_, body := MustGet(t, MustClient(t, srv, ""), srv.URL+p)
		mustContain(t, body, `id="footer-operator">成都市知识产权服务中心<`, `id="footer-icp" rel="noopener">蜀ICP备12345678号-1<`)
	}
	srv, _ = newHomeEnv(t, "", "")
	_, body := MustGet(t, MustClient(t, srv, ""), srv.URL+"/")
	if strings.Contains(body, "footer-icp") || strings.Contains(body, "footer-operator") || strings.Contains(body, "备案") {
		t.Error("an empty configuration still shows an operator or a 备案号")
	}
}

func TestHelpListsRolesAndStatuses(t *testing.T) {
	srv, _ := newHomeEnv(t, "四川省知识产权服务促进中心", "")
	_, body := MustGet(t, MustClient(t, srv, ""), srv.URL+"/help")
	mustContain(t, body, ">公众<", ">企业<", ">高校/科研院所<", ">市州知识产权局<", ">省级管理员<", `id="contact"`, "联系我们",
		`id="contact-operator">四川省知识产权服务促进中心<`)
	labels := []string{
		patentbridge.JobStatusLabel(patentbridge.JobQueued), patentbridge.JobStatusLabel(patentbridge.JobInterrupted),
		patentbridge.JobStatusLabel(patentbridge.JobDiscarded), patentbridge.JobStatusLabel(patentbridge.JobFailed),
		patentbridge.DemandStatusLabel(patentbridge.DemandPending), patentbridge.DemandStatusLabel(patentbridge.DemandRejected),
		patentbridge.DemandStatusLabel(patentbridge.DemandClosed),
		(&patentbridge.SupplyList{Status: patentbridge.ListDraft}).StatusLabel(), (&patentbridge.SupplyList{Status: patentbridge.ListWithdrawn}).StatusLabel(),
		patentbridge.RegistrationStatusLabel(patentbridge.RegistrationPending), patentbridge.ReasonLabel(patentbridge.ReasonSEP),
	}
	for _, id := range []string{"status-import", "status-screening", "status-demand", "status-supply", "status-declaration", "status-registration"} {
		if !strings.Contains(body, `id="`+id+`"`) {
			t.Errorf("help lacks the table %s", id)
		}
	}
	for _, l := range labels {
		if !strings.Contains(body, `<td class="nowrap">`+l+`</td>`) {
			t.Errorf("help lacks the status %q", l)
		}
	}
	// The import table has every state an import is shown in, as the import pages label it.
	imports := body[strings.Index(body, `id="status-import"`):]
	imports = imports[:strings.Index(imports, "</table>")]
	for _, j := range []patentbridge.ImportJob{{Status: patentbridge.JobRunning}, {Status: patentbridge.JobDone},
		{Status: patentbridge.JobDone, Summary: patentbridge.ImportSummary{Read: 4, Rejected: 3}}} {
		label, _, _ := strings.Cut(j.StatusLabel(), "（")
		if !strings.Contains(imports, `<td class="nowrap">`+label+`</td>`) {
			t.Errorf("help's import table lacks the status %q", label)
		}
	}
}

// TestHomeLatestListsNameTheirIssuer: the province's and Chengdu's lists of
// the same number are told apart on the home page by their headings.
func TestHomeLatestListsNameTheirIssuer(t *testing.T) {
	srv, db := newHomeEnv(t, "", "")
	platform := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	l := &patentbridge.SupplyList{Title: "成都高校专利", CityCode: "5101", Filter: patentbridge.SleepingFilter{City: "5101"}}
	if err := db.CreateSupplyList(platform, l); err != nil {
		t.Fatal(err)
	}
	if _, err := db.PublishSupplyList(platform, l.ID, true); err != nil {
		t.Fatal(err)
	}
	_, body := MustGet(t, MustClient(t, srv, ""), srv.URL+"/")
	latest := regexp.MustCompile(`(?s)<ul class="latest-list" id="latest-lists">.*?</ul>`).FindString(body)
	number := strconv.Itoa(testNow.Year()) + "年第1期"
	links := regexp.MustCompile(`<a href="/supply/\d+">([^<]+)</a>`).FindAllStringSubmatch(latest, -1)
	var got []string
	for _, m := range links {
		got = append(got, m[1])
	}
	if strings.Join(got, " ") != "成都市专利技术供给清单（"+number+"） 四川省专利技术供给清单（"+number+"）" {
		t.Errorf("latest lists = %q", got)
	}
	mustContain(t, latest, "成都高校专利 · "+strconv.Itoa(len(l.Items))+" 件", "四川省高校沉睡专利供给清单 · ")
}
