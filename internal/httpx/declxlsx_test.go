package httpx_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// testToday is the service's date the workbook tests read declarations on.
var testToday = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

func TestReadDeclarationsXLSXDateCells(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"类型", "申请号", "实施方式", "实施起始日期"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"已实施", "2022232206652", "自行实施", time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)})
	f.SetSheetRow("Sheet1", "A3", &[]any{"已实施", "2022232206652", "自行实施", "2024/3/1"})
	f.SetSheetRow("Sheet1", "A4", &[]any{"正当理由", "2022232206652"})
	f.SetSheetRow("Sheet1", "A5", &[]any{"已实施", "2022232206652", "自行实施", "2030-01-01"})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	rows, rejects, err := httpx.ReadDeclarationsXLSX("声明.xlsx", &buf, testToday)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Line != 2 || rows[1].Line != 3 {
		t.Fatalf("rows = %+v", rows)
	}
	for _, r := range rows {
		if got := patentbridge.FormatDate(r.Declaration.Since); got != "2024-03-01" {
			t.Errorf("row %d: since %s", r.Line, got)
		}
	}
	if len(rejects) != 2 || rejects[0].Line != 4 || rejects[0].Column != "理由" {
		t.Fatalf("rejects = %+v", rejects)
	}
	if r := rejects[1]; r.Line != 5 || r.Column != "实施起始日期" || r.Reason != "实施起始日期 2030-01-01 晚于今天（2026-11-27）：已实施声明只能登记已经开始的实施，请在开始实施后再声明" {
		t.Errorf("a start after today: %+v", r)
	}
	if _, _, err := httpx.ReadDeclarationsXLSX("声明.xlsx", bytes.NewReader([]byte("not a workbook")), testToday); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
		t.Errorf("garbage: err %v", err)
	}
}
