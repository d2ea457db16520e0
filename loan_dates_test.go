package patentbridge

import (
	"strings"
	"testing"
)

// Each act falls on or after the loan's latest step, which is named in the
// refusal, and not after today.
func TestLoanCheckActDay(t *testing.T) {
	today := day("2026-11-27")
	l := &Loan{Status: LoanApproved, AppliedOn: day("2026-10-01"), ValuedOn: day("2026-11-02"), ApprovedOn: day("2026-11-05")}
	for _, tc := range []struct {
		act  LoanAct
		on   string
		want string // "" accepted
	}{
		{ActRegister, "2026-11-05", ""},
		{ActRegister, "2026-11-04", "登记日期 2026-11-04 早于该贷款的审批日期 2026-11-05"},
		{ActRefuse, "2026-11-27", ""},
		{ActRefuse, "2026-11-28", "拒绝日期 2026-11-28 晚于今天"},
	} {
		err := l.CheckActDay(tc.act, day(tc.on), today)
		if tc.want == "" && err != nil || tc.want != "" && (ErrorCode(err) != EINVALID || ErrorField(err) != "date" || !strings.Contains(ErrorMessage(err), tc.want)) {
			t.Errorf("%s on %s: %v, want %q", tc.act, tc.on, err, tc.want)
		}
	}
	// a defaulted loan's compensation follows its default
	l = &Loan{Status: LoanDefaulted, AppliedOn: day("2026-01-05"), DisbursedOn: day("2026-03-10"), ClosedOn: day("2026-09-30")}
	if err := l.CheckActDay(ActCompensate, day("2026-09-29"), today); !strings.Contains(ErrorMessage(err), "代偿日期 2026-09-29 早于该贷款的违约日期 2026-09-30") {
		t.Errorf("compensation before the default: %v", err)
	}
	// an imported loan without valuation or approval days starts from its application
	l = &Loan{Status: LoanValued, AppliedOn: day("2026-01-05")}
	if err := l.CheckActDay(ActApprove, day("2026-01-04"), today); !strings.Contains(ErrorMessage(err), "早于该贷款的申请日期 2026-01-05") {
		t.Errorf("approval before the application: %v", err)
	}
}
