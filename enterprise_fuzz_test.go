package patentbridge_test

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"patentbridge"
)

// FuzzNormalizeCreditCode checks that a 统一社会信用代码 is either refused with a
// Chinese reason that tells the truth about the input (its length in characters,
// the character it names), or accepted in a canonical upper-case form that
// validates again, also from lower case.
func FuzzNormalizeCreditCode(f *testing.F) {
	for _, s := range []string{"91350100M000100Y43", "91510100MA61234567", "12100000400000624D", "９１３５０１００Ｍ０００１００Ｙ４３"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := patentbridge.NormalizeCreditCode(s)
		if err != nil {
			mustChineseError(t, err, "统一社会信用代码")
			msg := patentbridge.ErrorMessage(err)
			folded := []rune(strings.ToUpper(strings.TrimSpace(strings.Map(fold, s))))
			if strings.Contains(msg, "应为18位") && (len(folded) == 18 || !strings.Contains(msg, "实际为"+strconv.Itoa(len(folded))+"位")) {
				t.Fatalf("%q (%d characters): %s", s, len(folded), msg)
			}
			if pos, named, ok := invalidChar(msg); ok && (pos < 1 || pos > len(folded) || folded[pos-1] != named) {
				t.Fatalf("%q: %s, but character %d is not %q", s, msg, pos, named)
			}
			return
		}
		if len(c) != 18 || strings.Trim(c, "0123456789ABCDEFGHJKLMNPQRTUWXY") != "" {
			t.Fatalf("%q -> %q: not 18 characters of GB 32100", s, c)
		}
		for _, form := range []string{c, strings.ToLower(c), " " + c + " "} {
			if c2, err := patentbridge.NormalizeCreditCode(form); err != nil || c2 != c {
				t.Fatalf("%q -> %q, but %q -> %q %v", s, c, form, c2, err)
			}
		}
	})
}

// fold maps full-width ASCII to half-width, as the validator does.
func fold(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		return r - 0xFEE0
	}
	if r == 0x3000 {
		return ' '
	}
	return r
}

// invalidChar reads "第N位 'x' 不是有效字符" at the end of a message.
func invalidChar(msg string) (pos int, named rune, ok bool) {
	head, found := strings.CutSuffix(msg, " 不是有效字符")
	k := strings.LastIndex(head, "第")
	if !found || k < 0 {
		return 0, 0, false
	}
	num, lit, _ := strings.Cut(head[k+len("第"):], "位 ")
	pos, err := strconv.Atoi(num)
	if err != nil {
		return 0, 0, false
	}
	if v, err := strconv.Unquote(lit); err == nil && utf8.RuneCountInString(v) == 1 {
		named, _ = utf8.DecodeRuneInString(v)
		return pos, named, true
	}
	return pos, utf8.RuneError, true
}
