package patentbridge

import "context"

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

// CityManager is the rule shared by the acts of administrators and city
// offices: it admits administrators, and city users who have a city, and tells
// the others they may not do what (e.g. "编制供给清单"). Returns EUNAUTHORIZED
// or EFORBIDDEN.
func CityManager(u *User, what string) error {
	switch {
	case u == nil:
		return Errorf(EUNAUTHORIZED, "请先登录")
	case u.Role == RoleAdmin:
		return nil
	case u.Role != RoleCity:
		return Errorf(EFORBIDDEN, "没有权限：只有省级管理员和市（州）管理员可以%s", what)
	case u.CityCode == "":
		return Errorf(EFORBIDDEN, "您的账号未设置所属市（州），不能%s", what)
	}
	return nil
}

// AdminOnly admits the provincial administrator alone to what. Returns
// EUNAUTHORIZED, EFORBIDDEN.
func AdminOnly(u *User, what string) error {
	switch {
	case u == nil:
		return Errorf(EUNAUTHORIZED, "请先登录")
	case u.Role != RoleAdmin:
		return Errorf(EFORBIDDEN, "没有权限：只有省级管理员可以%s", what)
	}
	return nil
}
