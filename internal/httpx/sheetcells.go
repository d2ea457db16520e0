package httpx

import (
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"patentbridge"
	"patentbridge/internal/workbook"
)

// sheetCells reads the first sheet of an uploaded batch workbook, opened
// within the workbook package's limits: header maps the first row to columns
// (or refuses it), and each is called with the line number and a cell reader
// of every non-empty row below. More than maxRows data rows are refused with
// the message tooMany. Returns EINVALID on field "file".
func sheetCells(name string, r io.Reader, maxRows int, tooMany string,
	header func(row []string) (map[string]int, error), each func(line int, cell func(string) string)) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	f, _, err := workbook.OpenBytes(name, b)
	if err != nil {
		return patentbridge.FieldErrorf("file", "%s", patentbridge.ErrorMessage(err))
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetName(0))
	if err != nil {
		return patentbridge.FieldErrorf("file", "无法读取工作表：%v", err)
	}
	defer rows.Close()
	var col map[string]int
	for line := 1; rows.Next(); line++ {
		row, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return patentbridge.FieldErrorf("file", "第%d行无法读取：文件可能已损坏", line)
		}
		if col == nil {
			if col, err = header(row); err != nil {
				return err
			}
			continue
		}
		if strings.TrimSpace(strings.Join(row, "")) == "" {
			continue
		}
		if line > maxRows+1 {
			return patentbridge.FieldErrorf("file", "%s", tooMany)
		}
		each(line, func(h string) string {
			if j, ok := col[h]; ok && j < len(row) {
				return strings.TrimSpace(row[j])
			}
			return ""
		})
	}
	if col == nil {
		return patentbridge.FieldErrorf("file", "工作表是空的")
	}
	return nil
}

// headerColumns maps a header row to its columns, refusing one that lacks a
// required heading (all is the full list, named in the message).
func headerColumns(row, required, all []string) (map[string]int, error) {
	col := map[string]int{}
	for i, h := range row {
		col[strings.TrimSpace(h)] = i
	}
	for _, h := range required {
		if _, ok := col[h]; !ok {
			return nil, patentbridge.FieldErrorf("file", "第1行表头缺少“%s”列（应有：%s）", h, strings.Join(all, "、"))
		}
	}
	return col, nil
}
