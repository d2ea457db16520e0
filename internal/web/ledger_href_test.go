package web

import "testing"

func TestLedgerEntriesLinkToThePublicPageOfTheirAct(t *testing.T) {
	for object, want := range map[string]string{
		"supply_list:3": "/supply/3", "open_licence:7": "/open-licences/7", "offer:12": "/market/12",
		"pool:2": "/pools/2", "licence:5": "", "offer:x": "", "offer:0": "",
	} {
		if got := ledgerObjectHref(object); got != want {
			t.Errorf("ledgerObjectHref(%q) = %q, want %q", object, got, want)
		}
	}
}
