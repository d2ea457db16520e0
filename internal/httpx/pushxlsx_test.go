package httpx_test

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// An enterprise whose registry name a spreadsheet would run as a formula is
// written as text in the push list.
func TestPushListDefusesFormulaCells(t *testing.T) {
	rows := []patentbridge.EnterprisePush{{Enterprise: patentbridge.Enterprise{Name: "=cmd|' /C calc'!A0", Park: "成都高新区"},
		Items: []patentbridge.PushItem{{AppNo: "2022232206652", Title: "一种锂电池", Score: 0.9, Reason: "经营范围含：锂电池"}}}}
	var buf bytes.Buffer
	if err := httpx.WritePushListXLSX(&buf, "推送清单", rows); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[0]
	if v, _ := f.GetCellValue(sheet, "B3"); v != "'=cmd|' /C calc'!A0" {
		t.Errorf("enterprise cell = %q, want it as text", v)
	}
}
