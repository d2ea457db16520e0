package patentbridge

import (
	"strings"
	"unicode/utf8"
)

// MinPasswordLength is the shortest password accepted, in characters.
const MinPasswordLength = 10

// CheckPassword applies the password rule: at least MinPasswordLength
// characters, at most 72 bytes (bcrypt's limit), and not the username. Returns
// EINVALID naming the field "password".
func CheckPassword(username, password string) error {
	switch {
	case utf8.RuneCountInString(password) < MinPasswordLength:
		return FieldErrorf("password", "密码至少需要%d个字符", MinPasswordLength)
	case len(password) > 72:
		return FieldErrorf("password", "密码过长（不超过72字节）")
	case strings.EqualFold(strings.TrimSpace(password), strings.TrimSpace(username)):
		return FieldErrorf("password", "密码不能与用户名相同")
	}
	return nil
}
