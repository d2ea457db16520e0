package httpx_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/export"
	"patentbridge/internal/httpx"
)

// pushTime is the service clock's time the test push lists are exported at.
var pushTime = time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)

// An enterprise whose registry name a spreadsheet would run as a formula is
// written as text in the push list.
func TestPushListDefusesFormulaCells(t *testing.T) {
	rows := []patentbridge.EnterprisePush{{Enterprise: patentbridge.Enterprise{Name: "=cmd|' /C calc'!A0", Park: "成都高新区"},
		Items: []patentbridge.PushItem{{AppNo: "2022232206652", Title: "一种锂电池", Score: 0.9, Reason: "经营范围含：锂电池"}}}}
	var buf bytes.Buffer
	if err := httpx.WritePushListXLSX(&buf, "推送清单", rows, pushTime); err != nil {
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

// A push list names the platform as its author, is dated at the export time
// (not excelize's 2006-09-16 template date), and shows the patents'
// application numbers in their dotted form.
func TestPushListAuthorAndAppNumbers(t *testing.T) {
	rows := []patentbridge.EnterprisePush{{Enterprise: patentbridge.Enterprise{Name: "成都某光伏科技有限公司", Park: "成都高新区"},
		Items: []patentbridge.PushItem{{AppNo: "2022232206652", Title: "一种光伏组件", Score: 0.9, Reason: "经营范围含：光伏组件"}}}}
	var buf bytes.Buffer
	if err := httpx.WritePushListXLSX(&buf, "推送清单", rows, pushTime); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if p, err := f.GetDocProps(); err != nil || p.Creator != export.Author {
		t.Errorf("author %q (%v), want %q", p.Creator, err, export.Author)
	} else if p.Created != "2026-11-27T09:30:00Z" || p.Modified != p.Created {
		t.Errorf("created %q, modified %q; want the export time", p.Created, p.Modified)
	}
	if v, _ := f.GetCellValue(f.GetSheetList()[0], "H3"); v != "202223220665.2" {
		t.Errorf("application number cell = %q, want 202223220665.2", v)
	}
}
