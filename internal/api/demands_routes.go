package api

import (
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// registerDemands adds the demand, matching and enterprise-registry endpoints of
// the services that are configured; the others answer 404.
func (s *Server) registerDemands(mux *http.ServeMux) {
	moderators := httpx.RequireRole(patentbridge.RoleAdmin, patentbridge.RoleCity)
	signedIn := httpx.RequireRole()
	if s.Demands != nil {
		mux.HandleFunc("GET /api/v1/demands", s.listDemands)
		mux.HandleFunc("GET /api/v1/demands/{id}", s.getDemand)
		mux.Handle("POST /api/v1/demands", httpx.RequireRole(patentbridge.RoleEnterprise, patentbridge.RoleAdmin)(http.HandlerFunc(s.createDemand)))
		mux.Handle("POST /api/v1/demands/{id}/moderate", moderators(http.HandlerFunc(s.moderateDemand)))
		if s.Feedback != nil {
			mux.Handle("POST /api/v1/demands/{id}/feedback", signedIn(http.HandlerFunc(s.demandFeedback)))
		}
	}
	if s.Search != nil {
		mux.HandleFunc("POST /api/v1/match", s.match)
		mux.HandleFunc("POST /api/v1/classify", s.classify)
	}
	if s.Enterprises != nil {
		mux.Handle("GET /api/v1/enterprises", moderators(http.HandlerFunc(s.listEnterprises)))
	}
	if s.EnterpriseRanker != nil {
		mux.Handle("GET /api/v1/enterprises/push", moderators(http.HandlerFunc(s.pushEnterprises)))
	}
}
