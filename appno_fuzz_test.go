package patentbridge_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"patentbridge"
)

// FuzzNormalizeAppNo checks that any text is either refused with a Chinese reason
// naming 申请号, or normalized to a canonical number (digits + the right check
// character) that normalizes to itself from every form DESIGN §3.1 accepts.
func FuzzNormalizeAppNo(f *testing.F) {
	for _, s := range []string{"CN202223220665.2", "2022232206652", "ZL201910123456.X", "ZL201910123456.7", "97123456.6"} {
		f.Add(s) // the committed corpus in testdata/fuzz holds more
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, kind, err := patentbridge.NormalizeAppNo(s)
		if err != nil {
			mustChineseError(t, err, "申请号")
			if patentbridge.ErrorField(err) != "申请号" {
				t.Fatalf("%q: error field %q", s, patentbridge.ErrorField(err))
			}
			return
		}
		if len(n) != 13 && len(n) != 9 {
			t.Fatalf("%q -> %q: %d characters", s, n, len(n))
		}
		digits, check := n[:len(n)-1], n[len(n)-1:]
		if strings.Trim(digits, "0123456789") != "" || check != patentbridge.AppNoCheckChar(digits) {
			t.Fatalf("%q -> %q: not digits plus their check character", s, n)
		}
		if kind != "" && kind.Label() == string(kind) {
			t.Fatalf("%q -> unknown kind %q", s, kind)
		}
		for _, form := range []string{n, patentbridge.FormatAppNo(n), "CN" + patentbridge.FormatAppNo(n), strings.ToLower("zl" + n)} {
			n2, kind2, err := patentbridge.NormalizeAppNo(form)
			if err != nil || n2 != n || kind2 != kind {
				t.Fatalf("%q -> %q %q, but %q -> %q %q %v", s, n, kind, form, n2, kind2, err)
			}
		}
	})
}

// mustChineseError fails unless err is EINVALID with a valid UTF-8 message that
// is Chinese (holds at least one Han character) and mentions word.
func mustChineseError(t *testing.T, err error, word string) {
	t.Helper()
	msg := patentbridge.ErrorMessage(err)
	if patentbridge.ErrorCode(err) != patentbridge.EINVALID || !utf8.ValidString(msg) || !strings.Contains(msg, word) || !hasHan(msg) {
		t.Fatalf("error %v: want EINVALID with a Chinese message naming %s", err, word)
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}
