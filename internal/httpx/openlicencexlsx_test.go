package httpx_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// sheet builds a workbook from rows.
func sheet(t *testing.T, rows [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		for j, v := range row {
			c, _ := excelize.CoordinatesToCellName(j+1, i+1)
			f.SetCellStr("Sheet1", c, v)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Each row of an open-licence batch is checked alone: bad rows are named by
// row and column in Chinese, good rows become declarations. (Rows 3–7 repeat
// row 2's patent but are refused for their own fields first.)
func TestReadOpenLicencesXLSX(t *testing.T) {
	head := []string{"申请号", "许可使用费支付方式", "固定费用（元）", "提成比例（%）", "报告周期（月）", "许可期限起", "许可期限止", "确认无妨碍情形",
		"延期月数", "延期后支付方式"}
	b := sheet(t, [][]string{head,
		{"2019107654324", "净销售额提成", "", "3.5", "6", "2027-01-01", "2031-12-31", "是"},
		{"2019107654328", "净销售额提成", "", "3", "6", "2027-01-01", "2031-12-31", "是"},                 // check character
		{"2019107654324", "净销售额提成", "", "20.01", "6", "2027-01-01", "2031-12-31", "是"},             // above 20%
		{"2019107654324", "固定费用", "20000000.01", "", "", "2027-01-01", "2031-12-31", "是"},          // above 20 million
		{"2019107654324", "以物易物", "", "", "", "2027-01-01", "2031-12-31", "是"},                     // method
		{"2019107654324", "免费", "", "", "", "2027-13-01", "2031-12-31", "是"},                       // date
		{"2019107654339", "先使用后付费", "", "5", "3", "2027-01-01", "2031-12-31", "是", "12", "净销售额提成"}, // good
		{"2019107654343", "固定费用", "20000000", "", "", "2027-01-01", "2031-12-31", ""},              // good: 20 million
	})
	rows, rejects, err := httpx.ReadOpenLicencesXLSX("batch.xlsx", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0].Line != 2 || rows[1].Line != 8 || rows[2].Line != 9 {
		t.Fatalf("rows = %+v", rows)
	}
	if f := rows[1].Declaration.Fee; f.Method != patentbridge.FeeDeferred || f.GraceMonths != 12 || f.Then == nil || f.Then.RateBP != 500 {
		t.Errorf("deferred row = %+v", f)
	}
	if rows[0].Declaration.Fee.RateBP != 350 || len(rows[0].Declaration.Confirmations) != 5 {
		t.Errorf("first row = %+v", rows[0].Declaration)
	}
	want := map[int]string{3: "申请号", 4: "提成比例（%）", 5: "固定费用（元）", 6: "许可使用费支付方式", 7: "许可期限起"}
	if len(rejects) != len(want) {
		t.Fatalf("rejects = %+v", rejects)
	}
	for _, rj := range rejects {
		if want[rj.Line] != rj.Column || !strings.HasPrefix(rj.Reason, "第") || !strings.Contains(rj.Reason, rj.Column) {
			t.Errorf("row %d: column %q reason %q, want column %q", rj.Line, rj.Column, rj.Reason, want[rj.Line])
		}
	}
	if _, _, err := httpx.ReadOpenLicencesXLSX("x.xlsx", bytes.NewReader(sheet(t, [][]string{{"专利名称"}}))); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
		t.Errorf("no 申请号 column: %v", err)
	}
	tpl, err := httpx.OpenLicenceTemplateXLSX()
	if err != nil {
		t.Fatal(err)
	}
	if rows, rejects, err := httpx.ReadOpenLicencesXLSX("template.xlsx", bytes.NewReader(tpl)); err != nil || len(rows) != 1 || len(rejects) != 0 {
		t.Errorf("the template's example row: %v %+v %+v", err, rows, rejects)
	}
}

// A row repeating an earlier row's patent is refused, naming both rows, even
// when the earlier row was itself refused; the first row stands.
func TestReadOpenLicencesXLSXDuplicatePatent(t *testing.T) {
	head := []string{"申请号", "许可使用费支付方式", "提成比例（%）", "报告周期（月）", "许可期限起", "许可期限止", "确认无妨碍情形"}
	good := func(appNo string) []string {
		return []string{appNo, "净销售额提成", "3", "6", "2027-01-01", "2031-12-31", "是"}
	}
	b := sheet(t, [][]string{head,
		good("2019107654324"),
		{"2019107654339", "净销售额提成", "25", "6", "2027-01-01", "2031-12-31", "是"}, // above 20%
		good("2019107654343"),
		good("ZL 201910765432.4"), // row 2's patent written otherwise
		good("2019107654339"),     // row 3's patent, row 3 refused
	})
	rows, rejects, err := httpx.ReadOpenLicencesXLSX("batch.xlsx", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Line != 2 || rows[1].Line != 4 {
		t.Fatalf("rows = %+v", rows)
	}
	want := map[int]string{3: "提成比例（%）", 5: "已在第2行声明", 6: "已在第3行声明"}
	if len(rejects) != len(want) {
		t.Fatalf("rejects = %+v", rejects)
	}
	for _, rj := range rejects {
		if !strings.Contains(rj.Reason, want[rj.Line]) || !strings.HasPrefix(rj.Reason, "第") {
			t.Errorf("row %d: %q, want it to say %q", rj.Line, rj.Reason, want[rj.Line])
		}
		if rj.Line != 3 && (rj.Column != "申请号" || !strings.HasPrefix(rj.Reason, "第"+strconv.Itoa(rj.Line)+"行")) {
			t.Errorf("row %d: column %q reason %q", rj.Line, rj.Column, rj.Reason)
		}
	}
}
