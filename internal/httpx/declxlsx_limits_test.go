package httpx_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/httpx"
	"patentbridge/internal/workbook/workbooktest"
)

// A bulk-declaration workbook that is a bomb is refused with the Chinese message
// naming the upload, in a child process whose peak resident memory stays under
// workbooktest.MaxPeak.
func TestDeclarationBombs(t *testing.T) {
	dir := t.TempDir()
	for _, b := range workbooktest.Bombs {
		t.Run(b.Name, func(t *testing.T) {
			path := filepath.Join(dir, b.Name+".xlsx")
			b.Write(t, path, []string{"申请号", "类型"})
			res, peak := workbooktest.RunChild(t, "TestDeclarationBombChild", "BOMB_FILE="+path)
			t.Logf("peak RSS %d MB", peak>>20)
			if !strings.Contains(res, "文件 声明.xlsx 超出 Excel 导入的安全限制") || !strings.Contains(res, b.Refusal) {
				t.Errorf("declarations from %s: %s; want %q", b.Name, res, b.Refusal)
			}
			if peak > workbooktest.MaxPeak {
				t.Errorf("peak RSS %d MB, over %d MB", peak>>20, workbooktest.MaxPeak>>20)
			}
		})
	}
}

// TestDeclarationBombChild is TestDeclarationBombs' child process: it reads
// BOMB_FILE as the web upload does (whole, then from memory) and reports.
func TestDeclarationBombChild(t *testing.T) {
	if !workbooktest.IsChild() {
		t.Skip("runs only as the child process of TestDeclarationBombs")
	}
	b, err := os.ReadFile(os.Getenv("BOMB_FILE"))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = httpx.ReadDeclarationsXLSX("声明.xlsx", bytes.NewReader(b), testToday)
	workbooktest.Report(patentbridge.ErrorMessage(err))
}

// A declaration's text over its limit rejects that row only, with the row
// number, the column and the start of the value.
func TestDeclarationTextOverItsLimit(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"申请号", "类型", "理由", "说明"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"2022232206652", "正当理由", "其他", strings.Repeat("说", 1001)})
	f.SetSheetRow("Sheet1", "A3", &[]any{"2022232206652", "正当理由", "其他", strings.Repeat("说", 1000)})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	rows, rejects, err := httpx.ReadDeclarationsXLSX("声明.xlsx", &buf, testToday)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Line != 3 || len(rejects) != 1 {
		t.Fatalf("rows %+v, rejects %+v", rows, rejects)
	}
	if r := rejects[0]; r.File != "声明.xlsx" || r.Line != 2 || r.Column != "说明" || !strings.Contains(r.Reason, "不能超过1000个字符") || len([]rune(r.Value)) > 200 {
		t.Errorf("reject = %s line %d column %q reason %q, value of %d characters", r.File, r.Line, r.Column, r.Reason, len([]rune(r.Value)))
	}
}

// One upload holds at most 50,000 declarations.
func TestDeclarationRowsCapped(t *testing.T) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"申请号", "类型", "理由"})
	for i := 2; i <= 50_002; i++ {
		c, _ := excelize.CoordinatesToCellName(1, i)
		sw.SetRow(c, []any{"2022232206652", "正当理由", "正在洽谈"})
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if _, _, err := httpx.ReadDeclarationsXLSX("声明.xlsx", &buf, testToday); !strings.Contains(patentbridge.ErrorMessage(err), "一次最多导入 50000 条声明") {
		t.Errorf("50,001 declarations: %v", err)
	}
}
