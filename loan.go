package patentbridge

import (
	"slices"
	"strings"
	"time"
)

// LoanStatus is where a pledge loan (专利权质押融资) stands in its workflow.
type LoanStatus string

// Loan statuses, in workflow order.
const (
	LoanApplied     LoanStatus = "applied"     // 已申请
	LoanValued      LoanStatus = "valued"      // 已评估
	LoanApproved    LoanStatus = "approved"    // 已审批
	LoanRegistered  LoanStatus = "registered"  // 已登记 (pledge registered at CNIPA)
	LoanDisbursed   LoanStatus = "disbursed"   // 已放款
	LoanRepaid      LoanStatus = "repaid"      // 已还清
	LoanDefaulted   LoanStatus = "defaulted"   // 已违约
	LoanCompensated LoanStatus = "compensated" // 已代偿
	LoanRefused     LoanStatus = "refused"     // 已拒绝
)

// LoanStatuses lists every loan status in display order.
var LoanStatuses = []LoanStatus{LoanApplied, LoanValued, LoanApproved, LoanRegistered, LoanDisbursed,
	LoanRepaid, LoanDefaulted, LoanCompensated, LoanRefused}

// Label returns the Chinese name of the status.
func (s LoanStatus) Label() string {
	switch s {
	case LoanApplied:
		return "已申请"
	case LoanValued:
		return "已评估"
	case LoanApproved:
		return "已审批"
	case LoanRegistered:
		return "已登记"
	case LoanDisbursed:
		return "已放款"
	case LoanRepaid:
		return "已还清"
	case LoanDefaulted:
		return "已违约"
	case LoanCompensated:
		return "已代偿"
	case LoanRefused:
		return "已拒绝"
	}
	return string(s)
}

// ParseLoanStatus reads a status by its Chinese name or its code; ok is false
// for anything else.
func ParseLoanStatus(s string) (LoanStatus, bool) {
	s = strings.TrimSpace(s)
	for _, st := range LoanStatuses {
		if s == string(st) || s == st.Label() {
			return st, true
		}
	}
	return "", false
}

// loanMoves is the workflow: the statuses a loan may move to from each status.
// A loan is refused only before its pledge is registered.
var loanMoves = map[LoanStatus][]LoanStatus{
	LoanApplied:    {LoanValued, LoanRefused},
	LoanValued:     {LoanApproved, LoanRefused},
	LoanApproved:   {LoanRegistered, LoanRefused},
	LoanRegistered: {LoanDisbursed},
	LoanDisbursed:  {LoanRepaid, LoanDefaulted},
	LoanDefaulted:  {LoanCompensated},
}

// CanMove reports whether the workflow lets a loan go from one status to another.
func (s LoanStatus) CanMove(to LoanStatus) bool { return slices.Contains(loanMoves[s], to) }

// Outstanding reports whether a loan in the status is a live commitment of
// its bank: approved and not yet repaid, compensated or refused. Such loans
// use their risk pool's leverage.
func (s LoanStatus) Outstanding() bool {
	return s == LoanApproved || s == LoanRegistered || s == LoanDisbursed || s == LoanDefaulted
}

// Pledging reports whether a loan in the status holds its patents pledged:
// registered and not released by repayment or refusal.
func (s LoanStatus) Pledging() bool {
	return s == LoanRegistered || s == LoanDisbursed || s == LoanDefaulted
}

// Where a loan record came from.
const (
	LoanFromForm   = "form"   // entered on the platform and worked through its workflow
	LoanFromImport = "import" // a row of an uploaded loan workbook, possibly historical
)

// Loan limits.
const (
	LoanAmountMaxFen  = 10_000_000_000_00 // RMB 10 billion
	LoanTermMaxMonths = 360
	LoanPatentsMax    = 50
	LoanNameMax       = 200
	LoanNoteMax       = 500
)

