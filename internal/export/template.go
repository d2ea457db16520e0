package export

import (
	"encoding/csv"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// TemplateNotesSheet is the name of a template's sheet of instructions.
const TemplateNotesSheet = "填写说明"

// WriteTemplateXLSX writes a record kind's bulk-upload template, made at now:
// its first sheet, called sheet, holds the header row only (what the
// importer reads, so that no example is ever imported as a record); the
// second, 填写说明, lists each column with whether it is required, its
// example value and the other header names the importer accepts for it. Any
// record kind's template (deals, filings, loans…) is written by it from its
// importer's columns; the cells are text, so that an application number or
// a region code keeps its digits.
func WriteTemplateXLSX(w io.Writer, sheet string, header, example []string, required []bool, synonyms [][]string, now time.Time) error {
	cols := make([]column, len(header))
	for i, h := range header {
		cols[i] = column{Header: h, Width: max(12, float64(len([]rune(h)))*2.2)}
	}
	s, err := newSheet(sheet, cols, 1, now)
	if err != nil {
		return err
	}
	fail := func(err error) error { s.f.Close(); return err }
	text, err := s.f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": text
	if err != nil {
		return fail(err)
	}
	if err := s.sw.SetColStyle(1, len(header), text); err != nil {
		return fail(err)
	}
	if err := s.writeHeader(); err != nil {
		return fail(err)
	}
	if _, err := s.f.NewSheet(TemplateNotesSheet); err != nil {
		return fail(err)
	}
	notes := [][]string{{"列名", "是否必填", "示例", "也可使用的列名"}}
	for i, h := range header {
		need, ex, other := "选填", "", ""
		if i < len(required) && required[i] {
			need = "必填"
		}
		if i < len(example) {
			ex = example[i]
		}
		if i < len(synonyms) {
			var alt []string
			for _, a := range synonyms[i] {
				if a != h {
					alt = append(alt, a)
				}
			}
			other = strings.Join(alt, "、")
		}
		notes = append(notes, []string{h, need, ex, other})
	}
	notes = append(notes, nil, []string{"在“" + sheet + "”表第2行起每行填写一条记录；日期写作 2026-06-30；文件可为 .xlsx 或 CSV（UTF-8 或 GBK）。"})
	for r, row := range notes {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := s.f.SetCellStr(TemplateNotesSheet, cell, v); err != nil {
				return fail(err)
			}
		}
	}
	if err := s.f.SetColWidth(TemplateNotesSheet, "A", "D", 28); err != nil {
		return fail(err)
	}
	return s.close(w)
}

// WriteTemplateCSV writes the same template as CSV in UTF-8 with a byte order
// mark (so that Excel reads the Chinese): the header row only (the XLSX's
// 填写说明 gives the examples).
func WriteTemplateCSV(w io.Writer, header []string) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}
