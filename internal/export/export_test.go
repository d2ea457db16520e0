package export_test

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/export"
	"patentbridge/internal/refdata"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// sampleItems are two sleeping patents modelled on real Sichuan university records.
func sampleItems() []*patentbridge.SleepingItem {
	return []*patentbridge.SleepingItem{
		{
			Patent: &patentbridge.Patent{
				AppNo: "2019105123458", Kind: patentbridge.KindInvention, Title: "一种锂离子电池硅碳负极材料的制备方法",
				GrantDate: day(2021, 3, 5), RegionCode: "510107",
				Patentees: []patentbridge.Party{{Name: "四川大学", Type: patentbridge.PartyUniversity},
					{Name: "中国科学院成都有机化学研究所", Type: patentbridge.PartyInstitute}},
			},
			Result: &patentbridge.ScreeningResult{Sleeping: true, Grade: "A", Score: 87.456,
				Flags:   []string{"战略性新兴产业"},
				Classes: patentbridge.Classification{Sichuan51: []string{"先进材料"}, Advantage6: []string{"先进材料"}, SEI: []string{"3.2"}}},
		},
		{
			Patent: &patentbridge.Patent{
				AppNo: "2018214336721", Kind: patentbridge.KindUtility, Title: "一种茶叶杀青装置",
				GrantDate: day(2019, 6, 18), RegionCode: "511802",
				Applicants: []patentbridge.Party{{Name: "四川农业大学", Type: patentbridge.PartyUniversity}},
			},
			Result: &patentbridge.ScreeningResult{Sleeping: true, Grade: "C", Score: 41,
				Classes: patentbridge.Classification{Agri103: []string{"川茶"}, Agricultural: true}},
		},
	}
}

// MustWriteSleeping runs every item through a SleepingWriter.
func MustWriteSleeping(tb testing.TB, w export.SleepingWriter, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
	for _, it := range sampleItems() {
		if err := w.Write(it); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
}

// MustOpenXLSX parses a workbook.
func MustOpenXLSX(tb testing.TB, b []byte) *excelize.File {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		tb.Fatalf("workbook does not parse: %v", err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

// assertDateCell checks that a cell holds a date serial with a date number format.
func assertDateCell(tb testing.TB, f *excelize.File, sheet, cell, want string) {
	tb.Helper()
	raw, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		tb.Fatal(err)
	}
	if raw == "" || strings.Contains(raw, "-") {
		tb.Errorf("%s raw value %q is not a date serial number", cell, raw)
	}
	id, _ := f.GetCellStyle(sheet, cell)
	st, err := f.GetStyle(id)
	if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != export.DateFormat {
		tb.Errorf("%s has no date number format (style %d: %+v)", cell, id, st)
	}
	if got, _ := f.GetCellValue(sheet, cell); got != want {
		tb.Errorf("%s shows %q, want %q", cell, got, want)
	}
}

func TestSleepingCSV(t *testing.T) {
	var buf bytes.Buffer
	w, err := export.NewSleepingCSV(&buf, refdata.Default())
	MustWriteSleeping(t, w, err)
	if !bytes.HasPrefix(buf.Bytes(), []byte("\xEF\xBB\xBF")) {
		t.Fatalf("CSV lacks the UTF-8 BOM: % x", buf.Bytes()[:3])
	}
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"申请号", "专利名称", "专利类型", "专利权人", "权利人类型", "城市", "授权公告日", "等级", "分值", "所属产业", "高价值标志"},
		{"201910512345.8", "一种锂离子电池硅碳负极材料的制备方法", "发明", "四川大学；中国科学院成都有机化学研究所", "大专院校；科研单位",
			"成都市", "2021-03-05", "A", "87.5", "5+1：先进材料；六大优势产业：先进材料；战略性新兴产业：3.2", "战略性新兴产业"},
		{"201821433672.1", "一种茶叶杀青装置", "实用新型", "四川农业大学", "大专院校", "雅安市", "2019-06-18", "C", "41",
			"10+3：川茶；涉农专利", ""},
	}
	if len(recs) != len(want) {
		t.Fatalf("got %d records, want %d", len(recs), len(want))
	}
	for i := range want {
		if strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d\n got %q\nwant %q", i, recs[i], want[i])
		}
	}
}

