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
		{"202223220665", "位数不对"}, // a 12-digit number must carry its check character
		{"CN85102475.1", "校验位错误：应为 0，实际为 1"},
		{"20221234", "年份 20 不在1985–2003年"},
		{"8510247X", "非数字"},
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

// TestParseAppNoOldEightDigits covers the 1985–2003 numbers exports give as
// 8 digits without their check character: the platform computes it (weights
// 2..9, sum mod 11, 10 -> X) and says it did.
func TestParseAppNoOldEightDigits(t *testing.T) {
	computed := []struct {
		in, want string
		kind     patentbridge.Kind
	}{
		{"CN85102475", "851024750", patentbridge.KindInvention}, // the example: 176 mod 11 = 0
		{"85102475", "851024750", patentbridge.KindInvention},
		{"85102475.", "851024750", patentbridge.KindInvention},
		{"ＣＮ８５１０２４７５", "851024750", patentbridge.KindInvention},
		{"CN 85 2 00001", "852000014", patentbridge.KindUtility}, // 16+15+8+9 = 48, mod 11 = 4
		{"88300012", "883000121", patentbridge.KindDesign},       // 16+24+12+8+18 = 78, mod 11 = 1
		// Published with their check characters: ZL95115608.X and 97101765.4.
		{"95115608", "95115608X", patentbridge.KindInvention},
		{"97101765", "971017654", patentbridge.KindInvention},
		{"03100001", "031000010", patentbridge.KindInvention}, // 2003, the last year of 8-digit numbers: 9+4+9 = 22, mod 11 = 0
	}
	for _, tc := range computed {
		a, err := patentbridge.ParseAppNo(tc.in)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if a.Number != tc.want || a.Kind != tc.kind || !a.CheckComputed {
			t.Errorf("%q = %+v, want %s %s with the check character computed", tc.in, a, tc.want, tc.kind)
		}
		if n, kind, err := patentbridge.NormalizeAppNo(tc.in); n != tc.want || kind != tc.kind || err != nil {
			t.Errorf("NormalizeAppNo(%q) = %q %q %v", tc.in, n, kind, err)
		}
	}
	// A number that carries its check character is not computed, old or new.
	for _, in := range []string{"CN85102475.0", "851024750", "95115608.X", "CN202223220665.2"} {
		if a, err := patentbridge.ParseAppNo(in); err != nil || a.CheckComputed {
			t.Errorf("%q = %+v, %v; want accepted with the source's check character", in, a, err)
		}
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
