package httpx_test

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/export"
	"patentbridge/internal/httpx"
)

// An enterprise whose registry name a spreadsheet would run as a formula is
// written as text in the push list.
func TestPushListDefusesFormulaCells(t *testing.T) {
	rows := []httpx.PushRow{{EnterpriseMatch: patentbridge.EnterpriseMatch{Score: 0.9, Reasons: []string{"经营范围含：锂电池"},
		Enterprise: patentbridge.Enterprise{Name: "=cmd|' /C calc'!A0", Park: "成都高新区"}}, Patents: []string{"2022232206652"}}}
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

// A push list names the platform as its author and shows the patents'
// application numbers in their dotted form.
func TestPushListAuthorAndAppNumbers(t *testing.T) {
	rows := []httpx.PushRow{{EnterpriseMatch: patentbridge.EnterpriseMatch{Score: 0.9, Reasons: []string{"经营范围含：光伏组件"},
		Enterprise: patentbridge.Enterprise{Name: "成都某光伏科技有限公司", Park: "成都高新区"}}, Patents: []string{"2022232206652"}}}
	var buf bytes.Buffer
	if err := httpx.WritePushListXLSX(&buf, "推送清单", rows); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if p, err := f.GetDocProps(); err != nil || p.Creator != export.Author {
		t.Errorf("author %q (%v), want %q", p.Creator, err, export.Author)
	}
	if v, _ := f.GetCellValue(f.GetSheetList()[0], "J3"); v != "202223220665.2" {
		t.Errorf("patents cell = %q, want 202223220665.2", v)
	}
}
