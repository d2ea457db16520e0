package api_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
)

// TestRegistrySOEPatentsAreSOEPatents: the registry lists
// 东方电气集团东方电机有限公司 as an SOE while the import typed it an enterprise
// from its name. Once the registry says so, its in-force patent is an SOE
// patent in the owner filter and in the default match list (institutions and
// SOEs), whose index learns the new owner type through the change table.
func TestRegistrySOEPatentsAreSOEPatents(t *testing.T) {
	const soe = "东方电气集团东方电机有限公司"
	users := httpxtest.NewUserService(t)
	db := users.DB
	inverter := &patentbridge.Patent{
		AppNo: "2025215776288", Kind: patentbridge.KindUtility, GrantNo: "CN224000001U",
		Title: "一种光伏逆变器装置", Abstract: "本实用新型公开了一种光伏逆变器装置，包括逆变电路、散热器和控制模块。",
		AppDate: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), GrantDate: time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC),
		Status: patentbridge.StatusInForce, StatusText: "有权-审定授权", MainIPC: "H02M7/48", IPC: []string{"H02M7/48"},
		Applicants: []patentbridge.Party{{Name: soe, Type: patentbridge.ClassifyParty(soe, "")}}, RegionCode: "510603",
	}
	users.MustStorePatents(t, append(httpxtest.SamplePatents(), inverter)...)
	httpxtest.MustScreen(t, db, testNow)
	svc := httpxtest.MustSearch(t, db)
	srv := api.New(api.Deps{Now: clock, Patents: db, Ref: refdata.Default(), Logger: quiet,
		Search: svc, Organizations: db, Supply: db})
	h, err := httpx.Stack(srv, httpx.StackOptions{Users: users, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	e := &demandEnv{handler: h}
	matched := func() map[string]any {
		status, m := e.call(t, "POST", "/api/v1/match", "", `{"text":"光伏逆变器装置","limit":50}`)
		if status != 200 {
			t.Fatalf("match: %d %v", status, m)
		}
		for _, it := range m["items"].([]any) {
			if it := it.(map[string]any); it["app_no"] == inverter.AppNo {
				return it
			}
		}
		return nil
	}
	soeTotal := func() float64 {
		status, m := e.call(t, "GET", "/api/v1/patents?owner_type=soe", "", "")
		if status != 200 {
			t.Fatalf("patents?owner_type=soe: %d %v", status, m)
		}
		return m["total"].(float64)
	}
	if matched() != nil || soeTotal() != 0 {
		t.Fatalf("before the registry knows %s, its patent counts as an SOE's", soe)
	}

	if _, err := db.UpsertOrganizations(patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI),
		[]*patentbridge.Organization{{Name: soe, Type: patentbridge.PartySOE, CityCode: "5106"}}); err != nil {
		t.Fatal(err)
	}
	if err := svc.Indexer.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	status, m := e.call(t, "GET", "/api/v1/organizations?q="+url.QueryEscape("东方电"), "", "")
	if status != 200 || m["items"].([]any)[0].(map[string]any)["type"] != "soe" {
		t.Fatalf("registry: %d %v", status, m)
	}
	if n := soeTotal(); n != 1 {
		t.Errorf("/api/v1/patents?owner_type=soe total = %v, want 1", n)
	}
	it := matched()
	if it == nil {
		t.Fatalf("the default match leaves out the SOE's in-force patent %s", inverter.AppNo)
	}
	if owner := it["owners"].([]any)[0].(map[string]any); owner["name"] != soe || owner["type_label"] != "国有企业" {
		t.Errorf("match owner = %v, want %s 国有企业", owner, soe)
	}
	// Screening's institution criterion still reads an SOE as no institution.
	run := httpxtest.MustScreen(t, db, testNow)
	res, err := db.FindScreeningResult(context.Background(), run.ID, inverter.AppNo)
	if err != nil {
		t.Fatal(err)
	}
	if res.Sleeping || res.Criteria[1].Criterion != patentbridge.CritInstitution || res.Criteria[1].Outcome != patentbridge.Failed {
		t.Errorf("the SOE's patent screened as %+v, want the institution criterion failed", res.Criteria)
	}
}
