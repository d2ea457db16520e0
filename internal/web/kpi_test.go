package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/web"
)

// kpiEnv is the web UI over a store with deals in Chengdu and Deyang over two
// years, an admin, a Chengdu official and an enterprise user.
type kpiEnv struct {
	srv   *httptest.Server
	users *httpxtest.UserService
}

func newKPIEnv(t *testing.T) *kpiEnv {
	t.Helper()
	e := &kpiEnv{users: httpxtest.NewUserService(t)}
	db := e.users.DB
	cli := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	for _, o := range []*patentbridge.Organization{
		{Name: "四川大学", Type: patentbridge.PartyUniversity, CityCode: "5101"},
		{Name: "东方电气集团有限公司", Type: patentbridge.PartySOE, CityCode: "5106"},
		{Name: "成都芯动科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101", SME: true},
		{Name: "德阳精工机械有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5106", SME: true},
	} {
		if err := db.CreateOrganization(cli, o); err != nil {
			t.Fatal(err)
		}
	}
	deal := func(serial int, from string, ft patentbridge.PartyType, to string, on time.Time) {
		d := "2020100000" + string(rune('0'+serial/10)) + string(rune('0'+serial%10))
		err := db.CreateDeal(cli, &patentbridge.Deal{AppNo: d + patentbridge.AppNoCheckChar(d), Kind: patentbridge.DealTransfer, FromName: from, FromType: ft,
			ToName: to, ToType: patentbridge.PartyEnterprise, AmountFen: 10_0000_00, ContractDate: on})
		if err != nil {
			t.Fatal(err)
		}
	}
	bj := func(y int, m time.Month, d int) time.Time {
		return time.Date(y, m, d, 0, 0, 0, 0, patentbridge.Beijing)
	}
	deal(1, "四川大学", patentbridge.PartyUniversity, "成都芯动科技有限公司", bj(2025, 5, 1))
	deal(2, "四川大学", patentbridge.PartyUniversity, "成都芯动科技有限公司", bj(2026, 5, 1))
	deal(3, "东方电气集团有限公司", patentbridge.PartySOE, "德阳精工机械有限公司", bj(2026, 6, 1))
	deal(4, "东方电气集团有限公司", patentbridge.PartySOE, "德阳精工机械有限公司", bj(2026, 7, 1))
	e.users.MustUser(t, "admin", patentbridge.RoleAdmin)
	e.users.MustUser(t, "chengdu", patentbridge.RoleCity, "5101")
	e.users.MustUser(t, "firm", patentbridge.RoleEnterprise)
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: e.users, Ref: refdata.Default(), Logger: quiet, KPIs: db, Ledger: db, Deals: db})
	if err != nil {
		t.Fatal(err)
	}
	e.srv = MustServe(t, w, e.users)
	return e
}

// The dashboard shows the province's figures with their growth and whether
// each target is met, every figure linking to its records, and the 21
// 市(州) sortable by an indicator; the drill-down lists exactly the records
// counted.
func TestKPIDashboardDrillsDownToTheRecords(t *testing.T) {
	e := newKPIEnv(t)
	admin := MustClient(t, e.srv, "admin")
	status, body := MustGet(t, admin, e.srv.URL+"/kpi?year=2026")
	if status != 200 {
		t.Fatalf("status %d: %s", status, body)
	}
	mustContain(t, body, `data-id="sme_received_conversions" data-value="3"`, "&#43;200%", "达标",
		`href="/kpi/records?id=sme_received_conversions&amp;year=2026"`, `id="trend-sme_received_conversions"`, "<svg")
	// Deyang (two deals) before Chengdu (one) when sorted by the indicator, descending.
	_, sorted := MustGet(t, admin, e.srv.URL+"/kpi?year=2026&group=转移转化&sort=sme_received_conversions&desc=1")
	if d, c := strings.Index(sorted, `data-code="510600"`), strings.Index(sorted, `data-code="510100"`); d < 0 || c < 0 || d > c {
		t.Errorf("Deyang at %d, Chengdu at %d in the sorted table", d, c)
	}
	mustContain(t, sorted, "新增") // Deyang had none in 2025

	_, recs := MustGet(t, admin, e.srv.URL+"/kpi/records?id=sme_received_conversions&year=2026&city=510600")
	mustContain(t, recs, "德阳市 2026 年 中小企业受让高校院所和国企专利：2 件", "构成该数字的记录共 2 条", "东方电气集团有限公司 → 德阳精工机械有限公司")
	if n := strings.Count(recs, `class="kpi-record"`); n != 2 {
		t.Errorf("%d record rows behind a figure of 2", n)
	}
	_, ind := MustGet(t, admin, e.srv.URL+"/kpi/indicators/sme_received_conversions?year=2026")
	mustContain(t, ind, "口径：", `id="by-city"`, `data-label="德阳市" data-value="2"`)

	// A city official sees its own city's records only; others may not enter.
	city := MustClient(t, e.srv, "chengdu")
	_, cityRecs := MustGet(t, city, e.srv.URL+"/kpi/records?id=licences_transfers&year=2026")
	if n := strings.Count(cityRecs, `class="kpi-record"`); n != 1 {
		t.Errorf("the Chengdu official sees %d deals", n)
	}
	if status, _ := MustGet(t, MustClient(t, e.srv, "firm"), e.srv.URL+"/kpi"); status != http.StatusForbidden {
		t.Errorf("an enterprise opens the dashboard: %d", status)
	}
	if status, _ := MustGet(t, admin, e.srv.URL+"/kpi?year=abc"); status != http.StatusBadRequest {
		t.Errorf("a bad year: %d", status)
	}
	if status, _ := MustGet(t, admin, e.srv.URL+"/kpi?year=1985"); status != http.StatusOK { // the records' first year
		t.Errorf("year 1985: %d", status)
	}
	if status, body := MustGet(t, admin, e.srv.URL+"/kpi?year=1984"); status != http.StatusBadRequest || !strings.Contains(body, "1985") {
		t.Errorf("year 1984: %d", status)
	}
}