func TestSleepingXLSX(t *testing.T) {
	var buf bytes.Buffer
	w, err := export.NewSleepingXLSX(&buf, refdata.Default(), exportTime)
	MustWriteSleeping(t, w, err)
	f := MustOpenXLSX(t, buf.Bytes())
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "沉睡专利" {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows("沉睡专利")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][0] != "申请号" || rows[0][10] != "高价值标志" {
		t.Fatalf("rows %q", rows)
	}
	if rows[1][1] != "一种锂离子电池硅碳负极材料的制备方法" || rows[2][5] != "雅安市" {
		t.Errorf("Chinese text altered: %q", rows[1:])
	}
	assertDateCell(t, f, "沉睡专利", "G2", "2021-03-05")
	if v, _ := f.GetCellValue("沉睡专利", "I2", excelize.Options{RawCellValue: true}); v != "87.5" {
		t.Errorf("score cell %q, want the number 87.5", v)
	}
	if wd, _ := f.GetColWidth("沉睡专利", "B"); wd < 40 {
		t.Errorf("title column width %v", wd)
	}
	if id, _ := f.GetCellStyle("沉睡专利", "A1"); id == 0 {
		t.Errorf("header row has no style")
	}
}

func TestSupplyListXLSX(t *testing.T) {
	l := &patentbridge.SupplyList{ID: 7, Title: "2026年高校院所新材料专利", Description: "面向中小企业推广的A级专利",
		Status: patentbridge.ListWithdrawn, Year: 2026, Number: 3, PublishedAt: day(2026, 4, 2),
		WithdrawnAt: day(2026, 4, 20), WithdrawReason: "部分专利已转让"}
	for _, it := range sampleItems() {
		si := patentbridge.NewSupplyItem(it)
		l.Items = append(l.Items, si)
	}
	l.Items[1].Note = "可许可"
	var buf bytes.Buffer
	if err := export.WriteSupplyListXLSX(&buf, l, refdata.Default(), exportTime); err != nil {
		t.Fatal(err)
	}
	f := MustOpenXLSX(t, buf.Bytes())
	const sh = "供给清单"
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "四川省专利技术供给清单（2026年第3期）" {
		t.Errorf("heading %q", rows[0][0])
	}
	assertDateCell(t, f, sh, "B3", "2026-04-02")
	var header int
	for i, r := range rows {
		if len(r) > 0 && r[0] == "序号" {
			header = i
		}
	}
	if header == 0 || len(rows) != header+3 {
		t.Fatalf("no header row or wrong item count in %q", rows)
	}
	joined := strings.Join(rows[3], "")
	if !strings.Contains(joined, "已撤回") || !strings.Contains(joined, "部分专利已转让") {
		t.Errorf("withdrawal not stated: %q", rows[3])
	}
	item := rows[header+2]
	if item[0] != "2" || item[2] != "一种茶叶杀青装置" || item[4] != "雅安市" || item[10] != "可许可" {
		t.Errorf("item row %q", item)
	}
	assertDateCell(t, f, sh, "F"+strconv.Itoa(header+2), "2021-03-05")
}

// A title or a patentee's name that a spreadsheet would run as a formula is
// written as text in the CSV and the XLSX export alike.
func TestExportsDefuseFormulaCells(t *testing.T) {
	items := sampleItems()
	items[0].Patent.Title = "=cmd|' /C calc'!A0"
	items[0].Patent.Patentees[0].Name = "@SUM(1+1)"
	write := func(w export.SleepingWriter, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			if err := w.Write(it); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	var c bytes.Buffer
	write(export.NewSleepingCSV(&c, refdata.Default()))
	recs, err := csv.NewReader(bytes.NewReader(c.Bytes()[3:])).ReadAll()
	if err != nil || recs[1][1] != "'=cmd|' /C calc'!A0" || !strings.HasPrefix(recs[1][3], "'@SUM") {
		t.Errorf("CSV row = %q, %v", recs[1], err)
	}
	var x bytes.Buffer
	write(export.NewSleepingXLSX(&x, refdata.Default(), exportTime))
	f := MustOpenXLSX(t, x.Bytes())
	if v, _ := f.GetCellValue("沉睡专利", "B2"); v != "'=cmd|' /C calc'!A0" {
		t.Errorf("XLSX title cell = %q", v)
	}
	if formula, _ := f.GetCellFormula("沉睡专利", "B2"); formula != "" {
		t.Errorf("XLSX title cell holds the formula %q", formula)
	}
}
