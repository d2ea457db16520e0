package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// demoLoanStore is what the demo's pledge loans are made through: the
// registry, the patents and the loan service.
type demoLoanStore interface {
	patentbridge.OrganizationService
	patentbridge.PatentService
	patentbridge.LoanService
}

// demoLoan is one loan of the demo: amount (万元) and term, bank, the days of
// its application and disbursement, and how far it goes.
type demoLoan struct {
	wan               int64
	months            int
	bank              string
	applied, disburse string
	end               patentbridge.LoanStatus
	closed            string // repaid, defaulted (and compensated) or refused on
}

// demoLoans span 2025 and 2026: repaid, outstanding, one defaulted and
// compensated, one approved, one still an application and one refused.
var demoLoans = []demoLoan{
	{300, 12, "成都银行", "2025-03-05", "2025-04-10", patentbridge.LoanRepaid, "2026-04-09"},
	{500, 24, "中国银行四川省分行", "2025-06-12", "2025-07-20", patentbridge.LoanCompensated, "2026-05-31"},
	{200, 24, "四川天府银行", "2025-09-01", "2025-10-15", patentbridge.LoanDisbursed, ""},
	{800, 36, "中国工商银行四川省分行", "2025-11-03", "2025-12-18", patentbridge.LoanDisbursed, ""},
	{150, 12, "德阳农村商业银行", "2026-01-10", "2026-02-20", patentbridge.LoanDisbursed, ""},
	{600, 24, "成都银行", "2026-03-15", "2026-04-28", patentbridge.LoanDisbursed, ""},
	{400, 24, "中国建设银行四川省分行", "2026-05-20", "2026-06-30", patentbridge.LoanDisbursed, ""},
	{250, 12, "绵阳市商业银行", "2026-08-01", "", patentbridge.LoanApproved, ""},
	{100, 12, "四川天府银行", "2026-09-10", "", patentbridge.LoanApplied, ""},
	{120, 12, "成都农村商业银行", "2026-10-08", "", patentbridge.LoanRefused, "2026-10-20"},
}

// demoPoolOpened is the 设立日期 of the demo's pools, before the first demo
// loan's application, so that every compensation draws on a balance that exists.
const demoPoolOpened = "2025-01-02"

// loadDemoLoans creates a risk pool in each city of the demo's borrowers
// (the first on Deyang's terms, insurer 3 : bank 2 : government 5 with a
// 500 万元 loss cap; the others direct bank loans, bank 5 : city 5) and
// carries the demo loans through the loan service from application to their
// end, the defaulted one to its compensation; once: it does nothing when a
// pool exists. Borrowers are the registry's enterprises with patents in force
// that pass the registration checks; a small demo without them makes none.
// Days later than today are moved back to today.
func loadDemoLoans(ctx context.Context, s demoLoanStore, logger *slog.Logger) error {
	ctx = platform(ctx)
	if ps, _, err := s.ListRiskPools(ctx, patentbridge.RiskPoolFilter{Limit: 1}); err != nil || len(ps) > 0 {
		return err
	}
	borrowers, err := demoBorrowers(ctx, s, len(demoLoans))
	if err != nil || len(borrowers) == 0 {
		return err
	}
	today := patentbridge.DateOf(patentbridge.Now())
	day := func(s string) patentbridge.LoanAction {
		d, _ := patentbridge.ParseDate(s)
		if d.After(today) {
			d = today
		}
		return patentbridge.LoanAction{On: d}
	}
	pools := map[string]int64{}
	made := 0
	for i, b := range borrowers {
		d := demoLoans[i]
		pool, ok := pools[b.org.CityCode]
		if !ok {
			p := &patentbridge.RiskPool{Name: refdata.Default().CityName(b.org.CityCode) + "知识产权质押融资风险补偿资金池", City: b.org.CityCode,
				BalanceFen: 2000_0000_00, Leverage: 10, BankShare: 5, GovShare: 5, RemainderTo: patentbridge.PartyBank,
				OpenedOn: day(demoPoolOpened).On} // before every demo loan and its compensation
			if len(pools) == 0 {
				p.BalanceFen, p.LossCapFen, p.InsurerShare, p.BankShare, p.GovShare = 1000_0000_00, 500_0000_00, 3, 2, 5
			}
			if p.City == "" {
				p.Name = "省级知识产权质押融资风险补偿资金池"
			}
			if err := s.CreateRiskPool(ctx, p); err != nil {
				return err
			}
			pool, pools[b.org.CityCode] = p.ID, p.ID
		}
		applied := day(d.applied).On
		l := &patentbridge.Loan{BorrowerCreditCode: b.org.CreditCode, BorrowerName: b.org.Name, BankName: d.bank, AmountFen: d.wan * 1_000_000,
			TermMonths: d.months, AppNos: []string{b.appNo}, RiskPoolID: pool, Guarantor: "中国人民财产保险股份有限公司四川省分公司",
			CoverPercent: 30, NoSuspension: true, AppliedOn: applied}
		if err := s.CreateLoan(ctx, l); err != nil {
			return err
		}
		acts := demoActs(i, d, day)
		for _, a := range acts {
			if _, err := s.ActOnLoan(ctx, l.ID, a); err != nil {
				return err
			}
		}
		made++
	}
	logger.Info("演示专利权质押贷款已登记", "loans", made, "pools", len(pools))
	return nil
}

