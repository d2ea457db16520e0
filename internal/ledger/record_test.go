package ledger

import (
	"testing"
	"time"
)

func TestCanonicalSortsKeysAndKeepsChinese(t *testing.T) {
	at := time.Date(2026, 11, 27, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
	got, err := Canonical(Record{Kind: "open_licence.announce", Object: "open_licence:1", At: at,
		Data: map[string]any{"z": 1, "a": "四川大学 <专利>", "rate_bp": 2000}})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"at":"2026-11-27T02:00:00Z","data":{"a":"四川大学 <专利>","rate_bp":2000,"z":1},"kind":"open_licence.announce","object":"open_licence:1"}`
	if string(got) != want {
		t.Fatalf("Canonical =\n%s\nwant\n%s", got, want)
	}
}
