package patentbridge

import (
	"encoding/csv"
	"io"
	"strings"
)

// SafeCell returns a cell's text as a spreadsheet must show it: text that Excel
// or WPS would run as a formula (it begins with =, +, -, @, a tab or a carriage
// return, as in "=cmd|' /C calc'!A0") gets a leading apostrophe, so it stays text.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// SafeRow returns the cells of a spreadsheet row with every string made safe
// (SafeCell); numbers, dates and other values pass unchanged.
func SafeRow(cells []any) []any {
	out := make([]any, len(cells))
	for i, c := range cells {
		if s, ok := c.(string); ok {
			c = SafeCell(s)
		}
		out[i] = c
	}
	return out
}

// CSVWriter writes the CSV files the platform hands out (reject reports, exports,
// the audit log): every cell goes through SafeCell.
type CSVWriter struct{ cw *csv.Writer }

// NewCSVWriter returns a CSVWriter to w.
func NewCSVWriter(w io.Writer) *CSVWriter { return &CSVWriter{cw: csv.NewWriter(w)} }

// Write writes one record with its cells made safe.
func (w *CSVWriter) Write(record []string) error {
	safe := make([]string, len(record))
	for i, s := range record {
		safe[i] = SafeCell(s)
	}
	return w.cw.Write(safe)
}

// WriteAll writes the records and flushes.
func (w *CSVWriter) WriteAll(records [][]string) error {
	for _, r := range records {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	return w.Flush()
}

// Flush writes any buffered data and returns the first error of the writer.
func (w *CSVWriter) Flush() error {
	w.cw.Flush()
	return w.cw.Error()
}
