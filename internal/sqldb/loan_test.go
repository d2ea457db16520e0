package sqldb_test

import (
	"context"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// wan converts 万元 to fen.
func wan(n int64) int64 { return n * 1_000_000 }

// loanFixture is a Chengdu SME with two granted inventions, a Deyang firm
// with one, 四川大学 with one, the admin and a Chengdu city user.
type loanFixture struct {
	admin, chengdu              *patentbridge.User
	firmA, firmB, deyangP, scuP *patentbridge.Patent
}

func newLoanFixture(t *testing.T, db *sqldb.DB) loanFixture {
	t.Helper()
	MustOrganization(t, db, "成都芯动科技有限公司", patentbridge.PartyEnterprise, "5101")
	MustOrganization(t, db, "德阳东汽装备有限公司", patentbridge.PartyEnterprise, "5106")
	MustOrganization(t, db, "四川大学", patentbridge.PartyUniversity, "5101")
	owned := func(serial int, title, owner string) *patentbridge.Patent {
		return craftedPatent(serial, title, func(p *patentbridge.Patent) {
			o := patentbridge.Party{Name: owner, Type: patentbridge.PartyEnterprise}
			p.Applicants, p.Patentees = []patentbridge.Party{o}, []patentbridge.Party{o}
		})
	}
	f := loanFixture{
		admin:   MustCreateUser(t, db, "admin", patentbridge.RoleAdmin, pw),
		chengdu: MustCreateUser(t, db, "chengdu", patentbridge.RoleCity, pw),
		firmA:   owned(41, "一种车规级芯片散热封装结构", "成都芯动科技有限公司"),
		firmB:   owned(42, "一种低功耗图像传感器读出电路", "成都芯动科技有限公司"),
		deyangP: owned(43, "一种燃气轮机叶片冷却结构", "德阳东汽装备有限公司"),
		scuP:    craftedPatent(44, "一种锂离子电池正极材料及其制备方法", nil),
	}
	MustUpsert(t, db, f.firmA, f.firmB, f.deyangP, f.scuP)
	if _, err := db.SyncOrganizations(platformCtx()); err != nil {
		t.Fatal(err)
	}
	return f
}

// newLoan is a 200 万元, 24-month application of the Chengdu SME pledging ps,
// declaring no suspension or preservation.
func newLoan(poolID int64, ps ...*patentbridge.Patent) *patentbridge.Loan {
	l := &patentbridge.Loan{BorrowerName: "成都芯动科技有限公司", BankName: "成都银行", AmountFen: wan(200), TermMonths: 24,
		RiskPoolID: poolID, Guarantor: "中国人民财产保险股份有限公司四川省分公司", CoverPercent: 30, NoSuspension: true,
		AppliedOn: date("2026-02-10")}
	for _, p := range ps {
		l.AppNos = append(l.AppNos, p.AppNo)
	}
	return l
}

// MustCreatePool stores a Chengdu pool of the balance (万元) at leverage 10,
// splitting 3:2:5, with a loss cap (万元, 0 for none), opened on 2026-01-05.
func MustCreatePool(tb testing.TB, db *sqldb.DB, ctx context.Context, balanceWan, capWan int64) *patentbridge.RiskPool {
	tb.Helper()
	p := &patentbridge.RiskPool{Name: "成都市知识产权质押融资风险补偿资金池", City: "5101", BalanceFen: wan(balanceWan), Leverage: 10,
		LossCapFen: wan(capWan), InsurerShare: 3, BankShare: 2, GovShare: 5, OpenedOn: date("2026-01-05")}
	if err := db.CreateRiskPool(ctx, p); err != nil {
		tb.Fatalf("CreateRiskPool: %v", err)
	}
	return p
}

// MustAct records the acts on the loan in order and returns it after the last.
func MustAct(tb testing.TB, db *sqldb.DB, ctx context.Context, id int64, acts ...patentbridge.LoanAction) *patentbridge.Loan {
	tb.Helper()
	var l *patentbridge.Loan
	for _, a := range acts {
		var err error
		if l, err = db.ActOnLoan(ctx, id, a); err != nil {
			tb.Fatalf("%s loan %d: %v", a.Act, id, err)
		}
	}
	return l
}

var (
	valued     = patentbridge.LoanAction{Act: patentbridge.ActValue, ValuationMethod: "收益法", ValuationFen: wan(500), Valuer: "四川天府资产评估有限公司", On: date("2026-02-15")}
	approved   = patentbridge.LoanAction{Act: patentbridge.ActApprove, On: date("2026-02-20")}
	registered = patentbridge.LoanAction{Act: patentbridge.ActRegister, RegistrationNo: "Y2026510000123", NoSuspension: true, On: date("2026-03-01")}
	disbursed  = patentbridge.LoanAction{Act: patentbridge.ActDisburse, On: date("2026-03-10")}
)

// A loan goes through the workflow to default; its compensation splits the
// loss of 1,000,000.01 元 3:2:5 to the fen (the odd fen to the bank), draws the
// government's share from the pool, and counts the loss toward the cap, which
// then stops new approvals.
func TestLoanCompensationSplitsTheLossAndTheCapStopsNewApprovals(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLoanFixture(t, db)
		pool := MustCreatePool(t, db, as(f.admin), 1000, 100)
		l := newLoan(pool.ID, f.firmA)
		if err := db.CreateLoan(as(f.admin), l); err != nil {
			t.Fatal(err)
		}
		if l.Status != patentbridge.LoanApplied || l.City != "5101" || l.BorrowerOrgID == 0 {
			t.Fatalf("application: %+v", l)
		}
		wantCode(t, func() error {
			_, err := db.ActOnLoan(as(f.admin), l.ID, approved)
			return err
		}(), patentbridge.ECONFLICT) // no approval before valuation
		MustAct(t, db, as(f.admin), l.ID, valued, approved, registered, disbursed,
			patentbridge.LoanAction{Act: patentbridge.ActDefault, On: date("2026-09-30")})
		got := MustAct(t, db, as(f.admin), l.ID, patentbridge.LoanAction{Act: patentbridge.ActCompensate, LossFen: 100_000_001, On: date("2026-10-15")})
		c := got.Compensation
		if got.Status != patentbridge.LoanCompensated || c == nil || c.InsurerFen != 30_000_000 || c.BankFen != 20_000_001 || c.GovFen != 50_000_000 {
			t.Fatalf("compensation: %s %+v", got.Status, c)
		}
		again, err := db.FindLoan(as(f.admin), l.ID)
		if err != nil || again.Compensation == nil || again.Compensation.GovFen != 50_000_000 || again.RegistrationNo != "Y2026510000123" ||
			again.ValuationFen != wan(500) || patentbridge.FormatDate(again.DisbursedOn) != "2026-03-10" || len(again.AppNos) != 1 {
			t.Fatalf("stored loan: %v %+v", err, again)
		}
		p, err := db.FindRiskPool(as(f.admin), pool.ID)
		if err != nil || p.BalanceFen != wan(1000)-50_000_000 || p.LossesFen != 100_000_001 || p.OutstandingFen != 0 {
			t.Fatalf("pool after the claim: %v %+v", err, p)
		}
		ctx := context.Background()
		if n, _ := db.QueryIntForTest(ctx, "SELECT COUNT(*) FROM risk_pool_movements WHERE kind = 'compensation' AND amount_fen = -50000000"); n != 1 {
			t.Errorf("%d compensation movements", n)
		}
		if n, _ := db.QueryIntForTest(ctx, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'loan.%'"); n != 7 {
			t.Errorf("%d loan audit rows, want create and six acts", n)
		}
		// The 100 万元 cap is reached: a valued loan is not approved.
		next := newLoan(pool.ID, f.firmB)
		next.AppliedOn = date("2026-10-20")
		if err := db.CreateLoan(as(f.admin), next); err != nil {
			t.Fatal(err)
		}
		val := valued
		val.On = date("2026-10-25")
		MustAct(t, db, as(f.admin), next.ID, val)
		_, err = db.ActOnLoan(as(f.admin), next.ID, patentbridge.LoanAction{Act: patentbridge.ActApprove})
		if patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || !strings.Contains(patentbridge.ErrorMessage(err), "暂停新增贷款业务") {
			t.Fatalf("approval past the loss cap: %v", err)
		}
		if n, _ := db.FindLoan(as(f.admin), next.ID); n.Status != patentbridge.LoanValued {
			t.Errorf("refused approval moved the loan to %s", n.Status)
		}
		// A compensated loan is not compensated twice.
		_, err = db.ActOnLoan(as(f.admin), l.ID, patentbridge.LoanAction{Act: patentbridge.ActCompensate, LossFen: 1})
		wantCode(t, err, patentbridge.ECONFLICT)
	})
}

