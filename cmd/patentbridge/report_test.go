package main

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/sqldb"
)

// reportDB is a database with two years of deals and a screened sleeping
// pool: a university's transfer to a Chengdu SME in 2025 and 2026, an SOE's
// licence to a Deyang SME in 2026.
func reportDB(t *testing.T) string {
	t.Helper()
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "pb.db")
	ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, o := range []*patentbridge.Organization{
		{Name: "四川大学", Type: patentbridge.PartyUniversity, CityCode: "5101"},
		{Name: "东方电气集团有限公司", Type: patentbridge.PartySOE, CityCode: "5106"},
		{Name: "成都芯动科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101", SME: true},
		{Name: "德阳精工机械有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5106", SME: true},
	} {
		if err := db.CreateOrganization(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []*patentbridge.Deal{
		{AppNo: reportAppNo(1), Kind: patentbridge.DealTransfer, FromName: "四川大学", FromType: patentbridge.PartyUniversity,
			ToName: "成都芯动科技有限公司", ToType: patentbridge.PartyEnterprise, AmountFen: 30_0000_00, ContractDate: day(2025, 6, 1)},
		{AppNo: reportAppNo(2), Kind: patentbridge.DealTransfer, FromName: "四川大学", FromType: patentbridge.PartyUniversity,
			ToName: "成都芯动科技有限公司", ToType: patentbridge.PartyEnterprise, AmountFen: 30_0000_00, ContractDate: day(2026, 6, 1)},
		{AppNo: reportAppNo(3), Kind: patentbridge.DealOrdinary, FromName: "东方电气集团有限公司", FromType: patentbridge.PartySOE,
			ToName: "德阳精工机械有限公司", ToType: patentbridge.PartyEnterprise, ContractDate: day(2026, 8, 1)},
	} {
		if err := db.CreateDeal(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	httpxtest.MustScreen(t, db, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), httpxtest.SamplePatents()...)
	return dsn
}

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, patentbridge.Beijing)
}

