package api

import (
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// Register adds the API's permission table (Routes) to mux, each route behind
// its access check, which answers JSON 401/403.
func (s *Server) Register(mux *http.ServeMux) { httpx.Register(mux, s.Routes(), httpx.DenyJSON) }

// Routes is the API's permission table: /healthz and every endpoint under
// /api/ once, with who may use it; the features whose service is nil are left
// out (and answer 404 through the catch-all "/api/").
func (s *Server) Routes() []httpx.Route {
	admin := httpx.Admin
	rs := []httpx.Route{
		httpx.NewRoute("GET /healthz", httpx.Anyone, s.health),
		httpx.NewRoute("GET /api/v1/patents", httpx.Anyone, s.listPatents),
		httpx.NewRoute("GET /api/v1/patents/{app_no}", httpx.Anyone, s.getPatent),
		httpx.NewRoute("GET /api/v1/ipc/{code...}", httpx.Anyone, s.getIPC),
		httpx.NewRoute("GET /api/v1/imports", admin, s.listImports),
		httpx.NewRoute("POST /api/v1/imports", admin, s.createImport),
		httpx.NewRoute("GET /api/v1/imports/{id}", admin, s.getImport),
		httpx.NewRoute("GET /api/v1/imports/{id}/rejects", admin, s.getImportRejects),
		httpx.NewRoute("POST /api/v1/imports/{id}/resume", admin, s.resumeImport),
		httpx.NewRoute("POST /api/v1/imports/{id}/discard", admin, s.discardImport),
	}
	if s.Supply != nil {
		manager := httpx.SupplyManagers
		rs = append(rs,
			httpx.NewRoute("GET /api/v1/supply-lists", httpx.Anyone, s.listSupplyLists),
			httpx.NewRoute("GET /api/v1/supply-lists/{id}", httpx.Anyone, s.getSupplyList),
			httpx.NewRoute("POST /api/v1/supply-lists", manager, s.createSupplyList),
			httpx.NewRoute("POST /api/v1/supply-lists/{id}/publish", manager, s.publishSupplyList),
			httpx.NewRoute("POST /api/v1/supply-lists/{id}/withdraw", manager, s.withdrawSupplyList))
	}
	if s.Screening != nil && s.Sleeping != nil {
		rs = append(rs, httpx.NewRoute("GET /api/v1/sleeping", httpx.Anyone, s.listSleeping))
	}
	if s.Screening != nil {
		rs = append(rs, httpx.NewRoute("GET /api/v1/screening/runs", httpx.Anyone, s.listRuns),
			httpx.NewRoute("POST /api/v1/screening/runs/{id}/rerun", admin, s.rerunRun),
			httpx.NewRoute("POST /api/v1/screening/runs/{id}/discard", admin, s.discardRun))
	}
	if s.Declarations != nil {
		rs = append(rs,
			httpx.NewRoute("POST /api/v1/patents/{app_no}/declarations", httpx.Roles(patentbridge.RoleInstitution).In(httpx.ScopeOwnOrg), s.createDeclaration),
			httpx.NewRoute("POST /api/v1/patents/{app_no}/ratings", httpx.Roles(patentbridge.RoleEnterprise), s.createRating))
	}
	rs = append(rs, s.offerRoutes()...)
	rs = append(rs, s.demandRoutes()...)
	rs = append(rs, s.messageRoutes()...)
	rs = append(rs, s.organizationRoutes()...)
	rs = append(rs, s.accountRoutes()...)
	rs = append(rs, s.registrationRoutes()...)
	rs = append(rs, s.ledgerRoutes()...)
	rs = append(rs, s.licenceRoutes()...)
	rs = append(rs, s.dealRoutes()...)
	rs = append(rs, s.kpiRoutes()...)
	rs = append(rs, s.eventRoutes()...)
	rs = append(rs, s.caseRoutes()...)
	rs = append(rs, s.pilotBaseRoutes()...)
	rs = append(rs, s.listingRoutes()...)
	rs = append(rs, s.loanRoutes()...)
	rs = append(rs, s.filingRoutes()...)
	rs = append(rs, s.serviceRoutes()...)
	rs = append(rs, s.openLicenceRoutes()...)
	return append(rs, httpx.NewRoute("/api/", httpx.Anyone, s.notFound))
}