// A pool of 10 万元 at leverage 10 backs 100 万元 of outstanding loans.
func TestLoanApprovalRefusedPastThePoolsLeverage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLoanFixture(t, db)
		pool := MustCreatePool(t, db, as(f.admin), 10, 0)
		mk := func(amountWan int64, p *patentbridge.Patent) *patentbridge.Loan {
			l := newLoan(pool.ID, p)
			l.AmountFen = wan(amountWan)
			if err := db.CreateLoan(as(f.admin), l); err != nil {
				t.Fatal(err)
			}
			MustAct(t, db, as(f.admin), l.ID, valued)
			return l
		}
		first, second, third := mk(60, f.firmA), mk(50, f.firmB), mk(40, f.firmB)
		MustAct(t, db, as(f.admin), first.ID, approved)
		_, err := db.ActOnLoan(as(f.admin), second.ID, approved)
		if patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || !strings.Contains(patentbridge.ErrorMessage(err), "放大倍数") {
			t.Fatalf("60 + 50 万元 on a 100 万元 capacity: %v", err)
		}
		MustAct(t, db, as(f.admin), third.ID, approved) // 60 + 40 = 100
		if p, _ := db.FindRiskPool(as(f.admin), pool.ID); p.OutstandingFen != wan(100) || p.CapacityFen() != wan(100) {
			t.Errorf("pool %+v", p)
		}
		// A top-up of 5 万元 makes room for 50 万元 more.
		if _, err := db.DepositRiskPool(as(f.admin), pool.ID, wan(5), date("2026-11-01")); err != nil {
			t.Fatal(err)
		}
		MustAct(t, db, as(f.admin), second.ID, approved)
		if p, _ := db.FindRiskPool(as(f.admin), pool.ID); p.OutstandingFen != wan(150) || p.CapacityFen() != wan(150) {
			t.Errorf("pool after the top-up %+v", p)
		}
		if _, err := db.DepositRiskPool(as(f.admin), pool.ID, 0, date("2026-11-01")); patentbridge.ErrorField(err) != "amount_fen" {
			t.Errorf("a zero top-up: %v", err)
		}
		if _, err := db.ActOnLoan(as(f.admin), third.ID, patentbridge.LoanAction{Act: patentbridge.ActRefuse, Reason: "企业撤回申请"}); err != nil {
			t.Fatal(err)
		}
		// Refusing and repaying free the capacity: 150 万元 holds 60 + 50 + another 40.
		fourth := mk(41, f.firmA)
		if _, err := db.ActOnLoan(as(f.admin), fourth.ID, approved); patentbridge.ErrorCode(err) != patentbridge.ECONFLICT {
			t.Fatalf("60 + 50 + 41 万元 on 150 万元: %v", err)
		}
		MustAct(t, db, as(f.admin), first.ID, registered, disbursed, patentbridge.LoanAction{Act: patentbridge.ActRepay, On: date("2026-11-01")})
		MustAct(t, db, as(f.admin), fourth.ID, approved)
	})
}

