package patentbridge

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// CheckText applies the rule for text users type into one field: at most max
// characters, and no control, zero-width or bidirectional-override characters
// (which let "zw\u200badmin" pass for "zwadmin" or turn a line around in the
// audit log); multiline fields may hold line breaks and tabs. Returns EINVALID
// naming the field.
func CheckText(field, label, s string, max int, multiline bool) error {
	if n := utf8.RuneCountInString(s); n > max {
		return FieldErrorf(field, "%s不能超过%d个字符（现有%d个）", label, max, n)
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return isHiddenRune(r, multiline) }); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		return FieldErrorf(field, "%s含有不可见或控制字符（U+%04X），请删除后重试", label, r)
	}
	return nil
}

// isHiddenRune reports whether r is a character a user cannot see or that
// reorders text: C0/C1 controls (but line breaks and tabs in multiline text),
// zero-width characters, bidirectional marks and overrides, and the BOM.
func isHiddenRune(r rune, multiline bool) bool {
	switch {
	case multiline && (r == '\n' || r == '\r' || r == '\t'):
		return false
	case unicode.IsControl(r):
		return true
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0xFEFF, r == 0x2028, r == 0x2029:
		return true
	}
	return false
}

// ValidUsername reports whether s may be a username: 2 to 64 ASCII letters,
// digits and . _ - @, so that no two usernames look alike.
func ValidUsername(s string) bool {
	if len(s) < 2 || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-@", r)) {
			return false
		}
	}
	return true
}