// `report kpi --format json` prints the year's figures for the province and
// all 21 市(州), with previous year, growth, target and met.
func TestReportKPIJSON(t *testing.T) {
	dsn := reportDB(t)
	code, out, errOut := MustRun(t, nil, "report", "kpi", "--db", dsn, "--year", "2026", "--format", "json")
	if code != 0 {
		t.Fatalf("report: %d %s", code, errOut)
	}
	var rep struct {
		Year     int `json:"year"`
		Province struct {
			Indicators []map[string]any `json:"indicators"`
		} `json:"province"`
		Cities []struct {
			Code       string           `json:"code"`
			Name       string           `json:"name"`
			Indicators []map[string]any `json:"indicators"`
		} `json:"cities"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if rep.Year != 2026 || len(rep.Cities) != 21 || rep.Cities[0].Code != "510100" || rep.Cities[0].Name != "成都市" {
		t.Fatalf("report of %d, %d cities, first %+v", rep.Year, len(rep.Cities), rep.Cities[0].Code)
	}
	find := func(vs []map[string]any, id string) map[string]any {
		for _, v := range vs {
			if v["id"] == id {
				return v
			}
		}
		t.Fatalf("no %s", id)
		return nil
	}
	sme := find(rep.Province.Indicators, "sme_received_conversions")
	for _, key := range []string{"value", "previous", "growth", "target", "met"} {
		if _, ok := sme[key]; !ok {
			t.Errorf("indicator without %q: %v", key, sme)
		}
	}
	if sme["value"] != 2.0 || sme["previous"] != 1.0 || sme["growth"] != 100.0 || sme["target"] != 20.0 || sme["met"] != true {
		t.Errorf("province sme_received_conversions: %v", sme)
	}
	var deyang map[string]any
	for _, c := range rep.Cities {
		if c.Code == "510600" {
			deyang = find(c.Indicators, "sme_received_conversions")
		}
	}
	if deyang["value"] != 1.0 || deyang["growth"] != nil || deyang["new"] != true || deyang["met"] != true {
		t.Errorf("Deyang (新增): %v", deyang)
	}
	if v := find(rep.Province.Indicators, "sleeping_pool_size"); v["value"].(float64) < 1 {
		t.Errorf("sleeping pool: %v", v)
	}
	code, out, _ = MustRun(t, nil, "report", "kpi", "--db", dsn, "--year", "2026", "--city", "5106")
	if code != 0 || !strings.Contains(out, `"510600"`) || strings.Contains(out, `"510100"`) {
		t.Errorf("Deyang's report: %d %s", code, out)
	}
	if code, _, errOut := MustRun(t, nil, "report", "kpi", "--db", dsn, "--year", "2026", "--city", "3301"); code == 0 || !strings.Contains(errOut, "市（州）") {
		t.Errorf("an unknown city: %d %s", code, errOut)
	}
}

// `report kpi --format xlsx` writes a workbook with the summary, the figures
// of every city, a sheet of records per group whose rows are the records
// counted, and native charts.
func TestReportKPIXLSX(t *testing.T) {
	dsn := reportDB(t)
	path := filepath.Join(t.TempDir(), "kpi.xlsx")
	if code, _, errOut := MustRun(t, nil, "report", "kpi", "--db", dsn, "--year", "2026", "-o", path); code != 0 {
		t.Fatalf("report: %d %s", code, errOut)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	want := []string{"汇总", "各市（州）", "转移转化明细", "质押融资明细", "供需对接明细", "服务体系明细"}
	if strings.Join(sheets, ",") != strings.Join(want, ",") {
		t.Fatalf("sheets %v", sheets)
	}
	rows, _ := f.GetRows("汇总")
	var sme []string
	for _, r := range rows {
		if len(r) > 8 && r[0] == "sme_received_conversions" {
			sme = r
		}
	}
	if sme == nil || sme[4] != "2" || sme[5] != "1" || sme[6] != "+100%" || sme[8] != "达标" {
		t.Errorf("summary row: %v", sme)
	}
	deals, _ := f.GetRows("转移转化明细")
	var counted int
	for _, r := range deals[1:] {
		if r[0] == "中小企业受让高校院所和国企专利" {
			counted++
			if r[2] != "转移转化（交易）" {
				t.Errorf("record row %v", r)
			}
		}
	}
	if counted != 2 {
		t.Errorf("%d records behind a figure of 2", counted)
	}
	if charts := chartParts(t, path); charts != 5 {
		t.Errorf("%d native charts in the workbook, want the summary's and one per group", charts)
	}
	cities, _ := f.GetRows("各市（州）")
	if len(cities) < 24 || cities[1][1] != "成都市" || cities[22][1] != "未能归属市（州）" || cities[23][1] != "四川省" {
		t.Errorf("city sheet: %d rows", len(cities))
	}
}

// reportAppNo is a valid invention application number of 2019.
func reportAppNo(serial int) string {
	d := fmt.Sprintf("20191%07d", serial)
	return d + patentbridge.AppNoCheckChar(d)
}

// chartParts counts the chart parts of an XLSX file.
func chartParts(t *testing.T, path string) int {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	n := 0
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, "xl/charts/chart") {
			n++
		}
	}
	return n
}

// A year that is no year is refused in Chinese, with the usage, before the
// database is opened; so is one before the records' first year.
func TestReportKPIRefusesABadYear(t *testing.T) {
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "none.db")
	for _, y := range []string{"abc", "1984"} {
		code, out, errOut := MustRun(t, nil, "report", "kpi", "--db", dsn, "--year", y)
		if code != 2 || out != "" || !strings.Contains(errOut, "--year") || !strings.Contains(errOut, "1985") ||
			!strings.Contains(errOut, "用法") || strings.Contains(errOut, "invalid value") || strings.Contains(errOut, "Usage") {
			t.Errorf("--year %s: %d %q", y, code, errOut)
		}
	}
}
