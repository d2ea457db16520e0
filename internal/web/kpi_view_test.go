package web_test

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/web"
)

// kpiLink is a figure's drill-down link and the figure it shows.
var kpiLink = regexp.MustCompile(`<a href="(/kpi/records\?[^"]+)"[^>]*>([0-9.]+)</a>`)

// kpiRow is the table row of the dashboard that starts at marker.
func kpiRow(t *testing.T, body, marker string) string {
	t.Helper()
	i := strings.Index(body, marker)
	if i < 0 {
		t.Fatalf("no %s in the page", marker)
	}
	row := body[i:]
	return row[:strings.Index(row, "</tr>")]
}

// A city official's province figures open no list (the records behind them
// are not all its city's), with a note saying so; its own city's figures
// link to lists whose counts are the figures.
func TestKPICityOfficialDrillsDownItsOwnCityOnly(t *testing.T) {
	e := newKPIEnv(t)
	city := MustClient(t, e.srv, "chengdu")
	_, body := MustGet(t, city, e.srv.URL+"/kpi?year=2026")
	overview := body[strings.Index(body, `id="kpi-overview"`):strings.Index(body, `id="cities"`)]
	if strings.Contains(overview, "/kpi/records") {
		t.Errorf("a city official's province figures link to records")
	}
	mustContain(t, overview, `id="kpi-province-note"`, "省级明细仅省级管理员可查看", `data-id="sme_received_conversions" data-value="3"`)
	if strings.Contains(body[strings.Index(body, `id="kpi-trends"`):strings.Index(body, `id="cities"`)], "/kpi/records") {
		t.Errorf("a city official's province trend columns link to records")
	}
	row := kpiRow(t, body, `data-code="510100"`)
	links := kpiLink.FindAllStringSubmatch(row, -1)
	if len(links) == 0 {
		t.Fatalf("Chengdu's figures link nowhere: %s", row)
	}
	for _, l := range links {
		href := strings.ReplaceAll(l[1], "&amp;", "&")
		_, recs := MustGet(t, city, e.srv.URL+href)
		mustContain(t, recs, "成都市 2026 年", "构成该数字的记录共 "+l[2]+" 条")
	}
	if strings.Contains(kpiRow(t, body, `data-code="510600"`), "/kpi/records") {
		t.Errorf("Deyang's figures link for the Chengdu official")
	}
	_, ind := MustGet(t, city, e.srv.URL+"/kpi/indicators/sme_received_conversions?year=2026")
	mustContain(t, ind, `<span id="kpi-province-value" title="省级明细仅省级管理员可查看">3</span>`, `href="/kpi/records?city=510100&amp;id=sme_received_conversions&amp;year=2026"`)
	if strings.Contains(ind, `href="/kpi/records?id=`) {
		t.Errorf("the indicator page links the province's records for a city official")
	}

	// The admin's province figures keep their links, with no note.
	_, body = MustGet(t, MustClient(t, e.srv, "admin"), e.srv.URL+"/kpi?year=2026")
	mustContain(t, body, `<a href="/kpi/records?id=sme_received_conversions&amp;year=2026" class="kpi-value">3</a>`)
	if strings.Contains(body, `id="kpi-province-note"`) {
		t.Errorf("the admin sees the city officials' note")
	}
}

// Sorting the city table by 市（州） descending reverses the code order, with
// a group selected or not.
func TestKPICityTableSortsByCodeDescending(t *testing.T) {
	e := newKPIEnv(t)
	admin := MustClient(t, e.srv, "admin")
	for _, q := range []string{"sort=code&desc=1", "group=质押融资&sort=code&desc=1"} {
		_, body := MustGet(t, admin, e.srv.URL+"/kpi?year=2026&"+q)
		codes := regexp.MustCompile(`class="kpi-city" data-code="(\d+)"`).FindAllStringSubmatch(body, -1)
		if len(codes) != 21 || codes[0][1] != "513400" || codes[20][1] != "510100" {
			t.Errorf("%s: %d rows, first %v, last %v", q, len(codes), codes[0], codes[len(codes)-1])
		}
	}
	_, body := MustGet(t, admin, e.srv.URL+"/kpi?year=2026&sort=code")
	if c, d := strings.Index(body, `data-code="510100"`), strings.Index(body, `data-code="513400"`); c > d {
		t.Errorf("ascending: Chengdu at %d after Liangshan at %d", c, d)
	}
}

