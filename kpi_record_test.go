package patentbridge_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"patentbridge"
)

// A record behind a money figure is listed with its amount in fen and what it
// adds in 万元 as the pages show it; an enterprise not in the registry has no
// id rather than a made-up 0.
func TestKPIRecordItemsNameTheirUnit(t *testing.T) {
	k, _ := patentbridge.FindKPI("pledge_amount")
	rec := &patentbridge.KPIRecord{Kind: "loan", ID: 7, City: "5101", Date: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
		Title: "成都银行", Party: "成都芯动科技有限公司", Amount: 50000001}
	b, err := json.Marshal(patentbridge.KPIRecordItem{Record: rec, KPI: k})
	if err != nil || !strings.Contains(string(b), `"amount":50000001`) || !strings.Contains(string(b), `"amount_label":"50.000001"`) ||
		!strings.Contains(string(b), `"date":"2026-03-01"`) || !strings.Contains(string(b), `"id":7`) {
		t.Errorf("money record: %s %v", b, err)
	}
	org := &patentbridge.KPIRecord{Kind: "organization", City: "5101", Title: "某未登记科技有限公司", Amount: 1}
	k, _ = patentbridge.FindKPI("smes_reached")
	b, err = json.Marshal(patentbridge.KPIRecordItem{Record: org, KPI: k})
	if err != nil || strings.Contains(string(b), `"id"`) || !strings.Contains(string(b), `"amount_label":"1"`) {
		t.Errorf("unregistered enterprise: %s %v", b, err)
	}
}

// The report's year starts where records may be dated.
func TestParseKPIYear(t *testing.T) {
	for v, want := range map[string]int{"": 0, "1985": 1985, " 2026 ": 2026, "2100": 2100} {
		if y, err := patentbridge.ParseKPIYear("year", v); err != nil || y != want {
			t.Errorf("ParseKPIYear(%q) = %d %v", v, y, err)
		}
	}
	for _, v := range []string{"1984", "2101", "abc", "2026.5"} {
		_, err := patentbridge.ParseKPIYear("year", v)
		if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorField(err) != "year" || !strings.Contains(patentbridge.ErrorMessage(err), "1985") {
			t.Errorf("ParseKPIYear(%q): %v", v, err)
		}
	}
}
