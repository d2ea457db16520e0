package web_test

import (
	"context"
	"encoding/base64"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/ingest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/web"
)

// programmeEnv is the web UI over a store with the registry of a university
// and two enterprises, a deal received in Chengdu and one in Mianyang, the
// admin, a Chengdu (5101) and a Mianyang (5107) official and an enterprise user.
type programmeEnv struct {
	srv                       *httptest.Server
	users                     *httpxtest.UserService
	chengduDeal, mianyangDeal *patentbridge.Deal
}

func newProgrammeEnv(t *testing.T) *programmeEnv {
	t.Helper()
	e := &programmeEnv{users: httpxtest.NewUserService(t)}
	db := e.users.DB
	cli := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	for _, o := range []*patentbridge.Organization{
		{Name: "四川大学", Type: patentbridge.PartyUniversity, CityCode: "5101"},
		{Name: "成都芯动科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101", SME: true},
		{Name: "绵阳九洲电子有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5107", SME: true},
	} {
		if err := db.CreateOrganization(cli, o); err != nil {
			t.Fatal(err)
		}
	}
	deal := func(serial, to string) *patentbridge.Deal {
		no := "20211000000" + serial
		d := &patentbridge.Deal{AppNo: no + patentbridge.AppNoCheckChar(no), Kind: patentbridge.DealTransfer, FromName: "四川大学",
			FromType: patentbridge.PartyUniversity, ToName: to, ToType: patentbridge.PartyEnterprise, AmountFen: 10_0000_00,
			ContractDate: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)} // the store's days are UTC midnights (patentbridge.DateOf)
		if err := db.CreateDeal(cli, d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	e.chengduDeal, e.mianyangDeal = deal("1", "成都芯动科技有限公司"), deal("2", "绵阳九洲电子有限公司")
	e.users.MustUser(t, "admin", patentbridge.RoleAdmin)
	e.users.MustUser(t, "chengdu", patentbridge.RoleCity, "5101")
	e.users.MustUser(t, "mianyang", patentbridge.RoleCity, "5107")
	e.users.MustUser(t, "firm", patentbridge.RoleEnterprise)
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: e.users, Ref: refdata.Default(), Logger: quiet, UploadDir: t.TempDir(),
		Events: db, Cases: db, PilotBases: db, Listings: db, Organizations: db, Deals: db,
		ImportEvents: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportEvents(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		},
		ImportCases: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportCases(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		},
		ImportPilotBases: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportPilotBases(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		},
		ImportListings: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportListings(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		}})
	if err != nil {
		t.Fatal(err)
	}
	e.srv = MustServe(t, w, e.users)
	return e
}

// eventForm is a filled-in event form with the projects' titles.
func eventForm(title string, projects ...string) url.Values {
	f := url.Values{"kind": {"park_visit"}, "title": {title}, "city": {"5101"}, "held_on": {"2026-05-12"},
		"organizer": {"四川大学"}, "participants": {"120"}}
	for _, p := range projects {
		f.Add("project_title", p)
		f.Add("project_app_no", "")
		f.Add("project_org", "四川大学")
	}
	f.Add("project_title", "") // the form's empty rows are left out
	f.Add("project_app_no", "")
	f.Add("project_org", "")
	return f
}

