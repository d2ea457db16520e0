package patentbridge

import (
	"strings"
	"testing"
	"time"
)

func TestLoanWorkflow(t *testing.T) {
	for _, tc := range []struct {
		from, to LoanStatus
		ok       bool
	}{
		{LoanApplied, LoanValued, true},
		{LoanApplied, LoanApproved, false}, // no approval before valuation
		{LoanValued, LoanApproved, true},
		{LoanApproved, LoanRegistered, true},
		{LoanApproved, LoanDisbursed, false}, // no money before the pledge is registered
		{LoanRegistered, LoanDisbursed, true},
		{LoanRegistered, LoanRefused, false},
		{LoanDisbursed, LoanRepaid, true},
		{LoanDisbursed, LoanDefaulted, true},
		{LoanDisbursed, LoanCompensated, false},
		{LoanDefaulted, LoanCompensated, true},
		{LoanRepaid, LoanDefaulted, false},
		{LoanCompensated, LoanRepaid, false},
		{LoanRefused, LoanValued, false},
	} {
		if got := tc.from.CanMove(tc.to); got != tc.ok {
			t.Errorf("%s → %s: %v, want %v", tc.from.Label(), tc.to.Label(), got, tc.ok)
		}
	}
	want := "已申请 已评估 已审批 已登记 已放款 已还清 已违约 已代偿 已拒绝"
	var labels []string
	for _, s := range LoanStatuses {
		labels = append(labels, s.Label())
		if p, ok := ParseLoanStatus(s.Label()); !ok || p != s {
			t.Errorf("ParseLoanStatus(%s) = %s %v", s.Label(), p, ok)
		}
	}
	if strings.Join(labels, " ") != want {
		t.Errorf("labels %v", labels)
	}
}

func validLoan() *Loan {
	return &Loan{BorrowerName: "成都芯动科技有限公司", BankName: "成都银行", AmountFen: 500_0000_00, TermMonths: 12,
		AppNos: []string{"2020100000011"}, AppliedOn: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}
}

func TestLoanValidateNamesTemplateColumns(t *testing.T) {
	today := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	l := validLoan()
	l.AppNos = []string{"CN202010000001.1"}
	if err := l.Validate(today); err != nil {
		t.Fatal(err)
	}
	if l.AppNos[0] != "2020100000011" {
		t.Errorf("app no %q", l.AppNos[0])
	}
	for _, tc := range []struct {
		field  string
		change func(l *Loan)
	}{
		{"借款企业", func(l *Loan) { l.BorrowerName = " " }},
		{"贷款银行", func(l *Loan) { l.BankName = "" }},
		{"金额(万元)", func(l *Loan) { l.AmountFen = 0 }},
		{"期限(月)", func(l *Loan) { l.TermMonths = 361 }},
		{"申请号", func(l *Loan) { l.AppNos = nil }},
		{"申请号", func(l *Loan) { l.AppNos = []string{"123"} }},
		{"申请号", func(l *Loan) { l.AppNos = []string{"2020100000011", "ZL202010000001.1"} }},
		{"保障比例(%)", func(l *Loan) { l.CoverPercent = 101 }},
		{"申请日期", func(l *Loan) { l.AppliedOn = today.AddDate(0, 0, 1) }},
		{"借款企业统一社会信用代码", func(l *Loan) { l.BorrowerCreditCode = "91510100MA6C" }},
		{"评估机构", func(l *Loan) { l.Valuer = strings.Repeat("评", 201) }},
	} {
		l := validLoan()
		tc.change(l)
		if err := l.Validate(today); ErrorField(err) != tc.field {
			t.Errorf("%s: %v", tc.field, err)
		}
	}
}

func TestCompensationSplitIsExactInFen(t *testing.T) {
	deyang := &RiskPool{InsurerShare: 3, BankShare: 2, GovShare: 5, RemainderTo: PartyBank}
	for _, tc := range []struct {
		name                string
		pool                *RiskPool
		loss                int64
		insurer, bank, gove int64
	}{
		// 1,000,000.01 元: 30,000,000.3 / 20,000,000.2 / 50,000,000.5 fen; the one fen left goes to the bank.
		{"1,000,000.01 元 at 3:2:5", deyang, 100_000_001, 30_000_000, 20_000_001, 50_000_000},
		{"1 fen at 3:2:5", deyang, 1, 0, 1, 0},
		{"9 fen at 3:2:5", deyang, 9, 2, 3, 4}, // 2.7, 1.8, 4.5 → 2, 1, 4; the 2 fen left to the bank
		{"5m at 3:2:5", deyang, 500_0000_00, 150_0000_00, 100_0000_00, 250_0000_00},
		{"direct bank loan 5:5, remainder to the city", &RiskPool{BankShare: 5, GovShare: 5, RemainderTo: PartyGov}, 100_000_001, 0, 50_000_000, 50_000_001},
	} {
		c := tc.pool.Split(tc.loss)
		if c.InsurerFen != tc.insurer || c.BankFen != tc.bank || c.GovFen != tc.gove {
			t.Errorf("%s: %d/%d/%d, want %d/%d/%d", tc.name, c.InsurerFen, c.BankFen, c.GovFen, tc.insurer, tc.bank, tc.gove)
		}
		if c.InsurerFen+c.BankFen+c.GovFen != tc.loss {
			t.Errorf("%s: parts do not add up to the loss", tc.name)
		}
	}
}

func TestRiskPoolValidateAndApproval(t *testing.T) {
	p := &RiskPool{Name: "德阳市知识产权质押融资风险补偿资金池", City: "5106", BalanceFen: 1000_0000_00, Leverage: 10,
		LossCapFen: 500_0000_00, InsurerShare: 3, BankShare: 2, GovShare: 5}
	if err := p.Validate(); err != nil || p.RemainderTo != PartyBank {
		t.Fatalf("%v %s", err, p.RemainderTo)
	}
	bad := *p
	bad.InsurerShare, bad.RemainderTo = 3, PartyInsurer
	bad.InsurerShare = 0
	if err := bad.Validate(); ErrorField(err) != "remainder_to" {
		t.Errorf("remainder to a party without a share: %v", err)
	}
	bad = *p
	bad.Leverage = 0
	if err := bad.Validate(); ErrorField(err) != "leverage" {
		t.Errorf("leverage 0: %v", err)
	}
	// 100m of capacity: 95m outstanding leaves room for 5m, not for 5m and a fen.
	p.OutstandingFen = 9500_0000_00
	if err := p.CheckApproval(500_0000_00); err != nil {
		t.Errorf("within leverage: %v", err)
	}
	if err := p.CheckApproval(500_0000_01); ErrorCode(err) != ECONFLICT || !strings.Contains(ErrorMessage(err), "放大倍数") {
		t.Errorf("past leverage: %v", err)
	}
	p.OutstandingFen, p.LossesFen = 0, 500_0000_00
	if err := p.CheckApproval(1); ErrorCode(err) != ECONFLICT || !strings.Contains(ErrorMessage(err), "暂停新增贷款业务") {
		t.Errorf("at the loss cap: %v", err)
	}
}
