package ingest

import (
	"errors"
	"io"
	"path/filepath"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/workbook"
)

// xlsxSource streams one sheet of a workbook row by row (excelize's Rows iterator
// keeps large sheets in a temporary file, not in memory). The workbook is checked
// against workbook's limits first, so a decompression bomb never reaches excelize.
type xlsxSource struct {
	f        *excelize.File
	rows     *excelize.Rows
	rowNum   int // physical row number of the last row returned
	hdr      []string
	estimate int // the sheet's last row number as the check counted it, 0 if unknown
}

// rawCells reads cell values without number formats, so dates come as Excel
// serials that ParseDate understands whatever format the cell displays.
var rawCells = excelize.Options{RawCellValue: true}

// openXLSX opens the named sheet (the first when sheet is "") and reads its header
// row, the first non-blank one.
func openXLSX(path, sheet string) (*xlsxSource, error) {
	name := filepath.Base(path)
	f, info, err := workbook.Open(path)
	if err != nil {
		return nil, err
	}
	if sheet == "" {
		if list := f.GetSheetList(); len(list) > 0 {
			sheet = list[0]
		}
	}
	if idx, err := f.GetSheetIndex(sheet); err != nil || idx < 0 {
		f.Close()
		return nil, patentbridge.Errorf(patentbridge.EINVALID, "文件 %s 中没有名为 %q 的工作表", name, sheet)
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return nil, patentbridge.Errorf(patentbridge.EINVALID, "文件 %s 的工作表 %q 无法读取，可能已损坏", name, sheet)
	}
	s := &xlsxSource{f: f, rows: rows, estimate: info.Rows(sheet)}
	r, err := s.next()
	if err == nil {
		s.hdr = r.values
	} else if !errors.Is(err, io.EOF) {
		s.close()
		return nil, patentbridge.Errorf(patentbridge.EINVALID, "文件 %s 的工作表 %q 无法读取，可能已损坏", name, sheet)
	}
	return s, nil
}

func (s *xlsxSource) header() []string { return s.hdr }

func (s *xlsxSource) next() (row, error) {
	for s.rows.Next() {
		s.rowNum++
		cols, err := s.rows.Columns(rawCells)
		if err != nil {
			return row{}, &badRow{line: s.rowNum, reason: "Excel 行无法读取"}
		}
		r := row{line: s.rowNum, values: cols}
		if !r.empty() {
			return r, nil
		}
	}
	if err := s.rows.Error(); err != nil {
		return row{}, patentbridge.Errorf(patentbridge.EINVALID, "Excel 工作表在第 %d 行后无法继续读取，文件可能已损坏", s.rowNum)
	}
	return row{}, io.EOF
}

func (s *xlsxSource) fraction() float64 {
	return ratio(int64(s.rowNum), int64(s.estimate))
}

func (s *xlsxSource) close() error {
	s.rows.Close()
	return s.f.Close()
}
