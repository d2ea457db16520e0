package ingest

import (
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzImportXLSX builds a small workbook from fuzzed cells (a header row and two
// data rows, cells split at tabs; cells that read as numbers are stored as
// numbers, the way Excel stores dates as serials) and imports it through the
// real importer, checking the same properties as FuzzImportCSV plus the row
// count: every non-blank row after the header is read, blank ones skipped.
// Workbooks stay small (at most 32 cells of at most 1,000 characters a row).
func FuzzImportXLSX(f *testing.F) {
	f.Add("申请号\t专利名称\t申请日", "CN202223220665.2\t一种胶膜平整机构\t44895", "ZL201910123456.X\t钠离子电池\t2019-03-01")
	f.Add("序号\t申请号\tIPC主分类", "1\t2022232206652\tH01M 10/052", "   ")
	f.Fuzz(func(t *testing.T, header, row1, row2 string) {
		rows := [][]any{xlsxCells(header), xlsxCells(row1), xlsxCells(row2)}
		nonBlank := 0
		for _, r := range rows {
			if !blankCells(r) {
				nonBlank++
			}
		}
		path := filepath.Join(t.TempDir(), "export.xlsx")
		MustXLSX(t, path, "Sheet1", rows)
		mustHeaderLayout(t, path)
		mustImportHolds(t, path, max(nonBlank-1, 0))
	})
}

// xlsxCells splits a fuzzed row at tabs into what a workbook can hold: valid
// XML characters only, bounded length, finite numbers as float64.
func xlsxCells(s string) []any {
	parts := strings.Split(s, "\t")
	var cells []any
	for _, p := range parts[:min(len(parts), 32)] {
		p = strings.Map(xmlChar, strings.ToValidUTF8(p, "\uFFFD"))
		if utf8.RuneCountInString(p) > 1000 {
			p = string([]rune(p)[:1000])
		}
		if v, err := strconv.ParseFloat(p, 64); err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) && strings.TrimSpace(p) == p {
			cells = append(cells, v)
			continue
		}
		cells = append(cells, p)
	}
	return cells
}

// xmlChar replaces the characters XML 1.0 cannot carry (and a workbook cannot).
func xmlChar(r rune) rune {
	switch {
	case r == '\t' || r == '\n' || r == '\r', r >= 0x20 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		return r
	}
	return '\uFFFD'
}

func blankCells(r []any) bool {
	for _, c := range r {
		if s, ok := c.(string); !ok || strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}
