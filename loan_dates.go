package patentbridge

import "time"

// actDateLabel names the date each act records, as messages name it.
var actDateLabel = map[LoanAct]string{ActValue: "评估日期", ActApprove: "审批日期", ActRegister: "登记日期",
	ActDisburse: "放款日期", ActRepay: "还清日期", ActDefault: "违约日期", ActCompensate: "代偿日期", ActRefuse: "拒绝日期"}

// PreviousStep returns the label and day of the loan's latest recorded step
// (its application, valuation, approval, registration, disbursement, or its
// repayment, default or refusal), before which no later act may fall.
func (l *Loan) PreviousStep() (string, time.Time) {
	label, day := "申请日期", DateOf(l.AppliedOn)
	closed := map[LoanStatus]string{LoanRepaid: "还清日期", LoanDefaulted: "违约日期", LoanCompensated: "违约日期", LoanRefused: "拒绝日期"}[l.Status]
	for _, s := range []struct {
		label string
		on    time.Time
	}{{"评估日期", l.ValuedOn}, {"审批日期", l.ApprovedOn}, {"登记日期", l.RegisteredOn}, {"放款日期", l.DisbursedOn}, {closed, l.ClosedOn}} {
		if !s.on.IsZero() && !DateOf(s.on).Before(day) {
			label, day = s.label, DateOf(s.on)
		}
	}
	return label, day
}

// CheckActDay checks the day on of act a on the loan: not after today and
// not before the loan's previous step (application ≤ valuation ≤ approval ≤
// registration ≤ disbursement ≤ repayment or default ≤ compensation; a
// refusal not before the step it ends). Errors name the request's field
// "date" and, in Chinese, both dates (EINVALID).
func (l *Loan) CheckActDay(a LoanAct, on, today time.Time) error {
	label := actDateLabel[a]
	if label == "" {
		label = "日期"
	}
	on = DateOf(on)
	if on.After(DateOf(today)) {
		return FieldErrorf("date", "%s %s 晚于今天", label, FormatDate(on))
	}
	if err := checkFloorAs("date", label, on); err != nil {
		return err
	}
	if prev, day := l.PreviousStep(); on.Before(day) {
		return FieldErrorf("date", "%s %s 早于该贷款的%s %s：各环节的日期不能早于上一环节", label, FormatDate(on), prev, FormatDate(day))
	}
	return nil
}
