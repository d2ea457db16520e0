package ingest

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"patentbridge"
)

// excelSerial returns the Excel serial day number of a date.
func excelSerial(t time.Time) float64 {
	return float64(t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)) / (24 * time.Hour))
}

// MustSheet writes rows to the first sheet of a new workbook at path.
func MustSheet(tb testing.TB, path string, rows [][]any) {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			tb.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		tb.Fatal(err)
	}
}

func TestReadDemandsXLSX(t *testing.T) {
	next := testNow.AddDate(1, 0, 0) // deadlines a year after the test clock, whatever today is
	deadline := time.Date(next.Year(), 6, 30, 0, 0, 0, 0, time.UTC)
	rows := [][]any{
		{"序号", "需求名称", "需求描述", "所属行业", "地区代码", "预算下限(万元)", "预算上限(万元)", "截止日期", "联系方式", "需求单位"},
		{1, "川茶鲜叶自动分级设备", "需要一套按嫩度自动分级川茶鲜叶的设备，处理能力每小时500公斤以上。", "川茶", "511800", 50, 120.4, excelSerial(deadline), "李经理 0835-2220000", "雅安市名山区茶业有限公司"},
		{2, "预算倒挂的需求", "寻求白酒酿造副产物丢糟的高值化综合利用技术方案。", "川酒", "510500", 300, 100, "", "", "泸州某酒业公司"},
		{},
		{4, "锂电池隔膜涂覆", "太短", "先进材料", "510100", "", "", "", "", "成都某公司"},
		{5, "磷化工废渣资源化利用技术", "寻求磷石膏无害化处理与建材化利用的成熟技术，要求可工业化。", "能源化工", "5106", "八十", "", "", "", "德阳某化工公司"},
		{6, "页岩气压裂返排液处理", "需要一种页岩气压裂返排液的低成本处理与回用工艺。", "能源化工", "511500", "", "", deadline.Format("2006/1/2"), "王工", "宜宾某能源公司"},
	}
	path := filepath.Join(t.TempDir(), "需求征集.xlsx")
	MustSheet(t, path, rows)
	ds, rejects, err := ReadDemands(path, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 {
		t.Fatalf("read %d demands, want 2: %+v; rejects %+v", len(ds), ds, rejects)
	}
	d := ds[0]
	if d.Title != "川茶鲜叶自动分级设备" || d.Industry != "川茶" || d.RegionCode != "511800" || d.BudgetMin != 50 ||
		d.BudgetMax != 120 || !d.Deadline.Equal(deadline) || d.Contact != "李经理 0835-2220000" || d.Enterprise != "雅安市名山区茶业有限公司" {
		t.Errorf("first demand = %+v", d)
	}
	if !ds[1].Deadline.Equal(deadline) || ds[1].Title != "页岩气压裂返排液处理" {
		t.Errorf("text date: %+v", ds[1])
	}
	want := []struct {
		line         int
		column, part string
	}{
		{3, "预算上限(万元)", "不能高于预算上限"},
		{5, "需求描述", "至少10个字"},
		{6, "预算下限(万元)", "应为数字"},
	}
	if len(rejects) != len(want) {
		t.Fatalf("rejects = %+v", rejects)
	}
	for i, w := range want {
		r := rejects[i]
		if r.Line != w.line || r.Column != w.column || !strings.Contains(r.Reason, w.part) || r.File != "需求征集.xlsx" {
			t.Errorf("reject %d = %+v, want line %d column %s reason ~%s", i, r, w.line, w.column, w.part)
		}
	}
}

func TestReadDemandsGBKCSVAndBadFiles(t *testing.T) {
	csv := "标题,需求描述,所属行业,地区代码,需求单位\n" +
		"猕猴桃保鲜冷链技术,寻求猕猴桃采后保鲜与冷链运输的成熟技术，延长货架期到60天。,川果,510700,苍溪某果业公司\n"
	b, err := simplifiedchinese.GBK.NewEncoder().String(csv)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := MustWriteFile(t, dir, "demands.csv", []byte(b))
	ds, rejects, err := ReadDemands(path, testNow)
	if err != nil || len(rejects) != 0 || len(ds) != 1 {
		t.Fatalf("ReadDemands = %+v, %+v, %v", ds, rejects, err)
	}
	if ds[0].Title != "猕猴桃保鲜冷链技术" || ds[0].Industry != "川果" || ds[0].Enterprise != "苍溪某果业公司" {
		t.Errorf("GBK row read as %+v", ds[0])
	}
	notDemands := MustWriteFile(t, dir, "patents.csv", []byte("申请号,专利名称\nCN202223220665.2,一种装置\n"))
	if _, _, err := ReadDemands(notDemands, testNow); patentbridge.ErrorCode(err) != patentbridge.EINVALID ||
		!strings.Contains(patentbridge.ErrorMessage(err), "需求名称") {
		t.Errorf("file without 需求名称: %v", err)
	}
	if _, _, err := ReadDemands(filepath.Join(dir, "missing.xlsx"), testNow); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
		t.Errorf("missing file: %v", err)
	}
}

// testNow is the clock of the demand tests: their deadlines lie after it.
var testNow = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

// A budget cell too large to store is refused by its size, not read as an
// overflowed (negative) number.
func TestParseWanRefusesHugeBudgets(t *testing.T) {
	for _, tt := range []struct {
		in     string
		want   int64
		reason string
	}{
		{"80万元", 80, ""},
		{"1,200", 1200, ""},
		{"1e20", 0, "预算不能超过100000000万元"},
		{"99999999999999999999", 0, "预算不能超过100000000万元"},
		{"-5", 0, "预算不能为负数"},
		{"许多", 0, "预算应为数字（单位：万元）"},
	} {
		if got, reason := parseWan(tt.in); got != tt.want || reason != tt.reason {
			t.Errorf("parseWan(%q) = %d %q, want %d %q", tt.in, got, reason, tt.want, tt.reason)
		}
	}
}
