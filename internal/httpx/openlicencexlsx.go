package httpx

import (
	"bytes"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"patentbridge"
)

// OpenLicenceRow is one declaration read from a batch workbook, with its
// 1-based row number.
type OpenLicenceRow struct {
	Line        int
	Declaration *patentbridge.OpenLicence
}

// openLicenceColumns are the batch workbook's headers; the first is required.
var openLicenceColumns = []string{"申请号", "许可使用费支付方式", "固定费用（元）", "入门费（元）", "提成基数", "提成比例（%）",
	"报告周期（月）", "延期月数", "至首笔销售收入", "延期后支付方式", "许可期限起", "许可期限止", "其他条件", "估算依据",
	"评价报告编号", "评价结论符合授权条件", "质权人同意文件", "确认无妨碍情形"}

// openLicenceFieldColumn names the column of a refused field.
var openLicenceFieldColumn = map[string]string{"app_no": "申请号", "method": "许可使用费支付方式", "lump_sum": "固定费用（元）",
	"entry_fee": "入门费（元）", "royalty_base": "提成基数", "rate": "提成比例（%）", "report_months": "报告周期（月）",
	"grace_months": "延期月数", "then_method": "延期后支付方式", "term_start": "许可期限起", "term_end": "许可期限止",
	"conditions": "其他条件", "fee_basis": "估算依据", "evaluation_report": "评价报告编号", "pledgee_consent": "质权人同意文件",
	"confirmations": "确认无妨碍情形"}

// OpenLicenceColumn returns the batch workbook's column of a refused field, "" when none.
func OpenLicenceColumn(field string) string { return openLicenceFieldColumn[field] }

// MaxOpenLicenceRows caps the data rows of one batch workbook.
const MaxOpenLicenceRows = 2000

// ReadOpenLicencesXLSX reads the first sheet of an open-licence batch
// workbook: each row becomes a declaration whose own fields are checked
// (patentbridge.ValidateOpenLicence), or a reject naming its row and column
// in Chinese, as is a row repeating an earlier row's patent; "确认无妨碍情形" = 是 gives every confirmation of 细则 art. 86
// (art. 88 applies). Returns EINVALID when the file is not a workbook,
// exceeds a limit, lacks 申请号 or has more than 2,000 rows.
func ReadOpenLicencesXLSX(name string, r io.Reader) ([]OpenLicenceRow, []DeclarationReject, error) {
	var out []OpenLicenceRow
	var rejects []DeclarationReject
	header := func(row []string) (map[string]int, error) {
		return headerColumns(row, []string{"申请号"}, openLicenceColumns)
	}
	tooMany := fmt.Sprintf("一次最多导入 %d 份开放许可声明，请把文件拆分后分批导入", MaxOpenLicenceRows)
	seen := map[string]int{} // application number -> its first row
	err := sheetCells(name, r, MaxOpenLicenceRows, tooMany, header, func(line int, cell func(string) string) {
		ol, err := openLicenceFromRow(cell)
		if appNo, _, nerr := patentbridge.NormalizeAppNo(cell("申请号")); nerr == nil {
			if first, dup := seen[appNo]; dup && err == nil {
				err = patentbridge.FieldErrorf("app_no", "专利 %s 已在第%d行声明，同一文件中每件专利只能有一行（一件专利同一时间只能有一份开放许可声明）",
					patentbridge.FormatAppNo(appNo), first)
			} else if !dup {
				seen[appNo] = line
			}
		}
		if err != nil {
			column := OpenLicenceColumn(patentbridge.ErrorField(err))
			rejects = append(rejects, DeclarationReject{AppNo: displayAppNo(cell("申请号")),
				Reject: patentbridge.Reject{File: name, Line: line, Column: column, Value: patentbridge.ClipValue(cell(column)),
					Reason: "第" + strconv.Itoa(line) + "行" + columnPhrase(column) + "：" + patentbridge.ErrorMessage(err)}})
			return
		}
		out = append(out, OpenLicenceRow{Line: line, Declaration: ol})
	})
	if err != nil {
		return nil, nil, err
	}
	return out, rejects, nil
}

// columnPhrase names a column in a reject's reason ("“提成比例（%）”列"), "" for none.
func columnPhrase(c string) string {
	if c == "" {
		return ""
	}
	return "“" + c + "”列"
}

// openLicenceFromRow converts and checks one row.
func openLicenceFromRow(cell func(string) string) (*patentbridge.OpenLicence, error) {
	appNo, _, err := patentbridge.NormalizeAppNo(cell("申请号"))
	if err != nil {
		return nil, patentbridge.FieldErrorf("app_no", "%s", patentbridge.ErrorMessage(err))
	}
	yes := func(h string) bool {
		v := cell(h)
		return v == "是" || v == "Y" || v == "y" || v == "1" || v == "TRUE"
	}
	f := OpenLicenceForm{AppNo: appNo, FeeForm: FeeForm{Method: methodCode(cell("许可使用费支付方式")), LumpSum: cell("固定费用（元）"),
		EntryFee: cell("入门费（元）"), RoyaltyBase: baseCode(cell("提成基数")), Rate: cell("提成比例（%）"),
		ReportMonths: cell("报告周期（月）"), GraceMonths: cell("延期月数"), UntilFirstRevenue: yes("至首笔销售收入"),
		ThenMethod: methodCode(cell("延期后支付方式"))}, Conditions: cell("其他条件"), FeeBasis: cell("估算依据"),
		EvaluationReport: cell("评价报告编号"), EvaluationFavourable: yes("评价结论符合授权条件"), PledgeeConsent: cell("质权人同意文件")}
	for _, h := range []string{"许可期限起", "许可期限止"} {
		v := cell(h)
		if t, err := cellDate(v); err == nil && v != "" {
			v = patentbridge.FormatDate(t)
		}
		if h == "许可期限起" {
			f.TermStart = v
		} else {
			f.TermEnd = v
		}
	}
	if yes("确认无妨碍情形") {
		f.Confirmations = []string{patentbridge.ConfirmNoExclusive, patentbridge.ConfirmNoSuspension, patentbridge.ConfirmFeesPaid,
			patentbridge.ConfirmNoPledge, patentbridge.ConfirmNoOtherBar}
	}
	ol, err := f.Declaration()
	if err != nil {
		return nil, err
	}
	return ol, patentbridge.ValidateOpenLicence(ol)
}

// methodCode maps a fee method's label (or code) to its code.
func methodCode(s string) string {
	for _, m := range patentbridge.FeeMethods {
		if s == string(m) || s == m.Label() {
			return string(m)
		}
	}
	switch s {
	case "固定", "一次性", "一次总付":
		return string(patentbridge.FeeFixed)
	case "销售额提成", "提成":
		return string(patentbridge.FeeSales)
	}
	return s
}

func baseCode(s string) string {
	switch s {
	case "净销售额", "销售额":
		return patentbridge.RoyaltyNetSales
	case "利润", "利润额":
		return patentbridge.RoyaltyProfit
	}
	return s
}

// OpenLicenceTemplateXLSX returns the batch workbook's template: the headers
// and one example row.
func OpenLicenceTemplateXLSX() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	example := []string{"2019107654324", "净销售额提成", "", "", "", "3", "6", "", "", "", "2027-01-01", "2031-12-31",
		"被许可人不得再许可", "参照《专利开放许可使用费估算指引（试行）》", "", "", "", "是"}
	for i, h := range openLicenceColumns {
		c, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellStr(sheet, c, h)
		c, _ = excelize.CoordinatesToCellName(i+1, 2)
		f.SetCellStr(sheet, c, example[i])
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