// Loan is one pledge loan: a borrower (an organization of the registry)
// pledges its patents to a bank for an amount over a term in months, backed
// by an insurer or guarantor covering a share and by a risk pool (DESIGN
// §3.10). City is the borrower's 4-digit 市(州), where the KPIs count the
// loan in the year of DisbursedOn.
type Loan struct {
	ID                 int64      `json:"id"`
	BorrowerOrgID      int64      `json:"borrower_organization_id"`
	BorrowerName       string     `json:"borrower"`
	BorrowerCreditCode string     `json:"borrower_credit_code,omitempty"` // resolves the borrower before its name
	City               string     `json:"city"`
	BankName           string     `json:"bank"`
	AmountFen          int64      `json:"amount_fen"`
	TermMonths         int        `json:"term_months"`
	AppNos             []string   `json:"app_nos"`
	Status             LoanStatus `json:"status"`
	RiskPoolID         int64      `json:"risk_pool_id,omitempty"`
	RiskPoolName       string     `json:"risk_pool,omitempty"` // resolves the pool when RiskPoolID is 0 (imports)
	// Guarantor is the insurer or guarantor (保险或担保机构) and CoverPercent the
	// share of the loan it covers (保障比例).
	Guarantor    string `json:"guarantor,omitempty"`
	CoverPercent int    `json:"cover_percent"`
	// Valuation (评估), set by the act "value".
	ValuationMethod string `json:"valuation_method,omitempty"`
	ValuationFen    int64  `json:"valuation_fen"`
	Valuer          string `json:"valuer,omitempty"`
	// RegistrationNo is the pledge registration number (质押登记号) of CNIPA.
	RegistrationNo string `json:"registration_no,omitempty"`
	// NoSuspension is the borrower's declaration, confirmed by the official who
	// registers the pledge, that no pledged patent is under suspended proceedings
	// (程序中止) or property preservation (财产保全): imported legal events rarely
	// show these, and no event type of the platform names them.
	NoSuspension bool `json:"no_suspension"`
	// InvalidationConsent says both parties agreed to pledge a patent whose
	// invalidation request is pending (无效宣告请求审查中).
	InvalidationConsent bool          `json:"invalidation_consent"`
	AppliedOn           time.Time     `json:"-"`
	ValuedOn            time.Time     `json:"-"` // set by the act "value"
	ApprovedOn          time.Time     `json:"-"` // set by the act "approve"
	RegisteredOn        time.Time     `json:"-"`
	DisbursedOn         time.Time     `json:"-"`
	ClosedOn            time.Time     `json:"-"` // repaid, defaulted or refused on
	Refusal             string        `json:"refusal,omitempty"`
	Compensation        *Compensation `json:"compensation,omitempty"`
	Source              string        `json:"source"`
	CreatedBy           int64         `json:"created_by"`
	CreatedAt           time.Time     `json:"created_at"`
	UpdatedAt           time.Time     `json:"updated_at"`
}

