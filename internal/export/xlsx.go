package export

import (
	"fmt"
	"io"
	"patentbridge"
	"time"

	"github.com/xuri/excelize/v2"
)

// DateFormat is the number format of every date cell.
const DateFormat = "yyyy-mm-dd"

// sheet streams rows into one worksheet of a new workbook; the workbook is
// written to the destination when it is closed.
type sheet struct {
	f      *excelize.File
	sw     *excelize.StreamWriter
	name   string
	row    int
	header int // style ids
	date   int
	title  int
	cols   []column
}

// newSheet starts a workbook made at now whose only sheet is called name; the
// rows above and including headerRow stay in view when scrolling.
func newSheet(name string, cols []column, headerRow int, now time.Time) (*sheet, error) {
	f, err := NewWorkbook(now)
	if err != nil {
		return nil, err
	}
	if err := f.SetSheetName("Sheet1", name); err != nil {
		f.Close()
		return nil, err
	}
	s := &sheet{f: f, name: name, cols: cols}
	if s.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}},
	}); err != nil {
		return nil, err
	}
	format := DateFormat
	if s.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &format}); err != nil {
		return nil, err
	}
	if s.title, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Size: 16},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
	}); err != nil {
		return nil, err
	}
	if s.sw, err = f.NewStreamWriter(name); err != nil {
		return nil, err
	}
	if err := s.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headerRow,
		TopLeftCell: fmt.Sprintf("A%d", headerRow+1), ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	for i, c := range cols {
		if err := s.sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// writeRow appends a row; time.Time values get the date format.
func (s *sheet) writeRow(values []any, opts ...excelize.RowOpts) error {
	cells := make([]any, len(values))
	for i, v := range values {
		if t, ok := v.(time.Time); ok {
			cells[i] = excelize.Cell{StyleID: s.date, Value: t}
		} else {
			cells[i] = v
		}
	}
	s.row++
	cell, err := excelize.CoordinatesToCellName(1, s.row)
	if err != nil {
		return err
	}
	return s.sw.SetRow(cell, patentbridge.SafeRow(cells), opts...)
}

// writeHeader appends the styled header row.
func (s *sheet) writeHeader() error {
	cells := make([]any, len(s.cols))
	for i, c := range s.cols {
		cells[i] = excelize.Cell{StyleID: s.header, Value: c.Header}
	}
	return s.writeRow(cells, excelize.RowOpts{Height: 22})
}

// close finishes the sheet and writes the workbook to w.
func (s *sheet) close(w io.Writer) error {
	defer s.f.Close()
	if err := s.sw.Flush(); err != nil {
		return err
	}
	_, err := s.f.WriteTo(w)
	return err
}
