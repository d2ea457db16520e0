package patentbridge_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"patentbridge"
)

// FuzzNormalizeAppNo checks that any text is either refused with a Chinese reason
// naming 申请号, or normalized to a canonical number (digits + the right check
// character) that normalizes to itself from every form DESIGN §3.1 accepts; the
// check character is reported computed exactly when the text gave 8 digits.
func FuzzNormalizeAppNo(f *testing.F) {
	for _, s := range []string{"CN202223220665.2", "2022232206652", "ZL201910123456.X", "ZL201910123456.7", "97123456.6", "CN85102475", "20221234"} {
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
		if a, err := patentbridge.ParseAppNo(s); err != nil || a.Number != n || a.Kind != kind {
			t.Fatalf("%q: ParseAppNo = %+v, %v; NormalizeAppNo = %q %q", s, a, err, n, kind)
		} else if a.CheckComputed && len(n) != 9 {
			t.Fatalf("%q -> %q: check character computed for a number that is not 8 digits", s, n)
		}
		if kind != "" && kind.Label() == string(kind) {
			t.Fatalf("%q -> unknown kind %q", s, kind)
		}
		for _, form := range []string{n, patentbridge.FormatAppNo(n), "CN" + patentbridge.FormatAppNo(n), strings.ToLower("zl" + n)} {
			a, err := patentbridge.ParseAppNo(form)
			if err != nil || a.Number != n || a.Kind != kind || a.CheckComputed {
				t.Fatalf("%q -> %q %q, but %q -> %+v %v", s, n, kind, form, a, err)
			}
		}
		if len(n) == 9 {
			old := n[:8]
			if a, err := patentbridge.ParseAppNo("CN" + old); err == nil && (a.Number != n || !a.CheckComputed) {
				t.Fatalf("%q -> %q, but its 8 digits %q -> %+v", s, n, old, a)
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