// The report downloads as the workbook the command line writes; the admin
// publishes the year's figures to the ledger and sets a year's target.
func TestKPIReportDownloadPublishAndTargets(t *testing.T) {
	e := newKPIEnv(t)
	admin := MustClient(t, e.srv, "admin")
	res, err := admin.Get(e.srv.URL + "/kpi/report?year=2026&format=xlsx")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), "kpi-2026.xlsx") {
		t.Fatalf("download: %d %q", res.StatusCode, res.Header.Get("Content-Disposition"))
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if rows, _ := f.GetRows("转移转化明细"); len(rows) < 4 {
		t.Errorf("records sheet has %d rows", len(rows))
	}
	f.Close()

	status, loc, _ := MustPost(t, admin, e.srv.URL+"/kpi/publish", url.Values{"year": {"2026"}})
	if status != http.StatusSeeOther || !strings.Contains(loc, "published=") {
		t.Fatalf("publish: %d %s", status, loc)
	}
	_, body := MustGet(t, admin, e.srv.URL+loc)
	mustContain(t, body, `id="kpi-published"`, "公共账本第")
	status, _, again := MustPost(t, admin, e.srv.URL+"/kpi/publish", url.Values{"year": {"2026"}})
	if status != http.StatusConflict || !strings.Contains(again, "无需重复公示") {
		t.Errorf("the same figures published again: %d", status)
	}

	status, loc, _ = MustPost(t, admin, e.srv.URL+"/kpi/targets", url.Values{"id": {"univ_to_sme_conversions"}, "year": {"2026"}, "target": {"1"}})
	if status != http.StatusSeeOther {
		t.Fatalf("set target: %d", status)
	}
	_, body = MustGet(t, admin, e.srv.URL+"/kpi?year=2026")
	if !strings.Contains(body, `data-id="univ_to_sme_conversions" data-value="1"`) {
		t.Fatalf("no univ_to_sme row")
	}
	row := body[strings.Index(body, `data-id="univ_to_sme_conversions"`):]
	row = row[:strings.Index(row, "</tr>")]
	mustContain(t, row, ">1<", "达标")
	status, _, body = MustPost(t, admin, e.srv.URL+"/kpi/targets", url.Values{"id": {"univ_to_sme_conversions"}, "year": {"2026"}, "target": {"很多"}})
	if status != http.StatusBadRequest || !strings.Contains(body, "目标值应为数字") {
		t.Errorf("a target that is no number: %d", status)
	}
}

// The programme's records are one navigation entry for officials, whose page
// links every kind's list, form, upload and template; others do not see it.
func TestProgrammeHubLinksEveryRecordKind(t *testing.T) {
	e := newKPIEnv(t)
	admin := MustClient(t, e.srv, "admin")
	status, body := MustGet(t, admin, e.srv.URL+"/kpi")
	if status != 200 || !strings.Contains(body, `href="/programme"`) {
		t.Fatalf("the dashboard's navigation lacks 运营记录: %d", status)
	}
	_, body = MustGet(t, admin, e.srv.URL+"/programme")
	mustContain(t, body, `id="programme-sections"`, "转移转化（交易）", `href="/deals/import"`)
	if status, _ := MustGet(t, MustClient(t, e.srv, "firm"), e.srv.URL+"/programme"); status != http.StatusForbidden {
		t.Errorf("an enterprise opens the hub: %d", status)
	}
}
