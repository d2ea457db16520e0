package main

import (
	"testing"
)

// The demo's market is alive: offers of every kind, SOE offers on the shared
// list, published pools, each with its ledger index.
func TestDemoMarket(t *testing.T) {
	m := MustOpenMain(t, "sqlite:"+t.TempDir()+"/demo.db", 400)
	var offers struct {
		Total int
		Items []struct {
			Kind        string `json:"kind"`
			OrgType     string `json:"organization_type"`
			SOEShared   bool   `json:"soe_shared"`
			LedgerIndex *int64 `json:"ledger_index"`
		}
	}
	MustGetJSON(t, m.URL()+"/api/v1/offers?limit=100", &offers)
	kinds, shared := map[string]bool{}, 0
	for _, o := range offers.Items {
		kinds[o.Kind] = true
		if o.LedgerIndex == nil {
			t.Errorf("offer without a ledger index: %+v", o)
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