// A Chengdu official records an event with two projects: the event page shows
// both, its city's list shows it with the count, Mianyang's list does not.
func TestEventFormWithProjectsIsListed(t *testing.T) {
	e := newProgrammeEnv(t)
	c := MustClient(t, e.srv, "chengdu")
	if status, body := MustGet(t, c, e.srv.URL+"/events/new"); status != 200 {
		t.Fatalf("form: %d\n%s", status, body)
	}
	status, loc, body := MustPost(t, c, e.srv.URL+"/events/new", eventForm("四川大学专利成果进园区", "锂电池正极材料", "茶叶杀青机"))
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/events/") {
		t.Fatalf("create: %d %q\n%s", status, loc, body)
	}
	status, body = MustGet(t, c, e.srv.URL+loc)
	if status != 200 {
		t.Fatalf("event page: %d\n%s", status, body)
	}
	mustContain(t, body, "四川大学专利成果进园区", "锂电池正极材料", "茶叶杀青机", "路演项目（2）", "入园惠企", "成都市", `id="event-done"`)
	status, body = MustGet(t, c, e.srv.URL+"/events?year=2026&kind=入园惠企")
	if status != 200 {
		t.Fatalf("list: %d\n%s", status, body)
	}
	mustContain(t, body, "共 1 场", "四川大学专利成果进园区", `<td class="num">2</td>`,
		`<li><a href="/programme" class="active"`, `<a href="/pilot-bases" class="tab">中试熟化基地</a>`, `<a href="/listings" class="tab">科创板培育</a>`)
	_, body = MustGet(t, c, e.srv.URL+"/events?year=2025")
	mustContain(t, body, "共 0 场")
	if status, body = MustGet(t, c, e.srv.URL+"/events?city=5101x"); status != http.StatusBadRequest || !strings.Contains(body, "5101x") || !strings.Contains(body, "应为 4 位（如 5101）或 6 位") {
		t.Errorf("/events?city=5101x: %d", status)
	}
	// The year filter takes any year from the Patent Law's (1985) on, as the records do.
	if status, body = MustGet(t, c, e.srv.URL+"/events?year=1990"); status != 200 {
		t.Errorf("year=1990: %d", status)
	}
	mustContain(t, body, "共 0 场")
	if status, body = MustGet(t, c, e.srv.URL+"/events?year=1984"); status != http.StatusBadRequest || !strings.Contains(body, "1985") {
		t.Errorf("year=1984: %d", status)
	}
	_, body = MustGet(t, MustClient(t, e.srv, "mianyang"), e.srv.URL+"/events")
	mustContain(t, body, "共 0 场")
	if strings.Contains(body, "四川大学专利成果进园区") {
		t.Error("Mianyang's official sees Chengdu's event")
	}
	if status, _ := MustGet(t, MustClient(t, e.srv, "mianyang"), e.srv.URL+loc); status != http.StatusNotFound {
		t.Errorf("Mianyang's official opening Chengdu's event: %d, want 404", status)
	}
}

// On the event page the official adds a project and links its city's deal
// by number (the page links to the deal); another city's deal and a number
// that is no deal are refused with the message.
func TestEventPageAddsProjectAndLinksDeal(t *testing.T) {
	e := newProgrammeEnv(t)
	c := MustClient(t, e.srv, "chengdu")
	_, loc, _ := MustPost(t, c, e.srv.URL+"/events/new", eventForm("高校专利展示周", "锂电池正极材料"))
	loc, _, _ = strings.Cut(loc, "?")
	status, next, body := MustPost(t, c, e.srv.URL+loc+"/projects", url.Values{"project_title": {"茶叶杀青机"}, "project_org": {"四川大学"}})
	if status != http.StatusSeeOther {
		t.Fatalf("add project: %d\n%s", status, body)
	}
	status, _, body = MustPost(t, c, e.srv.URL+loc+"/projects", url.Values{"project_title": {"茶叶杀青机"}})
	if status != http.StatusConflict {
		t.Errorf("the same project again: %d, want 409", status)
	}
	mustContain(t, body, `id="event-error"`)
	id := itoa(e.chengduDeal.ID)
	if status, next, body = MustPost(t, c, e.srv.URL+loc+"/deals", url.Values{"deal_id": {id}}); status != http.StatusSeeOther {
		t.Fatalf("link deal: %d\n%s", status, body)
	}
	_, body = MustGet(t, c, e.srv.URL+next)
	mustContain(t, body, "路演项目（2）", "茶叶杀青机", `href="/deals/`+id+`"`, "活动后达成的交易（1）",
		e.chengduDeal.AppNo, "成都芯动科技有限公司", "<td>10</td>", `<td class="date">2026-06-30</td>`)
	status, _, body = MustPost(t, c, e.srv.URL+loc+"/deals", url.Values{"deal_id": {"abc"}})
	if status != http.StatusBadRequest {
		t.Errorf("a deal number that is no number: %d, want 400", status)
	}
	mustContain(t, body, `data-field="交易编号"`, "交易编号 &#34;abc&#34; 无效")
	status, _, body = MustPost(t, c, e.srv.URL+loc+"/deals", url.Values{"deal_id": {itoa(e.mianyangDeal.ID)}})
	if status == http.StatusSeeOther {
		t.Error("a Chengdu official linked Mianyang's deal")
	}
	mustContain(t, body, `id="event-error"`, "活动后达成的交易（1）")
	if status, _, body = MustPost(t, c, e.srv.URL+loc+"/deals/"+id+"/unlink", nil); status != http.StatusSeeOther {
		t.Fatalf("unlink: %d\n%s", status, body)
	}
	_, body = MustGet(t, c, e.srv.URL+loc)
	mustContain(t, body, "活动后达成的交易（0）", "还没有关联交易")
	if status, _, _ = MustPost(t, c, e.srv.URL+"/events/999/deals", url.Values{"deal_id": {id}}); status != http.StatusNotFound {
		t.Errorf("linking to an event that does not exist: %d, want 404", status)
	}
}

