package workbook

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/workbook/workbooktest"
)

// Each bomb is opened, as the importers open workbooks, in a child process whose
// peak resident memory must stay under workbooktest.MaxPeak; so is each workbook
// just inside the limits, which must open and be read whole.
func TestBombMemory(t *testing.T) {
	dir := t.TempDir()
	for _, b := range append(workbooktest.Bombs, workbooktest.NearLimits...) {
		t.Run(b.Name, func(t *testing.T) {
			path := filepath.Join(dir, b.Name+".xlsx")
			b.Write(t, path, []string{"申请号", "专利名称"})
			res, peak := workbooktest.RunChild(t, "TestBombMemoryChild", "BOMB_FILE="+path)
			t.Logf("%s: peak RSS %d MB (%s)", b.Name, peak>>20, res)
			if b.Refusal == "" && !strings.HasPrefix(res, "opened") || !strings.Contains(res, b.Refusal) {
				t.Errorf("child: %s; want %q", res, b.Refusal)
			}
			if peak > workbooktest.MaxPeak {
				t.Errorf("peak RSS %d MB, over %d MB", peak>>20, workbooktest.MaxPeak>>20)
			}
		})
	}
}

// TestBombMemoryChild is TestBombMemory's child process: it opens BOMB_FILE
// and reads every row, reporting the error or how many rows it read.
func TestBombMemoryChild(t *testing.T) {
	if !workbooktest.IsChild() {
		t.Skip("runs only as the child process of TestBombMemory")
	}
	f, _, err := Open(os.Getenv("BOMB_FILE"))
	if err != nil {
		workbooktest.Report(patentbridge.ErrorMessage(err))
		return
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetList()[0])
	if err != nil {
		workbooktest.Report(err.Error())
		return
	}
	n, size := 0, 0
	for rows.Next() {
		cols, err := rows.Columns()
		if err != nil {
			workbooktest.Report(err.Error())
			return
		}
		for _, c := range cols {
			size += len(c)
		}
		n++
	}
	workbooktest.Report(fmt.Sprintf("opened: %d rows, %d MB of values", n, size>>20))
}
