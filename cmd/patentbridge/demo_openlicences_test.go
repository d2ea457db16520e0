package main

import "testing"

// The demo announces an open licence of each fee method and withdraws one.
func TestDemoOpenLicences(t *testing.T) {
	m := MustOpenMain(t, "sqlite:"+t.TempDir()+"/demo.db", 400)
	var list struct {
		Total int
		Items []struct {
			Method      string `json:"method"`
			LedgerIndex *int64 `json:"ledger_index"`
		}
	}
	MustGetJSON(t, m.URL()+"/api/v1/open-licences?status=announced", &list)
	methods := map[string]bool{}
	for _, it := range list.Items {
		methods[it.Method] = true
		if it.LedgerIndex == nil {
			t.Errorf("an announced open licence without its ledger index")
		}
	}
	if len(methods) != 6 {
		t.Errorf("announced methods %v (total %d), want all six", methods, list.Total)
	}
	MustGetJSON(t, m.URL()+"/api/v1/open-licences?status=withdrawn", &list)
	if list.Total != 1 {
		t.Errorf("withdrawn = %d, want 1", list.Total)
	}
}
