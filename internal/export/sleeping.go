package export

import (
	"io"
	"time"

	"patentbridge"
)

// SleepingWriter writes the sleeping-patent export one patent at a time, so a
// caller can page through patentbridge.SleepingService.ListSleeping and feed it.
type SleepingWriter interface {
	// Write appends one sleeping patent's row.
	Write(item *patentbridge.SleepingItem) error
	// Note appends a line of text below the rows (the export was cut to its cap).
	Note(text string) error
	// Close finishes the export; for XLSX this is when the workbook is written.
	Close() error
}

// bom is the UTF-8 byte-order mark Excel needs to read a CSV as UTF-8.
const bom = "\uFEFF"

// sleepingCSV is the CSV SleepingWriter.
type sleepingCSV struct {
	cw  *patentbridge.CSVWriter
	ref Ref
}

// NewSleepingCSV writes the header and returns a SleepingWriter of CSV rows to w;
// ref (may be nil) turns city codes into names.
func NewSleepingCSV(w io.Writer, ref Ref) (SleepingWriter, error) {
	if _, err := io.WriteString(w, bom); err != nil {
		return nil, err
	}
	s := &sleepingCSV{cw: patentbridge.NewCSVWriter(w), ref: ref}
	header := make([]string, len(sleepingColumns))
	for i, c := range sleepingColumns {
		header[i] = c.Header
	}
	if err := s.cw.Write(header); err != nil {
		return nil, err
	}
	return s, nil
}

// Write appends one row.
func (s *sleepingCSV) Write(it *patentbridge.SleepingItem) error {
	vals := sleepingRow(it, s.ref)
	rec := make([]string, len(vals))
	for i, v := range vals {
		rec[i] = text(v)
	}
	return s.cw.Write(rec)
}

// Note appends a blank record and one holding text.
func (s *sleepingCSV) Note(text string) error {
	if err := s.cw.Write(make([]string, len(sleepingColumns))); err != nil {
		return err
	}
	return s.cw.Write(append([]string{text}, make([]string, len(sleepingColumns)-1)...))
}

// Close flushes the rows.
func (s *sleepingCSV) Close() error {
	return s.cw.Flush()
}

// sleepingXLSX is the XLSX SleepingWriter.
type sleepingXLSX struct {
	w   io.Writer
	s   *sheet
	ref Ref
}

// NewSleepingXLSX returns a SleepingWriter that streams rows into the worksheet
// "沉睡专利" (rows beyond memory spill to a temporary file) and writes the
// workbook, made at now, to w on Close; ref (may be nil) turns city codes into names.
func NewSleepingXLSX(w io.Writer, ref Ref, now time.Time) (SleepingWriter, error) {
	s, err := newSheet("沉睡专利", sleepingColumns, 1, now)
	if err != nil {
		return nil, err
	}
	if err := s.writeHeader(); err != nil {
		s.f.Close()
		return nil, err
	}
	return &sleepingXLSX{w: w, s: s, ref: ref}, nil
}

// Write appends one row.
func (x *sleepingXLSX) Write(it *patentbridge.SleepingItem) error {
	return x.s.writeRow(sleepingRow(it, x.ref))
}

// Note appends a blank row and one holding text.
func (x *sleepingXLSX) Note(text string) error {
	x.s.row++
	return x.s.writeRow([]any{text})
}

// Close writes the workbook.
func (x *sleepingXLSX) Close() error { return x.s.close(x.w) }
