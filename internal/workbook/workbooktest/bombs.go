// Package workbooktest builds XLSX decompression bombs for the tests of every
// importer that reads workbooks, and measures a child process's peak memory.
package workbooktest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

// Bomb is one kind of malicious workbook: Write builds it at path with header as
// its first row (so that each importer gets past its header check), and Refusal
// is a part of the Chinese message it must be refused with.
type Bomb struct {
	Name    string
	Refusal string
	Write   func(tb testing.TB, path string, header []string)
}

// Bombs are the workbooks every importer must refuse, each within a few hundred
// KB on disk and hundreds of MB to GB once unpacked.
var Bombs = []Bomb{
	{"cell", "共享字符串表第 1 条超过 2 MB", func(tb testing.TB, path string, header []string) {
		WriteCellBomb(tb, path, header, 300<<20)
	}},
	{"inline-cell", "工作表“Sheet1”第 2 行有一个单元格超过 2 MB", func(tb testing.TB, path string, header []string) {
		WriteInlineCellBomb(tb, path, header, 300<<20)
	}},
	{"rows", "工作表“Sheet1”超过 1048576 行", func(tb testing.TB, path string, header []string) {
		WriteRowsBomb(tb, path, header, 5_000_000)
	}},
	{"wide-row", "工作表“Sheet1”第 2 行超过 16384 个单元格", func(tb testing.TB, path string, header []string) {
		WriteWideRowBomb(tb, path, header, 10_000_000)
	}},
	{"shared-strings", "共享字符串表超过 1000000 条", func(tb testing.TB, path string, header []string) {
		WriteSharedStringsBomb(tb, path, header, 12_000_000)
	}},
	{"shared-string-references", "工作表“Sheet1”第 2 行的内容合计超过 16 MB", func(tb testing.TB, path string, header []string) {
		WriteSharedReferenceBomb(tb, path, header)
	}},
}

// NearLimits are workbooks just inside every limit, which must open and be read
// whole in bounded memory too.
var NearLimits = []Bomb{
	{"rows-at-limit", "", func(tb testing.TB, path string, header []string) {
		WriteRowsBomb(tb, path, header, 1_048_575)
	}},
	{"shared-strings-at-limit", "", func(tb testing.TB, path string, header []string) {
		WriteSharedStringsBomb(tb, path, header, 999_999)
	}},
	{"row-at-limit", "", func(tb testing.TB, path string, header []string) {
		MustWriteWorkbook(tb, path, func(w io.Writer) {
			io.WriteString(w, headerRow(header)+`<row r="2">`+firstCell())
			for range 7 {
				io.WriteString(w, `<c t="inlineStr"><is><t>`)
				repeat(w, "A", 2<<20-64)
				io.WriteString(w, `</t></is></c>`)
			}
			io.WriteString(w, `</row>`)
		}, nil)
	}},
}

// WriteCellBomb writes a workbook whose second row's second cell is a shared
// string of size bytes.
func WriteCellBomb(tb testing.TB, path string, header []string, size int) {
	tb.Helper()
	MustWriteWorkbook(tb, path, func(w io.Writer) {
		io.WriteString(w, headerRow(header)+`<row r="2">`+firstCell()+`<c r="B2" t="s"><v>0</v></c></row>`)
	}, func(w io.Writer) {
		io.WriteString(w, `<si><t>`)
		repeat(w, "A", size)
		io.WriteString(w, `</t></si>`)
	})
}

// WriteInlineCellBomb writes a workbook whose second row's second cell holds an
// inline string of size bytes.
func WriteInlineCellBomb(tb testing.TB, path string, header []string, size int) {
	tb.Helper()
	MustWriteWorkbook(tb, path, func(w io.Writer) {
		io.WriteString(w, headerRow(header)+`<row r="2">`+firstCell()+`<c r="B2" t="inlineStr"><is><t>`)
		repeat(w, "A", size)
		io.WriteString(w, `</t></is></c></row>`)
	}, nil)
}

// WriteRowsBomb writes a workbook whose header row is followed by n rows of one
// number cell each.
func WriteRowsBomb(tb testing.TB, path string, header []string, n int) {
	tb.Helper()
	MustWriteWorkbook(tb, path, func(w io.Writer) {
		io.WriteString(w, headerRow(header))
		repeat(w, `<row><c><v>1</v></c></row>`, n)
	}, nil)
}