// Registration runs the refusals of 专利权质押登记办法 on the stored patents.
func TestLoanRegistrationRefusals(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLoanFixture(t, db)
		n := int64(0)
		approvedLoan := func(l *patentbridge.Loan) *patentbridge.Loan {
			n++
			l.AmountFen += wan(n) // not the same loan twice
			if err := db.CreateLoan(as(f.admin), l); err != nil {
				t.Fatal(err)
			}
			return MustAct(t, db, as(f.admin), l.ID, valued, approved)
		}
		refusal := func(l *patentbridge.Loan, a patentbridge.LoanAction, code, want string) {
			t.Helper()
			_, err := db.ActOnLoan(as(f.admin), l.ID, a)
			if patentbridge.ErrorCode(err) != code || !strings.Contains(patentbridge.ErrorMessage(err), want) {
				t.Errorf("registration: %v, want %s", err, want)
			}
		}
		// The borrower is not the patentee of 四川大学's patent.
		notOwner := approvedLoan(newLoan(0, f.firmA, f.scuP))
		refusal(notOwner, registered, patentbridge.EINVALID, "出质人“成都芯动科技有限公司”不是该专利的登记专利权人（专利权人：四川大学）")
		// The official does not confirm the declaration.
		first := approvedLoan(newLoan(0, f.firmA))
		unconfirmed := registered
		unconfirmed.NoSuspension = false
		refusal(first, unconfirmed, patentbridge.EINVALID, "请借款企业声明并经经办人核实")
		MustAct(t, db, as(f.admin), first.ID, registered)
		// The patent is pledged to the first loan until it is repaid.
		second := approvedLoan(newLoan(0, f.firmA))
		refusal(second, registered, patentbridge.ECONFLICT, "该专利已为贷款 "+itoa(first.ID)+" 出质")
		MustAct(t, db, as(f.admin), first.ID, disbursed, patentbridge.LoanAction{Act: patentbridge.ActRepay, On: date("2026-06-01")})
		MustAct(t, db, as(f.admin), second.ID, registered)
		// A debt running past the invention's term (filed 2019-03-01, to 2039-02-28).
		long := newLoan(0, f.firmB)
		long.TermMonths = 157
		refusal(approvedLoan(long), registered, patentbridge.EINVALID, "超过专利权有效期（至 2039-02-28）")
		// A patent the platform does not hold.
		unknown := newLoan(0)
		unknown.AppNos = []string{appNo(2021, 1, 999)}
		refusal(approvedLoan(unknown), registered, patentbridge.EINVALID, "未收录于平台")
	})
}

