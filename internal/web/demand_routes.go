package web

import (
	"patentbridge"
	"patentbridge/internal/httpx"
)

// demandRoutes are the permission-table entries of technology demands and the
// enterprise registry, for the services that are configured.
func (s *Server) demandRoutes() []httpx.Route {
	var rs []httpx.Route
	poster, moderator := httpx.DemandPosters, httpx.DemandModerators
	if s.Demands != nil {
		rs = append(rs,
			httpx.NewRoute("GET /demands", httpx.Anyone, s.demandList),
			httpx.NewRoute("GET /demands/new", poster, s.demandNew),
			httpx.NewRoute("POST /demands/new", poster, s.demandCreate),
			httpx.NewRoute("GET /demands/{id}", httpx.Anyone, s.demandDetail),
			httpx.NewRoute("GET /my/demands", poster, s.myDemands),
			httpx.NewRoute("GET /demands/{id}/edit", poster, s.demandEdit),
			httpx.NewRoute("POST /demands/{id}/edit", poster, s.demandUpdate),
			httpx.NewRoute("POST /demands/{id}/close", poster, s.demandClose),
			httpx.NewRoute("GET /admin/demands", moderator, s.demandAdmin),
			httpx.NewRoute("POST /admin/demands/{id}/moderate", moderator, s.demandModerate))
		if s.Feedback != nil {
			// the service admits the posting organization and the admin only, after
			// FindVisibleDemand, so that an unpublished demand stays "not found"
			rs = append(rs, httpx.NewRoute("POST /demands/{id}/feedback", httpx.SignedIn.In(httpx.ScopeOwnOrg), s.demandFeedback))
		}
		if s.ReadDemands != nil {
			rs = append(rs,
				httpx.NewRoute("GET /admin/demands/import", moderator, s.demandImportPage),
				httpx.NewRoute("POST /admin/demands/import", moderator, s.demandImport))
		}
	}
	if s.Enterprises != nil {
		rs = append(rs, httpx.NewRoute("GET /admin/enterprises", httpx.Admin, s.enterprisePage))
		if s.ImportEnterprises != nil {
			rs = append(rs, httpx.NewRoute("POST /admin/enterprises", httpx.Admin, s.enterpriseImport))
		}
	}
	if s.EnterpriseRanker != nil {
		rs = append(rs, httpx.NewRoute("GET /admin/enterprises/push", httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity), s.enterprisePush))
		if s.Push != nil && s.Supply != nil {
			// the service admits the list's managers only (patentbridge.AuthorizeSupplyList)
			rs = append(rs, httpx.NewRoute("POST /admin/enterprises/push/send", httpx.SupplyManagers, s.enterprisePushSend))
		}
	}
	return rs
}
