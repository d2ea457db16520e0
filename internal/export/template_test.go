package export

import (
	"bytes"
	"encoding/csv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestTemplatesHoldTheColumnsAndExplainThem(t *testing.T) {
	header, example := []string{"申请号", "交易类型", "受让方地区代码"}, []string{"2021109876548", "转让", "510107"}
	var x bytes.Buffer
	err := WriteTemplateXLSX(&x, "转移转化", header, example, []bool{true, true, false},
		[][]string{{"申请号", "专利号"}, {"交易类型"}, {"受让方地区代码", "地区代码"}}, time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("转移转化")
	if err != nil || len(rows) != 1 || len(rows[0]) != 3 || rows[0][2] != "受让方地区代码" {
		t.Fatalf("the data sheet %q %v", rows, err)
	}
	notes, err := f.GetRows(TemplateNotesSheet)
	if err != nil || len(notes) < 4 || notes[1][0] != "申请号" || notes[1][1] != "必填" || notes[1][2] != "2021109876548" || notes[1][3] != "专利号" ||
		notes[3][1] != "选填" || notes[3][2] != "510107" {
		t.Fatalf("notes %q %v", notes, err)
	}
	var c bytes.Buffer
	if err := WriteTemplateCSV(&c, header); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(c.Bytes(), []byte("\ufeff")))).ReadAll()
	if err != nil || len(recs) != 1 || recs[0][1] != "交易类型" {
		t.Errorf("CSV %q %v", recs, err)
	}
}
