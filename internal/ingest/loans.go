package ingest

import (
	"context"
	"strconv"
	"strings"
	"time"

	"patentbridge"
)

// LoanCreator is the part of the loan service a loan import writes to.
type LoanCreator interface {
	// CreateLoan validates, scopes, stores and audits one loan.
	CreateLoan(ctx context.Context, l *patentbridge.Loan) error
}

// LoanColumns are the columns of the pledge loan template (专利权质押融资台账),
// in order, with the header names that feed each, an example and whether a
// row needs it. The web's template downloads are made from this list.
var LoanColumns = []TemplateColumn{
	{"借款企业", []string{"借款企业", "借款人", "出质人", "企业名称"}, "成都芯动科技有限公司", true},
	{"借款企业统一社会信用代码", []string{"借款企业统一社会信用代码", "统一社会信用代码", "信用代码"}, "91350100M000100Y43", false},
	{"申请号", []string{"申请号", "专利号", "质押专利申请号", "质押专利"}, "2021109876548", true},
	{"贷款银行", []string{"贷款银行", "银行", "质权人", "贷款机构"}, "成都银行", true},
	{"金额(万元)", []string{"金额(万元)", "金额（万元）", "贷款金额(万元)", "贷款金额（万元）", "融资金额(万元)", "融资金额（万元）"}, "200", true},
	{"期限(月)", []string{"期限(月)", "期限（月）", "贷款期限(月)", "贷款期限（月）"}, "24", true},
	{"评估方法", []string{"评估方法"}, "收益法", false},
	{"评估价值(万元)", []string{"评估价值(万元)", "评估价值（万元）", "评估值(万元)", "评估值（万元）"}, "500", false},
	{"评估机构", []string{"评估机构"}, "四川天府资产评估有限公司", false},
	{"保险或担保机构", []string{"保险或担保机构", "保险机构", "担保机构", "保险/担保机构"}, "中国人民财产保险股份有限公司四川省分公司", false},
	{"保障比例(%)", []string{"保障比例(%)", "保障比例（%）", "保障比例", "保险比例(%)", "担保比例(%)"}, "30", false},
	{"质押登记号", []string{"质押登记号", "登记号", "质押登记编号"}, "Y2026510000123", false},
	{"状态", []string{"状态", "贷款状态"}, "已放款", false},
	{"申请日期", []string{"申请日期", "贷款申请日期"}, "2026-02-10", true},
	{"放款日期", []string{"放款日期", "放款时间"}, "2026-03-10", false},
	{"风险补偿资金池", []string{"风险补偿资金池", "资金池"}, "成都市知识产权质押融资风险补偿资金池", false},
	{"无中止或保全声明", []string{"无中止或保全声明", "无中止保全声明"}, "是", false},
}

// loanLimits are the most characters each column may hold.
var loanLimits = map[string]int{
	"借款企业": patentbridge.LoanNameMax, "借款企业统一社会信用代码": patentbridge.MaxName, "申请号": patentbridge.MaxField,
	"贷款银行": patentbridge.LoanNameMax, "金额(万元)": patentbridge.MaxName, "期限(月)": patentbridge.MaxName,
	"评估方法": patentbridge.LoanNameMax, "评估价值(万元)": patentbridge.MaxName, "评估机构": patentbridge.LoanNameMax,
	"保险或担保机构": patentbridge.LoanNameMax, "保障比例(%)": patentbridge.MaxName, "质押登记号": patentbridge.LoanNameMax,
	"状态": patentbridge.MaxName, "申请日期": patentbridge.MaxName, "放款日期": patentbridge.MaxName,
	"风险补偿资金池": patentbridge.LoanNameMax, "无中止或保全声明": patentbridge.MaxName,
}

