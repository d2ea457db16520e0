package httpx

import (
	"slices"
	"strings"

	"patentbridge"
)

// Scope documents the object check a route's handler or service does beyond
// the role check of its Access; the middleware does not load objects.
type Scope int

// The scopes of a route.
const (
	// ScopeNone: no object check (public data, or the role alone decides).
	ScopeNone Scope = iota
	// ScopeOwnOrg: institution and enterprise users act only on their own
	// organization's objects (patents they own, demands they posted).
	ScopeOwnOrg
	// ScopeOwnCity: city users act only on their own city's objects; the
	// middleware also refuses a city user whose account has no city.
	ScopeOwnCity
	// ScopeAdmin: the object check admits administrators only.
	ScopeAdmin
)

// Access is who may use a route: anyone, any signed-in user, or signed-in users
// of some roles (administrators are always among them), plus the route's Scope.
type Access struct {
	signedIn bool
	roles    []patentbridge.Role // nil: any role
	Scope    Scope
}

var (
	// Anyone admits every visitor, signed in or not.
	Anyone = Access{}
	// SignedIn admits every signed-in user, whatever the role.
	SignedIn = Access{signedIn: true}
	// Admin admits administrators only.
	Admin = Roles(patentbridge.RoleAdmin)
)

// Roles admits signed-in users with one of roles, and administrators always:
// the provincial operator may do whatever any other role may (DESIGN §1).
func Roles(roles ...patentbridge.Role) Access {
	rs := slices.Clone(roles)
	if !slices.Contains(rs, patentbridge.RoleAdmin) {
		rs = append(rs, patentbridge.RoleAdmin)
	}
	return Access{signedIn: true, roles: rs}
}

// In returns a copy of a with the scope s.
func (a Access) In(s Scope) Access {
	a.Scope = s
	return a
}

// Check returns nil if u may use a route of access a, EUNAUTHORIZED for an
// anonymous visitor of a route that needs a sign-in, EFORBIDDEN otherwise.
func (a Access) Check(u *patentbridge.User) error {
	if !a.signedIn {
		return nil
	}
	if u == nil {
		return patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录")
	}
	if a.roles != nil && !slices.Contains(a.roles, u.Role) {
		labels := make([]string, len(a.roles))
		for i, role := range a.roles {
			labels[i] = role.Label()
		}
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：此操作仅限%s", strings.Join(labels, "、"))
	}
	// A role's or an organization's act is a post: a self-registered account
	// waiting for review may use only the routes open to any signed-in user.
	if a.roles != nil || a.Scope == ScopeOwnOrg {
		if err := patentbridge.CanPost(u); err != nil {
			return err
		}
	}
	if a.Scope == ScopeOwnCity && u.Role == patentbridge.RoleCity && u.CityCode == "" {
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "您的账号未设置所属市（州），不能进行此操作，请联系管理员")
	}
	return nil
}

// String describes a for logs and test messages, e.g. "roles(city,admin)/own-city".
func (a Access) String() string {
	s := "anyone"
	switch {
	case a.roles != nil:
		parts := make([]string, len(a.roles))
		for i, r := range a.roles {
			parts[i] = string(r)
		}
		s = "roles(" + strings.Join(parts, ",") + ")"
	case a.signedIn:
		s = "signed-in"
	}
	return s + [...]string{"", "/own-org", "/own-city", "/admin"}[a.Scope]
}