// A form without its date, or with an unknown kind, comes back with 400 and
// the message naming the column in Chinese, the values typed kept; nothing
// is stored.
func TestEventFormNamesTheBadField(t *testing.T) {
	e := newProgrammeEnv(t)
	c := MustClient(t, e.srv, "chengdu")
	f := eventForm("路演专场", "锂电池正极材料")
	f.Set("held_on", "")
	status, _, body := MustPost(t, c, e.srv.URL+"/events/new", f)
	if status != http.StatusBadRequest {
		t.Fatalf("no date: %d\n%s", status, body)
	}
	mustContain(t, body, `data-field="活动日期"`, "请填写活动日期", `value="路演专场"`, `value="锂电池正极材料"`)
	f = eventForm("路演专场", "锂电池正极材料")
	f.Set("held_on", "2027-01-05")
	_, _, body = MustPost(t, c, e.srv.URL+"/events/new", f)
	mustContain(t, body, `data-field="活动日期"`, "晚于今天")
	f = eventForm("", "锂电池正极材料")
	_, _, body = MustPost(t, c, e.srv.URL+"/events/new", f)
	mustContain(t, body, `data-field="活动名称"`, "请填写活动名称")
	_, body = MustGet(t, c, e.srv.URL+"/events")
	mustContain(t, body, "共 0 场")
}

// The event file's bad row is rejected with the summary on the page, and the
// report to download names its line and column; the good rows are one event.
func TestEventUploadReportsTheBadRow(t *testing.T) {
	e := newProgrammeEnv(t)
	c := MustClient(t, e.srv, "chengdu")
	file := []byte("活动名称,活动类型,地区代码,活动日期,主办单位,参与人数,项目名称,申请号,项目单位\n" +
		"成果路演,路演,5101,2026-05-12,四川大学,80,锂电池正极材料,,四川大学\n" +
		"成果路演,路演,5101,2026-05-12,四川大学,80,茶叶杀青机,,四川大学\n" +
		"成果路演二,沙龙,5101,2026-05-13,四川大学,80,光伏背板,,四川大学\n")
	status, body := MustUpload(t, c, e.srv.URL+"/events/import", "活动登记表.csv", file)
	if status != http.StatusOK {
		t.Fatalf("upload: %d\n%s", status, body)
	}
	mustContain(t, body, "活动登记表.csv：读取 3 行，新增 2 行", "拒绝 1 行", "共 1 场")
	report := rejectsReport(t, body, "event-rejects")
	mustContain(t, report, "活动登记表.csv,4,活动类型,沙龙,")
	if status, _ := MustUpload(t, MustClient(t, e.srv, "firm"), e.srv.URL+"/events/import", "活动登记表.csv", file); status != http.StatusForbidden {
		t.Errorf("an enterprise user uploading: %d, want 403", status)
	}
}

