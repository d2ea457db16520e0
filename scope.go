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
