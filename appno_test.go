package patentbridge_test

import (
	"testing"

	"patentbridge"
)

func TestNormalizeAppNo(t *testing.T) {
	valid := []struct {
		in, want string
		kind     patentbridge.Kind
	}{
		{"CN202223220665.2", "2022232206652", patentbridge.KindUtility}, // DESIGN §3.1, a real utility model
		{"202223220665.2", "2022232206652", patentbridge.KindUtility},
		{"2022232206652", "2022232206652", patentbridge.KindUtility},
		{" CN 2022 2322 0665 . 2 ", "2022232206652", patentbridge.KindUtility},
		{"ＣＮ２０２２２３２２０６６５．２", "2022232206652", patentbridge.KindUtility},
		{"ZL201910123456.X", "201910123456X", patentbridge.KindInvention},
		{"201910123456.x", "201910123456X", patentbridge.KindInvention},
		{"202330012345.9", "2023300123459", patentbridge.KindDesign},
		{"202380000001.3", "2023800000013", patentbridge.KindPCTInvention},
		{"97123456.6", "971234566", patentbridge.KindInvention}, // pre-2003: 8 digits, weights 2..9
		{"02100001.8", "021000018", patentbridge.KindInvention},
	}
	for _, tc := range valid {
		t.Run(tc.in, func(t *testing.T) {
			got, kind, err := patentbridge.NormalizeAppNo(tc.in)
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if got != tc.want || kind != tc.kind {
				t.Fatalf("got %q %q, want %q %q", got, kind, tc.want, tc.kind)
			}
		})
	}
	invalid := []struct{ in, reason string }{
		{"CN202223220665.3", "校验位错误：应为 2，实际为 3"},
		{"201910123456.0", "校验位错误：应为 X，实际为 0"},
		{"", "申请号为空"},
		{"20222322066", "位数不对"},
		{"2022A3220665.2", "非数字"},
	}
	for _, tc := range invalid {
		t.Run("reject "+tc.in, func(t *testing.T) {
			_, _, err := patentbridge.NormalizeAppNo(tc.in)
			if patentbridge.ErrorCode(err) != patentbridge.EINVALID {
				t.Fatalf("want EINVALID, got %v", err)
			}
			if msg := patentbridge.ErrorMessage(err); !contains(msg, tc.reason) {
				t.Fatalf("message %q does not say %q", msg, tc.reason)
			}
		})
	}
	if got := patentbridge.FormatAppNo("2022232206652"); got != "202223220665.2" {
		t.Fatalf("FormatAppNo = %q", got)
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
