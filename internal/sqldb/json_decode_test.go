package sqldb

import (
	"encoding/json"
	"reflect"
	"testing"

	"patentbridge"
)

func TestJSONDecodeMatchesEncodingJSON(t *testing.T) {
	strs := []string{"", "四川大学", `引号"与\反斜杠`, "换行\n回车\r制表\t", "\x00\x1f控制", "<&> html",
		"line\u2028sep\u2029", "emoji 😀", "Ё ß é"}
	parties := []patentbridge.Party{{Name: `四川"大学"`, Type: patentbridge.PartyUniversity},
		{Name: "成都芯动科技有限公司", Type: patentbridge.PartyEnterprise, SME: true}}
	events := []storedEvent{{Type: patentbridge.EventTransfer, Date: "2024-05-01", Text: "专利权的转移\n变更"}, {Type: patentbridge.EventGrant}}
	extra := map[string]string{"获奖情况": "中国专利优秀奖", `"键"`: "值\\"}
	for _, text := range []string{string(appendJSONStrings(nil, strs)), marshal(t, strs), " [ \"a\" , \"b\" ] ", "null", "[]"} {
		got, err := decodeJSONStrings(text)
		var want []string
		if json.Unmarshal([]byte(text), &want); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("decodeJSONStrings(%s) = %q, %v; want %q", text, got, err, want)
		}
	}
	for _, text := range []string{string(appendJSONParties(nil, parties)), marshal(t, parties), `[{"type":"university","extra":{"x":[1,2]},"name":"川大"}]`} {
		got, err := decodeJSONParties(text)
		var want []patentbridge.Party
		if json.Unmarshal([]byte(text), &want); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("decodeJSONParties(%s) = %+v, %v; want %+v", text, got, err, want)
		}
	}
	for _, text := range []string{string(appendJSONEvents(nil, events)), marshal(t, events)} {
		got, err := decodeJSONEvents(text)
		var want []storedEvent
		if json.Unmarshal([]byte(text), &want); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("decodeJSONEvents(%s) = %+v, %v; want %+v", text, got, err, want)
		}
	}
	if got, err := decodeJSONMap(string(appendJSONMap(nil, extra))); err != nil || !reflect.DeepEqual(got, extra) {
		t.Errorf("decodeJSONMap = %v, %v; want %v", got, err, extra)
	}
	for _, bad := range []string{`["a"`, `[1]`, `{"name"}`, `["a" "b"]`, `"x`} {
		if _, err := decodeJSONStrings(bad); err == nil {
			t.Errorf("decodeJSONStrings(%s) accepted malformed JSON", bad)
		}
	}
}

func TestExcludedDecl(t *testing.T) {
	crit := func(impl, implEv, reason string) []patentbridge.CriterionResult {
		rs := []patentbridge.CriterionResult{}
		for _, c := range patentbridge.Criteria[:4] {
			rs = append(rs, patentbridge.CriterionResult{Criterion: c, Outcome: patentbridge.Met})
		}
		return append(rs, patentbridge.CriterionResult{Criterion: patentbridge.CritNotImplemented, Outcome: patentbridge.Outcome(impl), Evidence: implEv},
			patentbridge.CriterionResult{Criterion: patentbridge.CritNoReason, Outcome: patentbridge.Outcome(reason)})
	}
	for _, tc := range []struct {
		name string
		cs   []patentbridge.CriterionResult
		want string
	}{
		{"justified reason", crit("met", "", "failed"), exclByReason},
		{"implementation declared", crit("failed", "声明已实施：2025-03-01 起许可给 某公司", "met"), exclByImplemented},
		{"declared and a reason", crit("failed", "声明已实施：自行实施", "failed"), exclByImplemented},
		{"transferred", crit("failed", "2024-05-01 转让；声明已实施：自行实施", "met"), ""},
		{"transferred with a reason", crit("failed", "2024-05-01 转让", "failed"), ""},
	} {
		if got := excludedDecl(&patentbridge.ScreeningResult{Criteria: tc.cs}); got != tc.want {
			t.Errorf("%s: excludedDecl = %q, want %q", tc.name, got, tc.want)
		}
	}
	cs := crit("met", "", "failed")
	cs[2].Outcome = patentbridge.Failed
	if got := excludedDecl(&patentbridge.ScreeningResult{Criteria: cs}); got != "" {
		t.Errorf("excluded by an earlier criterion too: excludedDecl = %q, want none", got)
	}
}
