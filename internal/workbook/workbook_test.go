package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/workbook/workbooktest"
)

// An ordinary workbook (excelize's own, with shared strings, numbers and a
// second sheet) passes the check, opens, and reports each sheet's rows.
func TestOrdinaryWorkbookOpens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "export.xlsx")
	x := excelize.NewFile()
	if _, err := x.NewSheet("第二页"); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 300; i++ {
		row := []any{fmt.Sprintf("CN20222322%04d", i), strings.Repeat("一种锂离子电池极片干燥装置", 20), float64(44000 + i)}
		if err := x.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i), &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.SetCellValue("第二页", "C7", "x"); err != nil {
		t.Fatal(err)
	}
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f, info, err := Open(path)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer f.Close()
	if info.Rows("Sheet1") != 300 || info.Rows("第二页") != 7 || info.Rows("没有") != 0 {
		t.Errorf("rows: %d, %d, %d; want 300, 7, 0", info.Rows("Sheet1"), info.Rows("第二页"), info.Rows("没有"))
	}
	rows, err := f.Rows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		cols, err := rows.Columns()
		if err != nil || len(cols) != 3 {
			t.Fatalf("row %d: %q %v", n+1, cols, err)
		}
		n++
	}
	if n != 300 {
		t.Errorf("read %d rows, want 300", n)
	}
}

// Every bomb is refused by name, with the limit it passes, before excelize
// unpacks anything.
func TestBombsAreRefused(t *testing.T) {
	dir := t.TempDir()
	for _, b := range workbooktest.Bombs {
		t.Run(b.Name, func(t *testing.T) {
			path := filepath.Join(dir, b.Name+".xlsx")
			b.Write(t, path, []string{"申请号", "专利名称"})
			st, _ := os.Stat(path)
			t.Logf("%s: %d KB on disk", b.Name, st.Size()>>10)
			_, _, err := Open(path)
			msg := patentbridge.ErrorMessage(err)
			if patentbridge.ErrorCode(err) != patentbridge.EINVALID || !strings.Contains(msg, "文件 "+b.Name+".xlsx 超出 Excel 导入的安全限制") || !strings.Contains(msg, b.Refusal) {
				t.Errorf("open %s: %v; want EINVALID naming the file and %q", b.Name, err, b.Refusal)
			}
			if _, _, err := OpenBytes("上传.xlsx", mustRead(t, path)); !strings.Contains(patentbridge.ErrorMessage(err), "文件 上传.xlsx 超出") {
				t.Errorf("open bytes %s: %v", b.Name, err)
			}
		})
	}
}

func mustRead(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// rawZip returns a zip of one stored-as-deflate part that declares declared
// bytes uncompressed, whatever content really inflates to.
func rawZip(tb testing.TB, name string, declared uint64, content []byte) []byte {
	tb.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(content)
	fw.Close()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, err := z.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(content),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared})
	if err != nil {
		tb.Fatal(err)
	}
	w.Write(comp.Bytes())
	if err := z.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// mustZip returns a zip of the named parts.
func mustZip(tb testing.TB, parts map[string]string) []byte {
	tb.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for name, content := range parts {
		w, err := z.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		io.WriteString(w, content)
	}
	if err := z.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// The zip itself is held to its limits: sizes come from the zip directory, which
// the zip reader holds each part to (a part declaring more than its limit is
// refused unread, one that inflates past what it declares is a corrupt file),
// and a directory too large or with too many parts is refused before its
// entries are all held in memory.
func TestZipLimits(t *testing.T) {
	sheet := []byte("<worksheet><sheetData>" + strings.Repeat("<row><c><v>1</v></c></row>", 1000) + "</sheetData></worksheet>")
	many := map[string]string{}
	for i := 0; i <= MaxParts; i++ {
		many[fmt.Sprintf("p%d", i)] = ""
	}
	longNames := map[string]string{}
	for i := 0; i < 10_000; i++ {
		longNames[fmt.Sprintf("%0900d", i)] = ""
	}
	big := strings.Repeat(" ", MaxPart-10)
	for _, c := range []struct {
		name string
		zip  []byte
		want string
	}{
		{"declared over the limit", rawZip(t, "xl/worksheets/sheet1.xml", MaxSheet+1, sheet), "部件 xl/worksheets/sheet1.xml 解压后超过 1 GB"},
		{"other part over the limit", rawZip(t, "xl/styles.xml", MaxPart+1, sheet), "部件 xl/styles.xml 解压后超过 32 MB"},
		{"lying about its size", rawZip(t, "xl/worksheets/sheet1.xml", 100, sheet), "不是有效的 Excel（.xlsx）文件"},
		{"too many parts", mustZip(t, many), "压缩包内的部件超过 10000 个"},
		{"directory too large", mustZip(t, longNames), "压缩包的目录超过 8 MB"},
		{"parts held in memory", mustZip(t, map[string]string{"a.xml": big, "b.xml": big, "c.xml": big, "d.xml": big, "e.xml": big}), "需要载入内存的部件解压后合计超过 128 MB"},
		{"same part twice", mustZip(t, map[string]string{"xl/sharedStrings.xml": "<sst/>", "xl/SharedStrings.xml": "<sst/>"}), "压缩包内有重名的部件"},
		{"doctype", mustZip(t, map[string]string{"xl/worksheets/sheet1.xml": `<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>`}), "含有 XML 文档类型声明"},
		{"not a zip", []byte("申请号,专利名称\n"), "不是有效的 Excel（.xlsx）文件"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Check(bytes.NewReader(c.zip), int64(len(c.zip)), "a.xlsx")
			if msg := patentbridge.ErrorMessage(err); !strings.Contains(msg, "文件 a.xlsx ") || !strings.Contains(msg, c.want) {
				t.Errorf("check: %v; want %q", err, c.want)
			}
		})
	}
}

// Scanning a worksheet allocates per part, not per row: a bomb of rows leaves
// no garbage for the collector to fall behind on.
func TestScanDoesNotAllocatePerRow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rows.xlsx")
	workbooktest.WriteRowsBomb(t, path, []string{"申请号"}, 200_000)
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name != "xl/worksheets/sheet1.xml" {
			continue
		}
		allocs := testing.AllocsPerRun(2, func() {
			if _, err := scanSheet(f, "rows.xlsx", "Sheet1", nil); err != nil {
				t.Fatal(err)
			}
		})
		if allocs > 100 {
			t.Errorf("%.0f allocations to scan 200,000 rows", allocs)
		}
	}
}
