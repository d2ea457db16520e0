package sqldb

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"patentbridge"
)

// marshal is encoding/json's output without HTML escaping, as stored before.
func marshal(tb testing.TB, v any) string {
	tb.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		tb.Fatal(err)
	}
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

func TestJSONAppendMatchesEncodingJSON(t *testing.T) {
	strs := []string{"", "四川大学", "A61K36/23", `引号"与\反斜杠`, "换行\n回车\r制表\t", "\x00\x1f控制",
		"bad \xff utf-8", "<&> html", "line\u2028sep\u2029", "emoji 😀", "Ё ß é"}
	t.Run("strings", func(t *testing.T) {
		for _, s := range strs {
			if got, want := string(appendJSONString(nil, s)), marshal(t, s); got != want {
				t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
			}
		}
		if got, want := string(appendJSONStrings(nil, strs)), marshal(t, strs); got != want {
			t.Errorf("appendJSONStrings = %s, want %s", got, want)
		}
		if got := string(appendJSONStrings(nil, nil)); got != "[]" {
			t.Errorf("nil strings = %s, want []", got)
		}
	})
	t.Run("parties", func(t *testing.T) {
		if n := reflect.TypeFor[patentbridge.Party]().NumField(); n != 3 {
			t.Fatalf("patentbridge.Party has %d fields; appendJSONParties encodes 3: update it", n)
		}
		ps := []patentbridge.Party{
			{Name: "成都智航科技有限公司", Type: patentbridge.PartyEnterprise, SME: true},
			{Name: `张"伟`, Type: patentbridge.PartyIndividual},
			{Name: "", Type: ""},
		}
		if got, want := string(appendJSONParties(nil, ps)), marshal(t, ps); got != want {
			t.Errorf("appendJSONParties = %s, want %s", got, want)
		}
		if got := string(appendJSONParties(nil, nil)); got != "[]" {
			t.Errorf("nil parties = %s, want []", got)
		}
	})
	t.Run("events", func(t *testing.T) {
		if n := reflect.TypeFor[storedEvent]().NumField(); n != 3 {
			t.Fatalf("storedEvent has %d fields; appendJSONEvents encodes 3: update it", n)
		}
		es := []storedEvent{{Type: patentbridge.EventGrant, Date: "2020-01-02", Text: "授权"},
			{Type: patentbridge.EventGrant}, {Type: "x", Text: "只有\"文字"}}
		if got, want := string(appendJSONEvents(nil, es)), marshal(t, es); got != want {
			t.Errorf("appendJSONEvents = %s, want %s", got, want)
		}
	})
	t.Run("map", func(t *testing.T) {
		m := map[string]string{"审查员": "刘洋", "b": "", "a\"": "\n", "Z": "z"}
		if got, want := string(appendJSONMap(nil, m)), marshal(t, m); got != want {
			t.Errorf("appendJSONMap = %s, want %s", got, want)
		}
		if got := string(appendJSONMap(nil, nil)); got != "{}" {
			t.Errorf("nil map = %s, want {}", got)
		}
	})
}
