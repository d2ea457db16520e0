package ingest

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/workbook/workbooktest"
)

// bombHeader has the required columns of every importer here, so a bomb gets
// as far as any of them would take a real file.
var bombHeader = []string{"申请号", "专利名称", "需求名称", "需求描述", "企业名称", "统一社会信用代码", "单位名称"}

// bombImporters are the importers that read XLSX, by the name the child knows them by.
var bombImporters = []string{"patents", "demands", "enterprises", "soe"}

// Every XLSX importer (patents, demands, the enterprise registry, SOE/SME lists)
// refuses every bomb with the Chinese message naming the file, in a child
// process whose peak resident memory stays under workbooktest.MaxPeak.
func TestXLSXBombsInEveryImporter(t *testing.T) {
	dir := t.TempDir()
	for _, b := range workbooktest.Bombs {
		path := filepath.Join(dir, b.Name+".xlsx")
		b.Write(t, path, bombHeader)
		for _, kind := range bombImporters {
			t.Run(b.Name+"/"+kind, func(t *testing.T) {
				res, peak := workbooktest.RunChild(t, "TestXLSXBombChild", "BOMB_FILE="+path, "BOMB_KIND="+kind)
				t.Logf("peak RSS %d MB", peak>>20)
				if !strings.Contains(res, "文件 "+b.Name+".xlsx 超出 Excel 导入的安全限制") || !strings.Contains(res, b.Refusal) {
					t.Errorf("%s import of %s: %s; want %q", kind, b.Name, res, b.Refusal)
				}
				if peak > workbooktest.MaxPeak {
					t.Errorf("peak RSS %d MB, over %d MB", peak>>20, workbooktest.MaxPeak>>20)
				}
			})
		}
	}
}

// TestXLSXBombChild is TestXLSXBombsInEveryImporter's child process: it imports
// BOMB_FILE with the BOMB_KIND importer and reports the error.
func TestXLSXBombChild(t *testing.T) {
	if !workbooktest.IsChild() {
		t.Skip("runs only as the child process of TestXLSXBombsInEveryImporter")
	}
	path, ctx := os.Getenv("BOMB_FILE"), context.Background()
	opt := patentbridge.ImportOptions{Rejects: io.Discard}
	var err error
	switch os.Getenv("BOMB_KIND") {
	case "patents":
		_, err = NewImporter(newFakeStore(t), nil, nil).ImportFiles(ctx, []string{path}, opt)
	case "demands":
		_, _, err = ReadDemands(path, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	case "enterprises":
		_, err = ImportEnterprises(ctx, &fakeEnterprises{}, []string{path}, opt)
	case "soe":
		_, err = ImportOrganizations(ctx, &fakeOrgs{}, []string{path}, "soe", opt)
	}
	if err == nil {
		workbooktest.Report("imported")
		return
	}
	workbooktest.Report(patentbridge.ErrorMessage(err))
}
