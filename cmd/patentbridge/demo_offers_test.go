package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"patentbridge"
)

// The demo's market is alive: offers of every kind on patents in force (open licences only on
// announced declarations, no exclusive or sole one beside them), SOE offers on the shared
// list, published pools, each with its ledger index.
func TestDemoMarket(t *testing.T) {
	m := MustOpenMain(t, "sqlite:"+t.TempDir()+"/demo.db", 400)
	var offers struct {
		Total int
		Items []struct {
			Kind           string   `json:"kind"`
			AppNos         []string `json:"app_nos"`
			OpenLicenceIDs []int64  `json:"open_licence_ids"`
			OrgType        string   `json:"organization_type"`
			SOEShared      bool     `json:"soe_shared"`
			LedgerIndex    *int64   `json:"ledger_index"`
		}
	}
	MustGetJSON(t, m.URL()+"/api/v1/offers?limit=100", &offers)
	kinds, shared := map[string]bool{}, 0
	for _, o := range offers.Items {
		kinds[o.Kind] = true
		if o.LedgerIndex == nil {
			t.Errorf("offer without a ledger index: %+v", o)
		}
		if o.Kind == "open_licence" {
			if len(o.OpenLicenceIDs) != len(o.AppNos) {
				t.Errorf("open-licence offer %v names declarations %v", o.AppNos, o.OpenLicenceIDs)
			}
			for _, id := range o.OpenLicenceIDs {
				var ol struct {
					AppNo  string `json:"app_no"`
					Status string `json:"status"`
				}
				if MustGetJSON(t, fmt.Sprintf("%s/api/v1/open-licences/%d", m.URL(), id), &ol); ol.Status != "announced" || !slices.Contains(o.AppNos, ol.AppNo) {
					t.Errorf("open-licence offer %v: declaration %d is %+v", o.AppNos, id, ol)
				}
			}
		}
		for _, no := range o.AppNos {
			if p, err := m.DB.FindPatent(context.Background(), no); err != nil || p.Status != patentbridge.StatusInForce && p.Status != patentbridge.StatusPending {
				t.Errorf("%s offer on %s: patent %+v, %v", o.Kind, no, p, err)
			}
			ols, _, err := m.DB.ListOpenLicences(platform(context.Background()), patentbridge.OpenLicenceFilter{AppNo: no, Status: patentbridge.OpenAnnounced, Limit: 1})
			if open, barred := len(ols) > 0, o.Kind == "exclusive" || o.Kind == "sole"; err != nil || open && barred || !open && o.Kind == "open_licence" {
				t.Errorf("%s offer on %s: announced open licences %d, %v", o.Kind, no, len(ols), err)
			}
		}
		if o.SOEShared && o.OrgType == "soe" {
			shared++
		}
	}
	if len(kinds) < 6 || shared < 3 {
		t.Errorf("demo offers: kinds %v, %d SOE shared (of %d)", kinds, shared, offers.Total)
	}
	var pools struct{ Total int }
	if MustGetJSON(t, m.URL()+"/api/v1/pools", &pools); pools.Total < 1 {
		t.Errorf("demo has %d pools", pools.Total)
	}
}

// TestMatchShowsOffer: a patent on a published offer gives the offer's kind and
// price among its match reasons, read from the store by the server's matcher.
func TestMatchShowsOffer(t *testing.T) {
	m := MustOpenMain(t, "sqlite:"+t.TempDir()+"/demo.db", 400)
	os, _, err := m.DB.ListOffers(context.Background(), patentbridge.OfferFilter{MinFen: 1})
	if err != nil || len(os) == 0 {
		t.Fatalf("demo priced offers: %d, %v", len(os), err)
	}
	var status struct{ Docs int }
	for deadline := time.Now().Add(60 * time.Second); status.Docs < 400 && time.Now().Before(deadline); {
		time.Sleep(200 * time.Millisecond)
		MustGetJSON(t, m.URL()+"/api/v1/search/status", &status)
	}
	found := 0
	for _, o := range os {
		var match struct {
			Items []struct {
				AppNo   string   `json:"app_no"`
				Reasons []string `json:"reasons"`
			}
		}
		MustPostJSON(t, m.URL()+"/api/v1/match", map[string]any{"text": o.Titles[0], "limit": 50}, &match)
		for _, it := range match.Items {
			if it.AppNo == o.AppNos[0] {
				found++
				if want := o.Reason(); !strings.Contains(strings.Join(it.Reasons, "|"), want) {
					t.Errorf("the offered patent's reasons %v lack %q", it.Reasons, want)
				}
			}
		}
	}
	if found == 0 {
		t.Errorf("no offered patent is matched by its own title")
	}
}
