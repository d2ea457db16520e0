package api

import (
	"patentbridge"
	"patentbridge/internal/httpx"
)

// accountRoutes are login, the signed-in user's account and tokens, account
// management and the audit log.
func (s *Server) accountRoutes() []httpx.Route {
	if s.Users == nil {
		return nil
	}
	managers := httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity)
	rs := []httpx.Route{
		httpx.NewRoute("POST /api/v1/auth/login", httpx.Anyone, s.login),
		httpx.NewRoute("POST /api/v1/auth/logout", httpx.SignedIn, s.logout),
		httpx.NewRoute("GET /api/v1/me", httpx.SignedIn, s.me),
		httpx.NewRoute("POST /api/v1/me/password", httpx.SignedIn, s.changePassword),
		httpx.NewRoute("GET /api/v1/me/tokens", httpx.SignedIn, s.listTokens),
		httpx.NewRoute("POST /api/v1/me/tokens", httpx.SignedIn, s.createToken),
		httpx.NewRoute("DELETE /api/v1/me/tokens/{id}", httpx.SignedIn, s.revokeToken),
		httpx.NewRoute("GET /api/v1/users", managers, s.listUsers),
		httpx.NewRoute("POST /api/v1/users", managers, s.createUser),
		httpx.NewRoute("GET /api/v1/users/{id}", httpx.SignedIn.In(httpx.ScopeOwnCity), s.getUser),
		httpx.NewRoute("PATCH /api/v1/users/{id}", managers, s.updateUser),
		httpx.NewRoute("POST /api/v1/users/{id}/password", managers, s.resetPassword),
	}
	if s.AuditLog != nil {
		rs = append(rs, httpx.NewRoute("GET /api/v1/audit", managers, s.listAudit))
	}
	return rs
}