// ImportLoans imports pledge loan files (XLSX, or CSV/TSV in UTF-8, GBK or
// GB18030) row by row through the loan service, each row one loan: 借款企业
// (resolved in the organization registry, by 借款企业统一社会信用代码 first),
// 申请号 (several separated by ；, ;, 、 or ,), 贷款银行, 金额(万元),
// 期限(月), 申请日期 are required; 评估方法, 评估价值(万元), 评估机构,
// 保险或担保机构, 保障比例(%), 质押登记号, 状态 (已申请 when empty), 放款日期,
// 风险补偿资金池 (by name) and 无中止或保全声明 (是/否) are optional. A loan at
// 已登记 or later is a historical record (patentbridge.Loan.ValidateHistory):
// its 质押登记号 stands for the registration checks, which are not run again;
// a loan at 已审批 or earlier runs them when it is registered on the platform.
// A row the service refuses is reported to opt.Rejects with its column.
func ImportLoans(ctx context.Context, store LoanCreator, paths []string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
	return recordImport[*patentbridge.Loan]{what: "专利权质押融资台账", columns: tableColumns(LoanColumns),
		required: requiredColumns(LoanColumns), limits: loanLimits,
		convert: convertLoan,
		store: func(ctx context.Context, l *patentbridge.Loan) (Stored, error) {
			return StoredNew, store.CreateLoan(ctx, l)
		},
	}.run(ctx, paths, opt)
}

// convertLoan turns one row into a loan record, or lists its problems; the
// service validates the rest.
func convertLoan(t *table, r row) (*patentbridge.Loan, []problem) {
	var probs []problem
	bad := func(c cell, reason string) {
		probs = append(probs, problem{column: c.column, value: c.value, reason: reason})
	}
	l := &patentbridge.Loan{
		BorrowerName:       t.get(r, "借款企业").value,
		BorrowerCreditCode: strings.TrimSpace(t.get(r, "借款企业统一社会信用代码").value),
		BankName:           t.get(r, "贷款银行").value,
		ValuationMethod:    t.get(r, "评估方法").value,
		Valuer:             t.get(r, "评估机构").value,
		Guarantor:          t.get(r, "保险或担保机构").value,
		RegistrationNo:     t.get(r, "质押登记号").value,
		RiskPoolName:       strings.TrimSpace(t.get(r, "风险补偿资金池").value),
		Source:             patentbridge.LoanFromImport,
		Status:             patentbridge.LoanApplied,
	}
	l.AppNos = splitAppNos(t.get(r, "申请号").value)
	for _, m := range []struct {
		col string
		dst *int64
	}{{"金额(万元)", &l.AmountFen}, {"评估价值(万元)", &l.ValuationFen}} {
		c := t.get(r, m.col)
		var reason string
		if *m.dst, reason = WanToFen(c.value); reason != "" {
			bad(c, reason)
		}
	}
	for _, m := range []struct {
		col string
		dst *int
	}{{"期限(月)", &l.TermMonths}, {"保障比例(%)", &l.CoverPercent}} {
		c := t.get(r, m.col)
		v := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(c.value), "%"), "个月"))
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			bad(c, c.column+"应为整数")
		}
		*m.dst = n
	}
	if c := t.get(r, "状态"); c.value != "" {
		st, ok := patentbridge.ParseLoanStatus(c.value)
		if !ok {
			bad(c, "状态应为已申请、已评估、已审批、已登记、已放款、已还清、已违约或已拒绝")
		}
		l.Status = st
	}
	for _, m := range []struct {
		col string
		dst *time.Time
	}{{"申请日期", &l.AppliedOn}, {"放款日期", &l.DisbursedOn}} {
		c := t.get(r, m.col)
		if c.value == "" {
			continue
		}
		d, err := patentbridge.ParseDate(c.value)
		if err != nil {
			bad(c, c.column+"无法识别，请填写如 2026-03-10 的日期")
		}
		*m.dst = d
	}
	c := t.get(r, "无中止或保全声明")
	var ok bool
	if l.NoSuspension, ok = parseYesNo(c.value); !ok {
		bad(c, "无中止或保全声明应填写“是”或“否”")
	}
	return l, probs
}

// splitAppNos splits a cell of several application numbers.
func splitAppNos(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return r == '；' || r == ';' || r == '、' || r == ',' || r == '，' || r == '\n'
	}) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// WanToFen reads an amount in 万元 ("200", "200.5", "1,200", "0.000001",
// "80万元") exactly in fen (1 万元 = 1,000,000 分) as patentbridge.ParseWan
// does: at most six decimals, no sign, at most patentbridge.WanMax; "" is 0.
// It returns the reason a value is refused, saying what is wrong with it.
func WanToFen(s string) (int64, string) {
	s = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(s), "万元"), "万")
	fen, err := patentbridge.ParseWan("", s)
	if err != nil {
		return 0, patentbridge.ErrorMessage(err)
	}
	return fen, ""
}
