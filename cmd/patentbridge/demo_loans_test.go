package main

import (
	"context"
	"testing"

	"patentbridge"
)

// The demo's pledge loans span 2025 and 2026 and several cities, backed by
// risk pools; the defaulted loan is compensated with its loss split to the
// fen and the government's share drawn from its pool.
func TestDemoLoans(t *testing.T) {
	m := MustOpenMain(t, "sqlite:"+t.TempDir()+"/demo.db", 400)
	ctx := platform(context.Background())
	ls, total, err := m.DB.ListLoans(ctx, patentbridge.LoanFilter{Limit: 100})
	if err != nil || total < 6 {
		t.Fatalf("%d demo loans: %v", total, err)
	}
	years, cities, statuses := map[int]int{}, map[string]bool{}, map[patentbridge.LoanStatus]int{}
	var compensated *patentbridge.Loan
	for _, l := range ls {
		cities[l.City] = true
		if l.City[:2] != "51" {
			t.Errorf("a demo loan outside Sichuan: %+v", l)
		}
		statuses[l.Status]++
		if !l.DisbursedOn.IsZero() {
			years[l.DisbursedOn.Year()]++
		}
		if l.Status == patentbridge.LoanCompensated {
			compensated = l
		}
	}
	t.Logf("%d demo loans: years %v, cities %v, statuses %v", total, years, cities, statuses)
	if years[2025] == 0 || years[2026] == 0 || len(cities) < 2 || statuses[patentbridge.LoanApplied] == 0 || statuses[patentbridge.LoanRepaid] == 0 {
		t.Errorf("demo loans: years %v, cities %v, statuses %v", years, cities, statuses)
	}
	if compensated == nil || compensated.Compensation == nil {
		t.Fatalf("no compensated demo loan: %v", statuses)
	}
	c := compensated.Compensation
	if c.LossFen != compensated.AmountFen*6/10 || c.InsurerFen+c.BankFen+c.GovFen != c.LossFen || c.GovFen == 0 {
		t.Errorf("compensation %+v of %d", c, compensated.AmountFen)
	}
	pool, err := m.DB.FindRiskPool(ctx, compensated.RiskPoolID)
	if err != nil || pool.LossesFen != c.LossFen || pool.OutstandingFen == 0 && pool.BalanceFen == 0 {
		t.Errorf("pool %+v: %v", pool, err)
	}
	pools, n, _ := m.DB.ListRiskPools(ctx, patentbridge.RiskPoolFilter{})
	if n < 2 {
		t.Errorf("%d pools: %+v", n, pools)
	}
	// Every pool is opened before anything is drawn from or paid into it.
	for _, p := range pools {
		ms, err := m.DB.RiskPoolMovements(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, mv := range ms {
			if mv.On.Before(p.OpenedOn) {
				t.Errorf("pool %d: %s dated %s before its opening %s", p.ID, mv.Kind, patentbridge.FormatDate(mv.On), patentbridge.FormatDate(p.OpenedOn))
			}
		}
	}
}