// rejectsReport decodes the page's reject report (a data: URL) of the link with the id.
func rejectsReport(t *testing.T, body, id string) string {
	t.Helper()
	m := regexp.MustCompile(`href="data:text/csv;charset=utf-8;base64,([^"]+)"[^>]*id="` + id + `"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no reject report %s on the page:\n%s", id, body)
	}
	b, err := base64.StdEncoding.DecodeString(html.UnescapeString(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// caseForm is a filled-in case form of Chengdu published on the day.
func caseForm(title, published string) url.Values {
	return url.Values{"title": {title}, "city": {"5101"}, "published_on": {published},
		"body": {"四川大学将锂电池正极材料专利转让给成都芯动科技。\n当年实现产值 3000 万元。"}}
}

// An anonymous visitor reads a published case, from the list and its page,
// but neither sees nor opens one published later; its city's official sees
// both, another city's official the published one.
func TestPublishedCasesArePublic(t *testing.T) {
	e := newProgrammeEnv(t)
	c := MustClient(t, e.srv, "chengdu")
	f := caseForm("锂电池专利转化案例", "2026-11-01")
	f.Set("deal_ids", itoa(e.chengduDeal.ID))
	status, published, body := MustPost(t, c, e.srv.URL+"/cases/new", f)
	if status != http.StatusSeeOther {
		t.Fatalf("create: %d\n%s", status, body)
	}
	_, scheduled, _ := MustPost(t, c, e.srv.URL+"/cases/new", caseForm("茶叶机械专利许可案例", "2026-12-15"))
	anon := MustClient(t, e.srv, "")
	status, body = MustGet(t, anon, e.srv.URL+"/cases")
	if status != 200 {
		t.Fatalf("list: %d\n%s", status, body)
	}
	mustContain(t, body, "共 1 个", "锂电池专利转化案例")
	if strings.Contains(body, "茶叶机械专利许可案例") || strings.Contains(body, "登记典型案例") {
		t.Error("the anonymous list shows the scheduled case or the form's link")
	}
	status, body = MustGet(t, anon, e.srv.URL+published)
	if status != 200 {
		t.Fatalf("published case: %d\n%s", status, body)
	}
	mustContain(t, body, "锂电池专利转化案例", "<p>当年实现产值 3000 万元。</p>", "交易 "+itoa(e.chengduDeal.ID))
	if strings.Contains(body, `href="/deals/`) {
		t.Error("an anonymous visitor is offered the deal's officials-only page")
	}
	if status, _ := MustGet(t, anon, e.srv.URL+scheduled); status != http.StatusNotFound {
		t.Errorf("an anonymous visitor opening a scheduled case: %d, want 404", status)
	}
	_, body = MustGet(t, c, e.srv.URL+"/cases")
	mustContain(t, body, "共 2 个", "茶叶机械专利许可案例", "（待发布）")
	_, body = MustGet(t, c, e.srv.URL+published)
	mustContain(t, body, `href="/deals/`+itoa(e.chengduDeal.ID)+`"`)
	_, body = MustGet(t, MustClient(t, e.srv, "mianyang"), e.srv.URL+"/cases?city=5101")
	mustContain(t, body, "共 1 个", "锂电池专利转化案例")
	_, body = MustGet(t, anon, e.srv.URL+"/")
	mustContain(t, body, `href="/cases"`)
	if strings.Contains(body, `href="/events"`) {
		t.Error("an anonymous visitor's navigation offers the events")
	}
}

// A case form naming a deal number that is not one comes back with 400 naming 关联交易编号.
func TestCaseFormNamesTheBadField(t *testing.T) {
	e := newProgrammeEnv(t)
	f := caseForm("锂电池专利转化案例", "2026-11-01")
	f.Set("deal_ids", "12a")
	status, _, body := MustPost(t, MustClient(t, e.srv, "chengdu"), e.srv.URL+"/cases/new", f)
	if status != http.StatusBadRequest {
		t.Fatalf("bad deal number: %d\n%s", status, body)
	}
	mustContain(t, body, `data-field="关联交易编号"`, `value="12a"`)
	f.Set("deal_ids", "")
	f.Set("body", "")
	_, _, body = MustPost(t, MustClient(t, e.srv, "chengdu"), e.srv.URL+"/cases/new", f)
	mustContain(t, body, `data-field="正文"`, "请填写正文")
}