// WriteWideRowBomb writes a workbook whose second row has n number cells.
func WriteWideRowBomb(tb testing.TB, path string, header []string, n int) {
	tb.Helper()
	MustWriteWorkbook(tb, path, func(w io.Writer) {
		io.WriteString(w, headerRow(header)+`<row r="2">`)
		repeat(w, `<c><v>1</v></c>`, n)
		io.WriteString(w, `</row>`)
	}, nil)
}

// WriteSharedStringsBomb writes a workbook whose shared-strings table has n
// one-character entries.
func WriteSharedStringsBomb(tb testing.TB, path string, header []string, n int) {
	tb.Helper()
	MustWriteWorkbook(tb, path, func(w io.Writer) {
		io.WriteString(w, headerRow(header)+`<row r="2">`+firstCell()+`<c r="B2" t="s"><v>0</v></c></row>`)
	}, func(w io.Writer) {
		repeat(w, `<si><t>x</t></si>`, n)
	})
}

// WriteSharedReferenceBomb writes a workbook with one shared string just under
// 2 MB referenced by 16,000 cells of one row: 30 GB of text once each cell is
// read, from a file of a few KB.
func WriteSharedReferenceBomb(tb testing.TB, path string, header []string) {
	tb.Helper()
	MustWriteWorkbook(tb, path, func(w io.Writer) {
		io.WriteString(w, headerRow(header)+`<row r="2">`+firstCell())
		repeat(w, `<c t="s"><v>0</v></c>`, 16_000)
		io.WriteString(w, `</row>`)
	}, func(w io.Writer) {
		io.WriteString(w, `<si><t>`)
		repeat(w, "A", 2<<20-64)
		io.WriteString(w, `</t></si>`)
	})
}

// headerRow renders the first row as inline strings.
func headerRow(header []string) string {
	var b strings.Builder
	b.WriteString(`<row r="1">`)
	for i, h := range header {
		fmt.Fprintf(&b, `<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>`, column(i), h)
	}
	b.WriteString(`</row>`)
	return b.String()
}

// firstCell is the second row's first cell: a valid 申请号, so a patent importer
// reads the row as data.
func firstCell() string {
	return `<c r="A2" t="inlineStr"><is><t>2022232206652</t></is></c>`
}

func column(i int) string { return string(rune('A' + i)) }

// repeat writes s n times.
func repeat(w io.Writer, s string, n int) {
	chunk := bytes.Repeat([]byte(s), max(1, min(n, (1<<20)/len(s))))
	per := len(chunk) / len(s)
	for n > 0 {
		k := min(n, per)
		w.Write(chunk[:k*len(s)])
		n -= k
	}
}

// MustWriteWorkbook writes a one-sheet workbook: sheetData writes the rows
// inside <sheetData>, sharedStrings (when not nil) the entries inside <sst>.
func MustWriteWorkbook(tb testing.TB, path string, sheetData, sharedStrings func(io.Writer)) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	z := zip.NewWriter(f)
	part := func(name string, write func(io.Writer)) {
		w, err := z.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		write(w)
	}
	text := func(s string) func(io.Writer) { return func(w io.Writer) { io.WriteString(w, s) } }
	part("[Content_Types].xml", text(contentTypes))
	part("_rels/.rels", text(rootRels))
	part("xl/workbook.xml", text(workbookXML))
	part("xl/_rels/workbook.xml.rels", text(workbookRels))
	part("xl/worksheets/sheet1.xml", func(w io.Writer) {
		io.WriteString(w, xmlHeader+`<worksheet xmlns="`+mainNS+`"><sheetData>`)
		sheetData(w)
		io.WriteString(w, `</sheetData></worksheet>`)
	})
	if sharedStrings != nil {
		part("xl/sharedStrings.xml", func(w io.Writer) {
			io.WriteString(w, xmlHeader+`<sst xmlns="`+mainNS+`">`)
			sharedStrings(w)
			io.WriteString(w, `</sst>`)
		})
	}
	if err := z.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

const (
	xmlHeader    = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	mainNS       = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	relNS        = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	contentTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
	rootRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="` + relNS + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	workbookXML = xmlHeader + `<workbook xmlns="` + mainNS + `" xmlns:r="` + relNS + `"><sheets>` +
		`<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`
	workbookRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="` + relNS + `/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="` + relNS + `/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
)
