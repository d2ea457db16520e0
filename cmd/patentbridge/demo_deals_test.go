package main

import (
	"context"
	"testing"

	"patentbridge"
)

// The demo's deals make the dashboard alive: two years of conversions to SMEs
// by universities, institutes and SOEs in several 市(州), growing.
func TestDemoDeals(t *testing.T) {
	m := MustOpenMain(t, "sqlite:"+t.TempDir()+"/demo.db", 400)
	ctx := platform(context.Background())
	rep, err := m.DB.KPIReport(ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := rep.Province.Find("sme_received_conversions")
	if v.Value < 5 || v.Previous < 3 {
		t.Errorf("SME conversions 2026 %v, 2025 %v", v.Value, v.Previous)
	}
	cities := 0
	for _, c := range rep.Cities {
		if x, _ := c.Find("licences_transfers"); x.Value > 0 {
			cities++
		}
	}
	if cities < 5 {
		t.Errorf("deals in %d cities", cities)
	}
	ds, _, err := m.DB.ListDeals(ctx, patentbridge.DealFilter{Year: 2026, City: "5109"})
	if err != nil || len(ds) != 1 || ds[0].FromType != patentbridge.PartyEnterprise {
		t.Errorf("the enterprise-to-enterprise transfer: %v %v", ds, err)
	}
	// No demo deal is dated before its patent's 申请日, and both years have deals.
	years := map[int]int{}
	for offset := 0; ; offset += 100 {
		page, total, err := m.DB.ListDeals(ctx, patentbridge.DealFilter{Limit: 100, Offset: offset})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range page {
			years[d.ContractDate.Year()]++
			p, err := m.DB.FindPatent(ctx, d.AppNo)
			if err != nil {
				t.Errorf("deal %d: patent %s: %v", d.ID, d.AppNo, err)
				continue
			}
			if patentbridge.DateOf(d.ContractDate).Before(patentbridge.DateOf(p.AppDate)) {
				t.Errorf("deal %d dated %s, before its patent %s's 申请日 %s", d.ID, patentbridge.FormatDate(d.ContractDate), d.AppNo, patentbridge.FormatDate(p.AppDate))
			}
		}
		if offset+len(page) >= total || len(page) == 0 {
			break
		}
	}
	if years[2025] == 0 || years[2026] == 0 {
		t.Errorf("deals by year %v, want 2025 and 2026", years)
	}
}