// A receiver counted by its name, not in the registry, has no 编号: its row
// says 未入名录 and links nowhere, on the page and in the report.
func TestKPIRecordWithoutRegistryIDShowsNoZero(t *testing.T) {
	e := newKPIEnv(t)
	sme := true
	d := "2020100000" + "99"
	err := e.users.DB.CreateDeal(patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI), &patentbridge.Deal{
		AppNo: d + patentbridge.AppNoCheckChar(d), Kind: patentbridge.DealTransfer, FromName: "四川大学", FromType: patentbridge.PartyUniversity,
		ToName: "雅安茶业科技有限公司", ToType: patentbridge.PartyEnterprise, ToSME: &sme, AmountFen: 10_0000_00,
		ContractDate: time.Date(2026, 4, 25, 0, 0, 0, 0, patentbridge.Beijing)})
	if err != nil {
		t.Fatal(err)
	}
	admin := MustClient(t, e.srv, "admin")
	_, body := MustGet(t, admin, e.srv.URL+"/kpi/records?id=smes_reached&year=2026")
	row := kpiRow(t, body, `data-kind="organization" data-id=""`)
	mustContain(t, row, "<td>未入名录</td>", "雅安茶业科技有限公司")
	if strings.Contains(body, `data-id="0"`) || strings.Contains(body, "/organizations/0") || strings.Contains(body, "<td>0</td>") {
		t.Errorf("a record without registry id shows 0: %s", row)
	}

	res, err := admin.Get(e.srv.URL + "/kpi/report?year=2026&format=xlsx")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(patentbridge.KPIGroupService + "明细")
	found := false
	for _, r := range rows {
		if len(r) > 5 && r[5] == "雅安茶业科技有限公司" {
			found = true
			if r[3] != "未入名录" {
				t.Errorf("the report's 编号 of an enterprise not in the registry: %q", r[3])
			}
		}
	}
	if !found {
		t.Errorf("the report lists no 雅安茶业科技有限公司: %v", rows)
	}
}

// kpiStub serves a report whose 2026 pledge amount is one loan of
// 1,000,000.01 元 (100.000001 万元) in Chengdu.
type kpiStub struct{ patentbridge.KPIService }

func (kpiStub) KPIReport(_ context.Context, year int) (*patentbridge.KPIReport, error) {
	area := func(code, name string, amount float64) patentbridge.KPIArea {
		a := patentbridge.KPIArea{Code: code, Name: name}
		for _, k := range patentbridge.KPIs {
			v := patentbridge.KPIValue{ID: k.ID}
			if k.ID == "pledge_amount" && year == 2026 {
				v.Value = amount
			}
			a.Indicators = append(a.Indicators, v)
		}
		return a
	}
	return &patentbridge.KPIReport{Year: year, Province: area("51", "四川省", 100.000001),
		Cities:     []patentbridge.KPIArea{area("510100", "成都市", 100.000001), area("510600", "德阳市", 0)},
		Unassigned: area(patentbridge.KPIUnassigned, "未知市（州）", 0)}, nil
}

func (kpiStub) KPIRecords(_ context.Context, f patentbridge.KPIFilter) ([]*patentbridge.KPIRecord, int, error) {
	if f.ID != "pledge_amount" || f.Year != 2026 || (f.City != "" && f.City[:4] != "5101") {
		return nil, 0, nil
	}
	return []*patentbridge.KPIRecord{{Kind: "loan", ID: 7, City: "5101", Date: time.Date(2026, 3, 1, 0, 0, 0, 0, patentbridge.Beijing),
		Title: "成都银行", Party: "成都芯动科技有限公司", Amount: 100_000_001}}, 1, nil
}

// A 万元 amount to the fen (six decimals) shows the same on the dashboard,
// the city table, the indicator page and its charts, and the drill-down rows.
func TestKPIPledgeAmountShowsTheSameExactValueEverywhere(t *testing.T) {
	users := httpxtest.NewUserService(t)
	users.MustUser(t, "admin", patentbridge.RoleAdmin)
	w, err := web.New(web.Deps{Now: clock, Users: users, Ref: refdata.Default(), Logger: quiet, KPIs: kpiStub{}})
	if err != nil {
		t.Fatal(err)
	}
	srv := MustServe(t, w, users)
	admin := MustClient(t, srv, "admin")
	_, body := MustGet(t, admin, srv.URL+"/kpi?year=2026&group=质押融资")
	mustContain(t, kpiRow(t, body, `data-id="pledge_amount"`), `data-value="100.000001"`, `>100.000001</a>`)
	mustContain(t, kpiRow(t, body, `data-code="510100"`), `>100.000001</a>`)
	mustContain(t, body, `data-label="2026" data-value="100.000001"`)
	_, ind := MustGet(t, admin, srv.URL+"/kpi/indicators/pledge_amount?year=2026")
	mustContain(t, ind, `id="kpi-province-value">100.000001</a>`, `data-label="成都市" data-value="100.000001"`,
		"成都市：100.000001万元", "合计 100.000001万元")
	_, recs := MustGet(t, admin, srv.URL+"/kpi/records?id=pledge_amount&year=2026")
	mustContain(t, recs, "四川省 2026 年 专利质押融资金额：100.000001 万元", `<td class="num">100.000001</td>`)
}
