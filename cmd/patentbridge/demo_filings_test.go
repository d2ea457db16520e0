package main

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"patentbridge"
)

// The demo files products of SMEs and other firms in several cities in 2025
// and 2026, each using a university or institute patent that came by a deal
// to that firm, with the yearly update; commissioners record services in
// both years; agencies, outlets and technology managers are registered; the
// 绩效评价 counts them; a second load adds nothing.
func TestDemoFilingsAndServices(t *testing.T) {
	m := MustOpenMain(t, "sqlite:"+t.TempDir()+"/demo.db", 400)
	ctx := platform(context.Background())
	fs, total, err := m.DB.ListFilings(ctx, patentbridge.FilingFilter{Limit: 100})
	if err != nil || total < 8 {
		t.Fatalf("%d demo filings, %v", total, err)
	}
	years, cities, sme, linked, updated := map[int]int{}, map[string]bool{}, map[bool]int{}, 0, 0
	for _, f := range fs {
		years[f.FiledOn.Year()]++
		cities[f.City] = true
		sme[f.SME]++
		if len(f.Years) > 1 {
			updated++
		}
		for _, p := range f.Patents {
			if p.Source == patentbridge.SourceOwn {
				continue
			}
			d, err := m.DB.FindDeal(ctx, p.DealID)
			if err != nil || d.ToOrgID != f.OrgID || d.AppNo != p.AppNo || !p.Source.Admits(d.Kind) {
				t.Errorf("%s's %s patent %s: deal %+v, %v", f.OrgName, p.Source.Label(), p.AppNo, d, err)
			}
			linked++
		}
	}
	if years[2025] == 0 || years[2026] == 0 || len(cities) < 4 || sme[true] == 0 || sme[false] == 0 || linked < total || updated == 0 {
		t.Errorf("filings by year %v, cities %v, SME %v, linked patents %d, updated %d", years, cities, sme, linked, updated)
	}
	for _, y := range []int{2025, 2026} {
		if _, n, err := m.DB.ListServiceRecords(ctx, patentbridge.ServiceFilter{Year: y}); err != nil || n == 0 {
			t.Errorf("%d services in %d, %v", n, y, err)
		}
		if _, n, _ := m.DB.ListCommissioners(ctx, patentbridge.CommissionerFilter{Year: y}); n == 0 {
			t.Errorf("no commissioner registered in %d", y)
		}
	}
	for _, k := range []patentbridge.OutletKind{patentbridge.OutletAgency, patentbridge.OutletPoint} {
		if _, n, _ := m.DB.ListOutlets(ctx, patentbridge.OutletFilter{Kind: k}); n == 0 {
			t.Errorf("no demo %s", k.Label())
		}
	}
	if _, n, _ := m.DB.ListTechManagers(ctx, patentbridge.TechManagerFilter{}); n < 5 {
		t.Errorf("%d technology managers", n)
	}
	// The dashboard counts them: SME filings of both years, commissioners,
	// outlets and enterprises served.
	rep, err := m.DB.KPIReport(ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"sme_product_filings", "commissioners", "service_outlets", "enterprises_served"} {
		if v, _ := rep.Province.Find(id); v.Value == 0 || v.Previous == 0 {
			t.Errorf("KPI %s: 2026 %v, 2025 %v", id, v.Value, v.Previous)
		}
	}
	if err := loadDemoFilings(context.Background(), m.DB, m.DB.Now(), slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	if _, again, _ := m.DB.ListFilings(ctx, patentbridge.FilingFilter{}); again != total {
		t.Errorf("a second load: %d filings, was %d", again, total)
	}
}
