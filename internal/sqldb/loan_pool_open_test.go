package sqldb_test

import (
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// A pool's account opens on its 设立日期: the opening balance is dated it,
// and neither a top-up nor a compensation paid from the pool may be dated
// before it (the balance did not exist yet); an opening day after today or
// before the Patent Law is refused.
func TestRiskPoolDrawsNotBeforeItsOpening(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLoanFixture(t, db)
		bad := &patentbridge.RiskPool{Name: "未来的资金池", City: "5101", BalanceFen: wan(10), Leverage: 10, BankShare: 5, GovShare: 5,
			OpenedOn: date("2027-01-01")}
		wantRefused(t, "a pool opened after today", db.CreateRiskPool(as(f.admin), bad), "opened_on", "设立日期 2027-01-01 晚于今天")
		bad.OpenedOn = date("1900-01-01")
		wantRefused(t, "a pool opened in 1900", db.CreateRiskPool(as(f.admin), bad), "opened_on", "1900-01-01", "1985-04-01")

		pool := &patentbridge.RiskPool{Name: "成都市知识产权质押融资风险补偿资金池", City: "5101", BalanceFen: wan(1000), Leverage: 10,
			InsurerShare: 3, BankShare: 2, GovShare: 5, OpenedOn: date("2026-10-10")}
		if err := db.CreateRiskPool(as(f.admin), pool); err != nil {
			t.Fatal(err)
		}
		if got, err := db.FindRiskPool(as(f.admin), pool.ID); err != nil || patentbridge.FormatDate(got.OpenedOn) != "2026-10-10" {
			t.Fatalf("stored pool %+v %v", got, err)
		}
		_, err := db.DepositRiskPool(as(f.admin), pool.ID, wan(5), date("2026-10-09"))
		wantRefused(t, "a top-up before the opening", err, "date", "注资日期 2026-10-09", "设立日期 2026-10-10")
		if _, err := db.DepositRiskPool(as(f.admin), pool.ID, wan(5), date("2026-10-10")); err != nil {
			t.Fatalf("a top-up on the opening day: %v", err)
		}

		l := newLoan(pool.ID, f.firmA)
		if err := db.CreateLoan(as(f.admin), l); err != nil {
			t.Fatal(err)
		}
		MustAct(t, db, as(f.admin), l.ID, valued, approved, registered, disbursed,
			patentbridge.LoanAction{Act: patentbridge.ActDefault, On: date("2026-09-30")})
		_, err = db.ActOnLoan(as(f.admin), l.ID, patentbridge.LoanAction{Act: patentbridge.ActCompensate, LossFen: wan(100), On: date("2026-10-05")})
		wantRefused(t, "a compensation before the opening", err, "date", "代偿日期 2026-10-05", "设立日期 2026-10-10")
		if got, _ := db.FindLoan(as(f.admin), l.ID); got.Status != patentbridge.LoanDefaulted {
			t.Fatalf("the refused compensation moved the loan to %s", got.Status)
		}
		MustAct(t, db, as(f.admin), l.ID, patentbridge.LoanAction{Act: patentbridge.ActCompensate, LossFen: wan(100), On: date("2026-10-15")})

		ms, err := db.RiskPoolMovements(as(f.admin), pool.ID)
		if err != nil || len(ms) != 3 {
			t.Fatalf("movements %+v %v", ms, err)
		}
		for _, m := range ms {
			if m.On.Before(date("2026-10-10")) {
				t.Errorf("%s dated %s, before the opening", m.Kind, patentbridge.FormatDate(m.On))
			}
			if m.Kind == "open" && patentbridge.FormatDate(m.On) != "2026-10-10" {
				t.Errorf("opening balance dated %s", patentbridge.FormatDate(m.On))
			}
		}
	})
}
