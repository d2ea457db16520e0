package sqldb_test

import (
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// The pledge indicators, computed by hand: a 200 万元 loan of a Chengdu firm
// disbursed in 2026, another approved but not disbursed (not counted), and a
// 100 万元 loan of a Deyang firm disbursed in 2025.
func TestPledgeIndicatorsCountTheLoansDisbursedInTheYear(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLoanFixture(t, db)
		ctx := as(f.admin)
		pool := MustCreatePool(t, db, ctx, 1000, 0)
		a := newLoan(pool.ID, f.firmA)
		if err := db.CreateLoan(ctx, a); err != nil {
			t.Fatal(err)
		}
		MustAct(t, db, ctx, a.ID, valued, approved, registered, disbursed)
		b := newLoan(pool.ID, f.firmB)
		b.AmountFen = wan(50)
		if err := db.CreateLoan(ctx, b); err != nil {
			t.Fatal(err)
		}
		MustAct(t, db, ctx, b.ID, valued, approved)
		c := newLoan(0, f.deyangP)
		c.BorrowerName, c.BankName, c.AmountFen, c.AppliedOn = "德阳东汽装备有限公司", "德阳银行", wan(100), date("2025-01-05")
		if err := db.CreateLoan(ctx, c); err != nil {
			t.Fatal(err)
		}
		val, reg := valued, registered
		val.On = date("2025-01-08")
		reg.RegistrationNo, reg.On = "Y2025510000999", date("2025-01-20")
		MustAct(t, db, ctx, c.ID, val, patentbridge.LoanAction{Act: patentbridge.ActApprove, On: date("2025-01-10")}, reg,
			patentbridge.LoanAction{Act: patentbridge.ActDisburse, On: date("2025-02-01")})

		rep, err := db.KPIReport(ctx, 2026)
		if err != nil {
			t.Fatal(err)
		}
		amount, projects := kpiValue(t, rep.Province, "pledge_amount"), kpiValue(t, rep.Province, "pledge_projects")
		if amount.Value != 200 || amount.Previous != 100 || amount.GrowthLabel() != "+100%" || !*amount.Met {
			t.Errorf("pledge amount: %+v", amount)
		}
		if projects.Value != 1 || projects.Previous != 1 || *projects.Met {
			t.Errorf("pledge projects: %+v", projects)
		}
		if v := kpiValue(t, cityArea(t, rep, "510600"), "pledge_amount"); v.Value != 0 || v.Previous != 100 || v.GrowthLabel() != "-100%" {
			t.Errorf("Deyang's pledge amount: %+v", v)
		}
		recs, total, err := db.KPIRecords(ctx, patentbridge.KPIFilter{ID: "pledge_amount", Year: 2026})
		if err != nil || total != 1 || recs[0].Amount != wan(200) || recs[0].Party != "成都芯动科技有限公司" || recs[0].Kind != "loan" {
			t.Fatalf("pledge records: %d %+v %v", total, recs, err)
		}
	})
}