// demoActs lists the acts that take the i-th demo loan to its end.
func demoActs(i int, d demoLoan, day func(string) patentbridge.LoanAction) []patentbridge.LoanAction {
	with := func(a patentbridge.LoanAction, act patentbridge.LoanAct) patentbridge.LoanAction {
		a.Act = act
		return a
	}
	if d.end == patentbridge.LoanApplied {
		return nil
	}
	if d.end == patentbridge.LoanRefused {
		a := with(day(d.closed), patentbridge.ActRefuse)
		a.Reason = "企业经营现金流不足以覆盖还款（演示数据）"
		return []patentbridge.LoanAction{a}
	}
	value := with(day(d.applied), patentbridge.ActValue)
	value.ValuationMethod, value.ValuationFen, value.Valuer = "收益法", d.wan*2_500_000, "四川天府资产评估有限公司"
	acts := []patentbridge.LoanAction{value, with(day(d.applied), patentbridge.ActApprove)}
	if d.end == patentbridge.LoanApproved {
		return acts
	}
	reg := with(day(d.disburse), patentbridge.ActRegister)
	reg.RegistrationNo, reg.NoSuspension = fmt.Sprintf("Y%s51000%04d", d.disburse[:4], i+1), true
	acts = append(acts, reg, with(day(d.disburse), patentbridge.ActDisburse))
	switch d.end {
	case patentbridge.LoanRepaid:
		acts = append(acts, with(day(d.closed), patentbridge.ActRepay))
	case patentbridge.LoanCompensated:
		comp := with(day(d.closed), patentbridge.ActCompensate)
		comp.LossFen = d.wan * 1_000_000 * 6 / 10 // 60% of the principal not recovered
		acts = append(acts, with(day(d.closed), patentbridge.ActDefault), comp)
	}
	return acts
}

// demoBorrower is an enterprise and one of its patents it can pledge.
type demoBorrower struct {
	org   *patentbridge.Organization
	appNo string
}

// demoBorrowers picks up to n Sichuan enterprises, at most two a city and cities
// spread first, each with a patent in force it owns alone that passes the
// registration checks for a three-year loan.
func demoBorrowers(ctx context.Context, s demoLoanStore, n int) ([]demoBorrower, error) {
	orgs, _, err := s.ListOrganizations(ctx, patentbridge.OrganizationFilter{Type: patentbridge.PartyEnterprise, Limit: 500})
	if err != nil {
		return nil, err
	}
	today := patentbridge.DateOf(patentbridge.Now())
	perCity := map[string]int{}
	var out []demoBorrower
	for round := 1; round <= 2 && len(out) < n; round++ {
		for _, o := range orgs {
			if len(out) == n {
				break
			}
			if !strings.HasPrefix(o.CityCode, "51") || o.Patents == 0 || perCity[o.CityCode] >= round || taken(out, o.ID) {
				continue
			}
			ps, _, err := s.ListPatents(ctx, patentbridge.PatentFilter{OrgID: o.ID, Status: patentbridge.StatusInForce, Limit: 20})
			if err != nil {
				return nil, err
			}
			probe := &patentbridge.Loan{BorrowerName: o.Name, TermMonths: 36, NoSuspension: true}
			for _, p := range ps {
				if len(p.Owners()) == 1 && p.HasOwner(o.Name) && !pledgedByDemo(out, p.AppNo) &&
					patentbridge.CheckPledgeRegistration(probe, patentbridge.PledgeCandidate{Patent: p, PledgorOwns: true}, today) == nil {
					out = append(out, demoBorrower{o, p.AppNo})
					perCity[o.CityCode]++
					break
				}
			}
		}
	}
	return out, nil
}

func taken(bs []demoBorrower, orgID int64) bool {
	for _, b := range bs {
		if b.org.ID == orgID {
			return true
		}
	}
	return false
}

func pledgedByDemo(bs []demoBorrower, appNo string) bool {
	for _, b := range bs {
		if b.appNo == appNo {
			return true
		}
	}
	return false
}
