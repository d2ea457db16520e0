package patentbridge

import (
	"context"
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

// IsPlatform reports whether ctx carries the platform's own act: no signed-in
// user and an origin of "cli" or "system" (never a web or API request).
func IsPlatform(ctx context.Context) bool {
	if UserFrom(ctx) != nil {
		return false
	}
	a := OriginFrom(ctx).Address
	return a == "cli" || a == "system"
}

// ScopeCity returns the 市(州) that a user's reads and writes are confined to:
// its city for a city user, "" (the whole province) for everyone else.
func ScopeCity(u *User) string {
	if u != nil && u.Role == RoleCity {
		return u.CityCode
	}
	return ""
}

// InCity reports whether a region code (4- or 6-digit GB/T 2260) lies in the city.
func InCity(region, city string) bool {
	return len(city) == 4 && len(region) >= 4 && region[:4] == city
}
