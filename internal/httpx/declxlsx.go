package httpx

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"patentbridge"
)

// DeclarationRow is one declaration read from a bulk-declaration workbook, with
// its 1-based row number for the result table.
type DeclarationRow struct {
	Line        int
	Declaration *patentbridge.Declaration
}

// DeclarationReject is a refused row of a bulk-declaration workbook: where and
// why (Reason names no column; Column says which), with the row's 申请号 —
// dotted when valid, as written otherwise — so the result names the patent
// whichever cell failed.
type DeclarationReject struct {
	patentbridge.Reject
	AppNo string
}

// declColumns are the workbook's headers; 申请号 and 类型 are required.
var declColumns = []string{"申请号", "类型", "理由", "说明", "实施方式", "实施起始日期", "实施企业"}

// maxDeclarationRows caps the data rows of one bulk-declaration workbook.
const maxDeclarationRows = 50_000

// ReadDeclarationsXLSX reads the first sheet of a bulk-declaration workbook
// named name (columns 申请号, 类型 (已实施/正当理由), 理由, 说明, 实施方式,
// 实施起始日期, 实施企业, in any order), checked first against the workbook
// limits so that a decompression bomb is refused unread. Each row becomes a
// validated declaration or a DeclarationReject with its row number, 申请号 and
// the Chinese reason;
// empty rows are skipped; a start of implementation after today is refused.
// Returns EINVALID when the file is not a workbook, exceeds a limit, lacks a
// required column or has more than 50,000 rows.
func ReadDeclarationsXLSX(name string, r io.Reader, today time.Time) ([]DeclarationRow, []DeclarationReject, error) {
	var out []DeclarationRow
	var rejects []DeclarationReject
	tooMany := fmt.Sprintf("一次最多导入 %d 条声明，请把文件拆分后分批导入", maxDeclarationRows)
	err := sheetCells(name, r, maxDeclarationRows, tooMany, declHeader, func(line int, cell func(string) string) {
		d, column, err := declarationFromRow(cell, today)
		if err != nil {
			rejects = append(rejects, DeclarationReject{AppNo: displayAppNo(cell("申请号")),
				Reject: patentbridge.Reject{File: name, Line: line, Column: column, Value: patentbridge.ClipValue(cell(column)), Reason: patentbridge.ErrorMessage(err)}})
			return
		}
		out = append(out, DeclarationRow{Line: line, Declaration: d})
	})
	if err != nil {
		return nil, nil, err
	}
	return out, rejects, nil
}

// displayAppNo is an application number in its dotted form, or as written
// (clipped) when it is not a valid one.
func displayAppNo(raw string) string {
	if n, _, err := patentbridge.NormalizeAppNo(raw); err == nil {
		return patentbridge.FormatAppNo(n)
	}
	return patentbridge.ClipValue(raw)
}

// declHeader maps the first row's headers to their columns, requiring 申请号 and 类型.
func declHeader(row []string) (map[string]int, error) {
	return headerColumns(row, declColumns[:2], declColumns)
}

// declarationFromRow converts and validates one row; on error it names the column.
func declarationFromRow(cell func(string) string, today time.Time) (*patentbridge.Declaration, string, error) {
	appNo, _, err := patentbridge.NormalizeAppNo(cell("申请号"))
	if err != nil {
		return nil, "申请号", err
	}
	d := &patentbridge.Declaration{AppNo: appNo, Text: cell("说明")}
	switch t := cell("类型"); t {
	case "已实施", "implemented":
		d.Kind = patentbridge.DeclImplemented
		d.How, d.Enterprise = cell("实施方式"), cell("实施企业")
		if v := cell("实施起始日期"); v != "" {
			if d.Since, err = cellDate(v); err != nil {
				return nil, "实施起始日期", err
			}
		}
	case "正当理由", "reason":
		d.Kind = patentbridge.DeclReason
		if d.Reason = reasonCode(cell("理由")); d.Reason == "" {
			return nil, "理由", patentbridge.FieldErrorf("reason", "理由 %q 无法识别（可选：保密/国防、标准必要专利、正在洽谈、防御性布局、其他）", cell("理由"))
		}
	default:
		return nil, "类型", patentbridge.FieldErrorf("kind", "类型 %q 无效：应为“已实施”或“正当理由”", t)
	}
	if err := d.Validate(today); err != nil {
		return nil, map[string]string{"how": "实施方式", "since": "实施起始日期", "reason": "理由", "text": "说明"}[patentbridge.ErrorField(err)], err
	}
	return d, "", nil
}

// reasonCode maps a reason's label (or part of it, or its code) to its code.
func reasonCode(s string) string {
	if s == "" {
		return ""
	}
	for _, c := range patentbridge.ReasonCodes {
		label := patentbridge.ReasonLabel(c)
		if s == c || s == label || strings.Contains(label, s) || strings.Contains(s, strings.TrimSuffix(label, "专利")) {
			return c
		}
	}
	return ""
}

// cellDate reads a date cell: an Excel serial number or a written date.
func cellDate(v string) (t time.Time, err error) {
	if n, err := strconv.ParseFloat(v, 64); err == nil && n > 1000 && n < 100000 {
		t, err := excelize.ExcelDateToTime(n, false)
		if err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return patentbridge.ParseDeclarationSince(v)
}