// The case file's row naming a deal that does not exist is rejected by line
// and column; the good row is a case.
func TestCaseUploadReportsTheBadRow(t *testing.T) {
	e := newProgrammeEnv(t)
	file := []byte("标题,正文,地区代码,发布日期,关联交易编号\n" +
		"锂电池专利转化案例,四川大学专利转让给成都芯动科技。,5101,2026-11-01," + itoa(e.chengduDeal.ID) + "\n" +
		"不存在的交易案例,正文,5101,2026-11-02,99999\n")
	status, body := MustUpload(t, MustClient(t, e.srv, "admin"), e.srv.URL+"/cases/import", "典型案例.csv", file)
	if status != http.StatusOK {
		t.Fatalf("upload: %d\n%s", status, body)
	}
	mustContain(t, body, "典型案例.csv：读取 2 行，新增 1 个", "拒绝 1 行", "共 1 个", "锂电池专利转化案例")
	mustContain(t, rejectsReport(t, body, "case-rejects"), "典型案例.csv,3,关联交易编号,")
}

// An enterprise user is refused every officials' page and form.
func TestProgrammePagesRefuseEnterprises(t *testing.T) {
	e := newProgrammeEnv(t)
	firm := MustClient(t, e.srv, "firm")
	for _, p := range []string{"/events", "/events/new", "/cases/new", "/pilot-bases", "/listings"} {
		if status, _ := MustGet(t, firm, e.srv.URL+p); status != http.StatusForbidden {
			t.Errorf("GET %s: %d, want 403", p, status)
		}
	}
	if status, _, _ := MustPost(t, firm, e.srv.URL+"/events/new", eventForm("企业活动", "项目")); status != http.StatusForbidden {
		t.Errorf("POST /events/new: %d, want 403", status)
	}
	if status, _, _ := MustPost(t, firm, e.srv.URL+"/cases/new", caseForm("企业案例", "2026-11-01")); status != http.StatusForbidden {
		t.Errorf("POST /cases/new: %d, want 403", status)
	}
	if status, _ := MustGet(t, firm, e.srv.URL+"/cases"); status != 200 {
		t.Errorf("GET /cases: %d, want 200 (public)", status)
	}
}

// A pilot base is recorded through the form and listed by city; a form
// without its date names 成立日期.
func TestPilotBaseForm(t *testing.T) {
	e := newProgrammeEnv(t)
	c := MustClient(t, e.srv, "chengdu")
	status, loc, body := MustPost(t, c, e.srv.URL+"/pilot-bases", url.Values{"name": {"四川大学锂电材料中试基地"}, "organization": {"四川大学"},
		"city": {"5101"}, "established_on": {"2026-03-01"}})
	if status != http.StatusSeeOther {
		t.Fatalf("create: %d\n%s", status, body)
	}
	_, body = MustGet(t, c, e.srv.URL+loc)
	mustContain(t, body, `id="pilot-base-done"`, "共 1 个", "四川大学锂电材料中试基地", "成都市", "2026-03-01")
	status, _, body = MustPost(t, c, e.srv.URL+"/pilot-bases", url.Values{"name": {"另一个基地"}, "organization": {"四川大学"}, "city": {"5101"}})
	if status != http.StatusBadRequest {
		t.Errorf("no date: %d, want 400", status)
	}
	mustContain(t, body, `data-field="成立日期"`, `value="另一个基地"`)
	_, body = MustGet(t, MustClient(t, e.srv, "mianyang"), e.srv.URL+"/pilot-bases")
	mustContain(t, body, "共 0 个")
}