// City users work and read only their city's loans; filters select by status,
// year of disbursement, city and bank.
func TestLoanScopeAndFilters(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLoanFixture(t, db)
		deyang := &patentbridge.Loan{BorrowerName: "德阳东汽装备有限公司", BankName: "德阳农商银行", AmountFen: wan(300), TermMonths: 12,
			AppNos: []string{f.deyangP.AppNo}, AppliedOn: date("2026-01-05"), NoSuspension: true}
		err := db.CreateLoan(as(f.chengdu), deyang)
		wantCode(t, err, patentbridge.EFORBIDDEN)
		if patentbridge.ErrorField(err) != "借款企业" { // the import's reject report names the column
			t.Errorf("another city's borrower: field %q", patentbridge.ErrorField(err))
		}
		if err := db.CreateLoan(as(f.admin), deyang); err != nil || deyang.City != "5106" {
			t.Fatalf("%v %+v", err, deyang)
		}
		mine := newLoan(0, f.firmA)
		if err := db.CreateLoan(as(f.chengdu), mine); err != nil {
			t.Fatal(err)
		}
		again := newLoan(0, f.firmB) // the same borrower, bank, amount and day: an import run twice
		if err := db.CreateLoan(as(f.admin), again); patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || patentbridge.ErrorField(err) != "借款企业" ||
			!strings.Contains(patentbridge.ErrorMessage(err), "该贷款已登记为贷款 "+itoa(mine.ID)) {
			t.Errorf("the same loan twice: %v", err)
		}
		MustAct(t, db, as(f.chengdu), mine.ID, valued, approved, registered, disbursed)
		if _, err := db.ActOnLoan(as(f.chengdu), deyang.ID, valued); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("chengdu acts on a Deyang loan: %v", err)
		}
		if _, err := db.FindLoan(as(f.chengdu), deyang.ID); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("chengdu reads a Deyang loan: %v", err)
		}
		firm := mustMember(t, db, "firm", patentbridge.RoleEnterprise, "成都芯动科技有限公司")
		if _, _, err := db.ListLoans(as(firm), patentbridge.LoanFilter{}); patentbridge.ErrorCode(err) != patentbridge.EFORBIDDEN {
			t.Errorf("an enterprise lists loans: %v", err)
		}
		for _, tc := range []struct {
			name string
			u    *patentbridge.User
			f    patentbridge.LoanFilter
			want int
		}{
			{"admin, all", f.admin, patentbridge.LoanFilter{}, 2},
			{"chengdu, all", f.chengdu, patentbridge.LoanFilter{}, 1},
			{"disbursed in 2026", f.admin, patentbridge.LoanFilter{Year: 2026}, 1},
			{"disbursed in 2025", f.admin, patentbridge.LoanFilter{Year: 2025}, 0},
			{"applied", f.admin, patentbridge.LoanFilter{Status: patentbridge.LoanApplied}, 1},
			{"Deyang", f.admin, patentbridge.LoanFilter{City: "5106"}, 1},
			{"chengdu asks for its own", f.chengdu, patentbridge.LoanFilter{City: "5101"}, 1},
			{"bank", f.admin, patentbridge.LoanFilter{Bank: "成都银行"}, 1},
		} {
			ls, total, err := db.ListLoans(as(tc.u), tc.f)
			if err != nil || total != tc.want || len(ls) != tc.want {
				t.Errorf("%s: %d %v", tc.name, total, err)
			}
		}
		_, _, err = db.ListLoans(as(f.chengdu), patentbridge.LoanFilter{City: "5106"})
		if patentbridge.ErrorCode(err) != patentbridge.EFORBIDDEN || patentbridge.ErrorField(err) != "city" || !strings.Contains(patentbridge.ErrorMessage(err), "只能查看本市（州）的记录") {
			t.Errorf("chengdu asks for Deyang's loans: %v", err)
		}
	})
}

