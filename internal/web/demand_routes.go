package web

import (
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// registerDemands adds the pages of technology demands and the enterprise
// registry for the services that are configured.
func (s *Server) registerDemands(mux *http.ServeMux) {
	if s.Demands != nil {
		mux.HandleFunc("GET /demands", s.demandList)
		mux.HandleFunc("GET /demands/new", s.demandNew)
		mux.HandleFunc("POST /demands/new", s.demandCreate)
		mux.HandleFunc("GET /demands/{id}", s.demandDetail)
		if s.Feedback != nil {
			mux.HandleFunc("POST /demands/{id}/feedback", s.demandFeedback)
		}
		mux.HandleFunc("GET /admin/demands", s.demandModerator(s.demandAdmin))
		mux.HandleFunc("POST /admin/demands/{id}/moderate", s.demandModerator(s.demandModerate))
		if s.ReadDemands != nil {
			mux.HandleFunc("GET /admin/demands/import", s.demandModerator(s.demandImportPage))
			mux.HandleFunc("POST /admin/demands/import", s.demandModerator(s.demandImport))
		}
	}
	if s.Enterprises != nil {
		mux.HandleFunc("GET /admin/enterprises", s.admin(s.enterprisePage))
		if s.ImportEnterprises != nil {
			mux.HandleFunc("POST /admin/enterprises", s.admin(s.enterpriseImport))
		}
	}
	if s.EnterpriseRanker != nil {
		mux.HandleFunc("GET /admin/enterprises/push", s.demandModerator(s.enterprisePush))
	}
}

// demandModerator wraps a handler for administrators and city users.
func (s *Server) demandModerator(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := httpx.AuthorizeDemandModeration(patentbridge.UserFrom(r.Context())); err != nil {
			s.errorPage(w, r, err)
			return
		}
		h(w, r)
	}
}