// Validate trims and checks a loan application (or an imported loan record):
// a borrower, a bank, an amount and a term within range, one to 50 distinct
// valid application numbers, a cover share of 0–100 and an application date
// not after today. Errors name the loan template's column (EINVALID).
func (l *Loan) Validate(today time.Time) error {
	l.BorrowerName, l.BankName = NormalizeOrgName(l.BorrowerName), NormalizeOrgName(l.BankName)
	l.Guarantor = NormalizeOrgName(l.Guarantor)
	l.ValuationMethod, l.Valuer = strings.TrimSpace(l.ValuationMethod), NormalizeOrgName(l.Valuer)
	l.RegistrationNo = strings.TrimSpace(l.RegistrationNo)
	switch {
	case l.BorrowerName == "" && l.BorrowerCreditCode == "":
		return FieldErrorf("借款企业", "请填写借款企业")
	case l.BankName == "":
		return FieldErrorf("贷款银行", "请填写贷款银行")
	case l.AmountFen <= 0 || l.AmountFen > LoanAmountMaxFen:
		return FieldErrorf("金额(万元)", "贷款金额应大于 0 且不超过 %s", FormatFen(LoanAmountMaxFen))
	case l.TermMonths <= 0 || l.TermMonths > LoanTermMaxMonths:
		return FieldErrorf("期限(月)", "贷款期限应为 1 至 %d 个月", LoanTermMaxMonths)
	case len(l.AppNos) == 0:
		return FieldErrorf("申请号", "请填写质押专利的申请号")
	case len(l.AppNos) > LoanPatentsMax:
		return FieldErrorf("申请号", "一笔贷款最多质押 %d 件专利（现有 %d 件）", LoanPatentsMax, len(l.AppNos))
	case l.CoverPercent < 0 || l.CoverPercent > 100:
		return FieldErrorf("保障比例(%)", "保障比例应在 0 至 100 之间")
	case l.ValuationFen < 0 || l.ValuationFen > LoanAmountMaxFen*10:
		return FieldErrorf("评估价值(万元)", "评估价值应在 0 至 %s 之间", FormatFen(LoanAmountMaxFen*10))
	case l.AppliedOn.IsZero():
		return FieldErrorf("申请日期", "请填写申请日期")
	case DateOf(l.AppliedOn).After(DateOf(today)):
		return FieldErrorf("申请日期", "申请日期 %s 晚于今天", FormatDate(l.AppliedOn))
	}
	if err := CheckRecordFloor("申请日期", l.AppliedOn); err != nil {
		return err
	}
	seen := map[string]bool{}
	for i, a := range l.AppNos {
		no, _, err := NormalizeAppNo(a)
		if err != nil {
			return FieldErrorf("申请号", "申请号 %q 无效", ClipValue(a))
		}
		if seen[no] {
			return FieldErrorf("申请号", "申请号 %s 重复", FormatAppNo(no))
		}
		seen[no], l.AppNos[i] = true, no
	}
	if l.BorrowerCreditCode != "" {
		code, err := NormalizeCreditCode(l.BorrowerCreditCode)
		if err != nil {
			return FieldErrorf("借款企业统一社会信用代码", "%s", ErrorMessage(err))
		}
		l.BorrowerCreditCode = code
	}
	l.AppliedOn = DateOf(l.AppliedOn)
	for _, c := range []struct{ col, v string }{{"借款企业", l.BorrowerName}, {"贷款银行", l.BankName},
		{"保险或担保机构", l.Guarantor}, {"评估机构", l.Valuer}, {"评估方法", l.ValuationMethod}, {"质押登记号", l.RegistrationNo}} {
		if err := CheckText(c.col, c.col, c.v, LoanNameMax, false); err != nil {
			return err
		}
	}
	return nil
}

// DebtEnd returns the last day of the debt when it starts on day: the day
// before the same date TermMonths later.
func (l *Loan) DebtEnd(start time.Time) time.Time {
	return AddMonths(start, l.TermMonths).AddDate(0, 0, -1)
}

// ValidateHistory checks an imported loan recorded at a later status than
// 已申请 (a loan worked outside the platform): a pledge registration number
// from 已登记 on, a disbursement date from 已放款 on, not before the
// application and not after today; 已代偿 is not imported, because the
// compensation draws on the pool (import it as 已违约 and record the
// compensation on the platform). The registration checks are not run again:
// the registration number is CNIPA's record that they were passed. Errors
// name the template's column (EINVALID).
func (l *Loan) ValidateHistory(today time.Time) error {
	switch l.Status {
	case "", LoanApplied, LoanValued, LoanApproved, LoanRefused:
		return nil
	case LoanCompensated:
		return FieldErrorf("状态", "已代偿的贷款不能导入：请按“已违约”导入，再在平台登记代偿（代偿从风险补偿资金池支付）")
	case LoanRegistered, LoanDisbursed, LoanRepaid, LoanDefaulted:
	default:
		return FieldErrorf("状态", "状态 %q 无效：应为已申请、已评估、已审批、已登记、已放款、已还清、已违约或已拒绝", ClipValue(string(l.Status)))
	}
	if l.RegistrationNo == "" {
		return FieldErrorf("质押登记号", "状态为%s的贷款须填写质押登记号", l.Status.Label())
	}
	if l.Status == LoanRegistered {
		return nil
	}
	switch {
	case l.DisbursedOn.IsZero():
		return FieldErrorf("放款日期", "状态为%s的贷款须填写放款日期", l.Status.Label())
	case DateOf(l.DisbursedOn).Before(DateOf(l.AppliedOn)):
		return FieldErrorf("放款日期", "放款日期 %s 早于申请日期 %s", FormatDate(l.DisbursedOn), FormatDate(l.AppliedOn))
	case DateOf(l.DisbursedOn).After(DateOf(today)):
		return FieldErrorf("放款日期", "放款日期 %s 晚于今天", FormatDate(l.DisbursedOn))
	}
	l.DisbursedOn = DateOf(l.DisbursedOn)
	return nil
}
