package main

import (
	"context"
	"log/slog"
	"testing"

	"patentbridge"
)

// The demo takes, through the services, a royalty licence with its first
// report and a 先使用后付费 licence in its grace period on the open licences
// the demo announced, and a pool's package licence with its entry fee paid;
// a second run takes no more.
func TestDemoLicencesTakeARoyaltyAndADeferredLicence(t *testing.T) {
	m := MustOpenMain(t, "sqlite:"+t.TempDir()+"/demo.db", 400)
	ctx := platform(context.Background())
	ls, total, err := m.DB.ListLicences(ctx, patentbridge.LicenceFilter{})
	if err != nil || total != 3 {
		t.Fatalf("demo licences: %d %v", total, err)
	}
	var royalty, deferred, pool int
	for _, l := range ls {
		if l.PoolID != 0 {
			if l.Status == patentbridge.LicenceEffective && l.LedgerIndex != nil && l.PaidFen() == l.Fee.UpFrontFen() && len(l.AppNos) > 1 {
				pool++
			}
			continue
		}
		s := patentbridge.LicenceStatement(l, m.DB.Now())
		switch l.Fee.Method {
		case patentbridge.FeeSales, patentbridge.FeeProfit:
			if len(l.Reports) == 1 && l.Reports[0].DueFen > 0 && l.Status == patentbridge.LicenceEffective {
				royalty++
			}
		case patentbridge.FeeDeferred:
			if s.Deferred && l.Status == patentbridge.LicenceEffective && l.LedgerIndex != nil {
				deferred++
			}
		}
	}
	if royalty != 1 || deferred != 1 || pool != 1 {
		t.Errorf("demo licences: %d royalty with a report, %d deferred in grace, %d pool licences paid; want 1, 1, 1: %+v", royalty, deferred, pool, ls)
	}
	announced, _, err := m.DB.ListOpenLicences(ctx, patentbridge.OpenLicenceFilter{Status: patentbridge.OpenAnnounced, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if err := loadDemoLicences(context.Background(), m.DB, m.DB, m.DB, m.DB, announced, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	if _, total, _ := m.DB.ListLicences(ctx, patentbridge.LicenceFilter{}); total != 3 {
		t.Errorf("a second run takes more licences: %d", total)
	}
}