// An enterprise of the registry is screened into the 科创板 pipeline and
// advanced one stage with the button; the stage filter finds it there.
func TestListingPipelineAdvances(t *testing.T) {
	e := newProgrammeEnv(t)
	c := MustClient(t, e.srv, "chengdu")
	status, loc, body := MustPost(t, c, e.srv.URL+"/listings", url.Values{"organization": {"成都芯动科技有限公司"}, "screened_on": {"2026-02-01"}})
	if status != http.StatusSeeOther {
		t.Fatalf("screen: %d\n%s", status, body)
	}
	_, body = MustGet(t, c, e.srv.URL+loc)
	mustContain(t, body, "共 1 家", "成都芯动科技有限公司", "入库培育", "进入“重点跟踪”")
	id := regexp.MustCompile(`action="/listings/(\d+)/advance"`).FindStringSubmatch(body)
	if id == nil {
		t.Fatalf("no advance button:\n%s", body)
	}
	status, _, body = MustPost(t, c, e.srv.URL+"/listings/"+id[1]+"/advance", url.Values{"to": {"listed"}, "on": {"2026-06-01"}})
	if status != http.StatusBadRequest {
		t.Errorf("skipping a stage: %d, want 400", status)
	}
	mustContain(t, body, `id="listing-error"`, "只能进入下一阶段")
	if status, _, body = MustPost(t, c, e.srv.URL+"/listings/"+id[1]+"/advance", url.Values{"to": {"followed"}, "on": {"2026-06-01"}}); status != http.StatusSeeOther {
		t.Fatalf("advance: %d\n%s", status, body)
	}
	_, body = MustGet(t, c, e.srv.URL+"/listings?stage=followed")
	mustContain(t, body, "共 1 家", "2026-06-01", "进入“成功上市”")
	_, body = MustGet(t, c, e.srv.URL+"/listings?stage=screened")
	mustContain(t, body, "共 0 家")
	status, _, body = MustPost(t, c, e.srv.URL+"/listings", url.Values{"organization": {"不存在的公司"}, "screened_on": {"2026-02-01"}})
	if status != http.StatusNotFound {
		t.Errorf("an enterprise not in the registry: %d, want 404", status)
	}
	mustContain(t, body, `id="listing-error"`)
}

// The event page offers the template of its upload: the XLSX's header is the
// importer's columns and, filled in with a row, it uploads as an event; the
// CSV is the same header; an enterprise user cannot download it.
func TestEventTemplateFilledInImports(t *testing.T) {
	e := newProgrammeEnv(t)
	c := MustClient(t, e.srv, "chengdu")
	_, body := MustGet(t, c, e.srv.URL+"/events")
	mustContain(t, body, `href="/events/template.xlsx"`, `href="/events/template.csv"`)
	rows := MustGetXLSX(t, c, e.srv.URL+"/events/template.xlsx")
	if len(rows) != 1 || len(rows[0]) != 9 || rows[0][0] != "活动名称" || rows[0][8] != "项目单位" {
		t.Fatalf("template rows = %q", rows)
	}
	sheet := [][]any{{}, {"成果路演", "路演", "5101", "2026-05-12", "四川大学", "80", "锂电池正极材料", "", "四川大学"}}
	for _, h := range rows[0] {
		sheet[0] = append(sheet[0], h)
	}
	status, body := MustUpload(t, c, e.srv.URL+"/events/import", "对接活动登记导入模板.xlsx", MustWorkbook(t, sheet))
	if status != http.StatusOK {
		t.Fatalf("upload: %d\n%s", status, body)
	}
	mustContain(t, body, "读取 1 行，新增 1 行", "拒绝 0 行", "共 1 场", "成果路演")
	_, csv := MustGet(t, c, e.srv.URL+"/events/template.csv")
	if !strings.HasPrefix(csv, "\ufeff活动名称,活动类型,地区代码,活动日期,主办单位,参与人数,项目名称,申请号,项目单位") {
		t.Errorf("template.csv = %q", csv)
	}
	_, csv = MustGet(t, c, e.srv.URL+"/cases/template.csv")
	if !strings.HasPrefix(csv, "\ufeff标题,正文,地区代码,发布日期,关联交易编号") {
		t.Errorf("cases template.csv = %q", csv)
	}
	firm := MustClient(t, e.srv, "firm")
	for _, p := range []string{"/events/template.xlsx", "/cases/template.csv"} {
		if status, _ := MustGet(t, firm, e.srv.URL+p); status != http.StatusForbidden {
			t.Errorf("an enterprise user downloading %s: %d, want 403", p, status)
		}
	}
}
