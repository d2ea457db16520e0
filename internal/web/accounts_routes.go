package web

import (
	"patentbridge"
	"patentbridge/internal/httpx"
)

// accountRoutes are my account (password, API tokens), account management and
// the audit log: the admin all accounts and entries, a city user its city's.
func (s *Server) accountRoutes() []httpx.Route {
	if s.Users == nil {
		return nil
	}
	managers := httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity)
	rs := []httpx.Route{
		httpx.NewRoute("GET /account", httpx.SignedIn, s.accountPage),
		httpx.NewRoute("GET /account/password", httpx.SignedIn, s.passwordForm),
		httpx.NewRoute("POST /account/password", httpx.SignedIn, limitForm(s.changePassword)),
		httpx.NewRoute("POST /account/tokens", httpx.SignedIn, limitForm(s.createToken)),
		httpx.NewRoute("POST /account/tokens/{id}/revoke", httpx.SignedIn, s.revokeToken),
		httpx.NewRoute("GET /admin/users", managers, s.usersPage),
		httpx.NewRoute("POST /admin/users", managers, limitForm(s.createUser)),
		httpx.NewRoute("GET /admin/users/{id}", managers, s.userPage),
		httpx.NewRoute("POST /admin/users/{id}", managers, limitForm(s.updateUser)),
		httpx.NewRoute("POST /admin/users/{id}/password", managers, limitForm(s.resetPassword)),
	}
	if s.AuditLog != nil {
		rs = append(rs,
			httpx.NewRoute("GET /admin/audit", managers, s.auditPage),
			httpx.NewRoute("GET /admin/audit.csv", managers, s.auditCSV))
	}
	return rs
}
