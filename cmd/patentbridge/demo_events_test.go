package main

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"patentbridge"
)

// The demo's programme records span 2025 and 2026 and several 市(州):
// events with their projects, some followed by stored deals; published
// cases public without login (one published ahead is not); pilot bases; a
// 科创板 pipeline at every stage. Loading again adds nothing.
func TestDemoEvents(t *testing.T) {
	m := MustOpenMain(t, "sqlite:"+t.TempDir()+"/demo.db", 400)
	ctx := platform(context.Background())
	es, total, err := m.DB.ListEvents(ctx, patentbridge.ProgrammeFilter{Limit: 100})
	if err != nil || total != len(demoEvents) {
		t.Fatalf("demo events: %d %v", total, err)
	}
	years, cities, projects, byInstitution, linked := map[int]int{}, map[string]bool{}, 0, 0, 0
	for _, e := range es {
		years[e.HeldOn.Year()]++
		cities[e.City] = true
		projects += len(e.Projects)
		if e.ByInstitution() {
			byInstitution++
		}
		for _, id := range e.DealIDs {
			linked++
			if d, err := m.DB.FindDeal(ctx, id); err != nil || d.ToCity != e.City {
				t.Errorf("event %q: deal %d is %+v, %v", e.Title, id, d, err)
			}
		}
	}
	if years[2025] < 4 || years[2026] < 4 || len(cities) < 5 || projects < 40 || byInstitution < 6 || linked < 5 {
		t.Errorf("demo events: years %v, %d cities, %d projects, %d by institutions, %d deals", years, len(cities), projects, byInstitution, linked)
	}

	t.Logf("demo events: years %v, %d cities, %d projects, %d by institutions, %d deals", years, len(cities), projects, byInstitution, linked)
	var cases struct {
		Total int
		Items []struct {
			Title     string  `json:"title"`
			DealIDs   []int64 `json:"deal_ids"`
			Published bool    `json:"published"`
		}
	}
	MustGetJSON(t, m.URL()+"/api/v1/cases?limit=100", &cases)
	if cases.Total < 3 {
		t.Errorf("public demo cases: %d", cases.Total)
	}
	for _, c := range cases.Items {
		if !c.Published {
			t.Errorf("the public list shows a case not yet published: %q", c.Title)
		}
	}
	if _, all, _ := m.DB.ListCases(patentbridge.WithUser(ctx, &patentbridge.User{ID: 1, Role: patentbridge.RoleAdmin}), patentbridge.ProgrammeFilter{}); all != cases.Total+1 {
		t.Errorf("the admin sees %d cases, the public %d", all, cases.Total)
	}

	bases, total, err := m.DB.ListPilotBases(ctx, patentbridge.ProgrammeFilter{})
	if err != nil || total < 5 || bases[0].EstablishedOn.Year() != 2026 || bases[total-1].EstablishedOn.Year() != 2025 {
		t.Errorf("demo pilot bases: %d %v", total, err)
	}
	for _, st := range patentbridge.ListingStages {
		if _, n, err := m.DB.ListListingCandidates(ctx, patentbridge.ProgrammeFilter{Kind: string(st)}); err != nil || n == 0 {
			t.Errorf("no demo candidate at stage %s: %v", st, err)
		}
	}
	if err := loadDemoEvents(context.Background(), m.DB, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	if _, again, _ := m.DB.ListEvents(ctx, patentbridge.ProgrammeFilter{}); again != len(demoEvents) {
		t.Errorf("loading the demo again: %d events", again)
	}
}