// A loan imported at a later status is history: it needs its registration
// number and disbursement date; 已代偿 is not imported.
func TestLoanImportedHistory(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLoanFixture(t, db)
		l := newLoan(0, f.scuP) // not the borrower's patent: the registration checks are not run on history
		l.Status, l.Source = patentbridge.LoanDisbursed, patentbridge.LoanFromImport
		if err := db.CreateLoan(as(f.admin), l); patentbridge.ErrorField(err) != "质押登记号" {
			t.Fatalf("no registration number: %v", err)
		}
		l.RegistrationNo = "Y2025510000077"
		if err := db.CreateLoan(as(f.admin), l); patentbridge.ErrorField(err) != "放款日期" {
			t.Fatalf("no disbursement date: %v", err)
		}
		l.AppliedOn, l.DisbursedOn = date("2025-03-01"), date("2025-04-01")
		if err := db.CreateLoan(as(f.admin), l); err != nil {
			t.Fatal(err)
		}
		form := newLoan(0, f.firmA)
		form.Status = patentbridge.LoanDisbursed
		if err := db.CreateLoan(as(f.admin), form); patentbridge.ErrorField(err) != "状态" {
			t.Errorf("a form loan entered as disbursed: %v", err)
		}
		comp := newLoan(0, f.firmA)
		comp.Status, comp.Source = patentbridge.LoanCompensated, patentbridge.LoanFromImport
		if err := db.CreateLoan(as(f.admin), comp); patentbridge.ErrorField(err) != "状态" {
			t.Errorf("an imported compensated loan: %v", err)
		}
	})
}

func TestLoanActWhoseAuditFailsChangesNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLoanFixture(t, db)
		pool := MustCreatePool(t, db, as(f.admin), 1000, 0)
		l := newLoan(pool.ID, f.firmA)
		if err := db.CreateLoan(as(f.admin), l); err != nil {
			t.Fatal(err)
		}
		MustAct(t, db, as(f.admin), l.ID, valued, approved, registered, disbursed, patentbridge.LoanAction{Act: patentbridge.ActDefault})
		MustFailAudit(t, db)
		if _, err := db.ActOnLoan(as(f.admin), l.ID, patentbridge.LoanAction{Act: patentbridge.ActCompensate, LossFen: wan(100)}); err == nil {
			t.Fatal("a compensation without its audit row")
		}
		other := newLoan(0, f.firmB)
		other.AmountFen = wan(50)
		if err := db.CreateLoan(as(f.admin), other); err == nil || patentbridge.ErrorCode(err) != patentbridge.EINTERNAL {
			t.Fatalf("a loan stored without its audit row: %v", err)
		}
		ctx := context.Background()
		for q, want := range map[string]int{
			"SELECT COUNT(*) FROM loans":                                             1,
			"SELECT COUNT(*) FROM loan_compensations":                                0,
			"SELECT COUNT(*) FROM risk_pool_movements":                               1,
			"SELECT COUNT(*) FROM loans WHERE status = 'defaulted'":                  1,
			"SELECT COUNT(*) FROM risk_pools WHERE balance_fen = " + itoa(wan(1000)): 1,
		} {
			if n, _ := db.QueryIntForTest(ctx, q); n != want {
				t.Errorf("%s: %d, want %d", q, n, want)
			}
		}
	})
}

// Each act's day is on or after the previous act's and not after today: an
// approval dated before the valuation is refused naming both dates, and the
// valuation and approval days are stored.
func TestLoanActsFollowEachOtherInTime(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLoanFixture(t, db)
		ctx := as(f.admin)
		pool := MustCreatePool(t, db, ctx, 1000, 0)
		l := newLoan(pool.ID, f.firmA) // applied 2026-02-10
		if err := db.CreateLoan(ctx, l); err != nil {
			t.Fatal(err)
		}
		early := valued
		early.On = date("2026-02-09")
		_, err := db.ActOnLoan(ctx, l.ID, early)
		if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorField(err) != "date" ||
			!strings.Contains(patentbridge.ErrorMessage(err), "评估日期 2026-02-09 早于该贷款的申请日期 2026-02-10") {
			t.Fatalf("valuation before the application: %v", err)
		}
		val := valued
		val.On = date("2026-11-02")
		MustAct(t, db, ctx, l.ID, val)
		for _, tc := range []struct{ on, want string }{
			{"2026-11-01", "审批日期 2026-11-01 早于该贷款的评估日期 2026-11-02"},
			{"2026-11-28", "审批日期 2026-11-28 晚于今天"},
		} {
			_, err := db.ActOnLoan(ctx, l.ID, patentbridge.LoanAction{Act: patentbridge.ActApprove, On: date(tc.on)})
			if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorField(err) != "date" || !strings.Contains(patentbridge.ErrorMessage(err), tc.want) {
				t.Errorf("approval on %s: %v, want %q", tc.on, err, tc.want)
			}
		}
		if got, _ := db.FindLoan(ctx, l.ID); got.Status != patentbridge.LoanValued || !got.ApprovedOn.IsZero() {
			t.Fatalf("refused approvals changed the loan: %s %v", got.Status, got.ApprovedOn)
		}
		MustAct(t, db, ctx, l.ID, patentbridge.LoanAction{Act: patentbridge.ActApprove, On: date("2026-11-03")})
		got, err := db.FindLoan(ctx, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != patentbridge.LoanApproved || patentbridge.FormatDate(got.ValuedOn) != "2026-11-02" || patentbridge.FormatDate(got.ApprovedOn) != "2026-11-03" {
			t.Errorf("stored %s valued %v approved %v", got.Status, got.ValuedOn, got.ApprovedOn)
		}
		reg := registered
		reg.On = date("2026-11-02")
		_, err = db.ActOnLoan(ctx, l.ID, reg)
		if patentbridge.ErrorCode(err) != patentbridge.EINVALID || !strings.Contains(patentbridge.ErrorMessage(err), "登记日期 2026-11-02 早于该贷款的审批日期 2026-11-03") {
			t.Errorf("registration before the approval: %v", err)
		}
		refuse := patentbridge.LoanAction{Act: patentbridge.ActRefuse, Reason: "材料不全", On: date("2026-11-01")}
		if _, err = db.ActOnLoan(ctx, l.ID, refuse); !strings.Contains(patentbridge.ErrorMessage(err), "拒绝日期 2026-11-01 早于该贷款的审批日期 2026-11-03") {
			t.Errorf("refusal before the approval: %v", err)
		}
	})
}
