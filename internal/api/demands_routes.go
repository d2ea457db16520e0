package api

import (
	"patentbridge"
	"patentbridge/internal/httpx"
)

// demandRoutes are the permission-table entries of demands, matching and the
// enterprise registry, for the services that are configured.
func (s *Server) demandRoutes() []httpx.Route {
	var rs []httpx.Route
	moderator := httpx.DemandModerators
	if s.Demands != nil {
		rs = append(rs,
			httpx.NewRoute("GET /api/v1/demands", httpx.Anyone, s.listDemands),
			httpx.NewRoute("GET /api/v1/demands/{id}", httpx.Anyone, s.getDemand),
			httpx.NewRoute("POST /api/v1/demands", httpx.DemandPosters, s.createDemand),
			httpx.NewRoute("GET /api/v1/me/demands", httpx.DemandPosters, s.myDemands),
			httpx.NewRoute("PUT /api/v1/demands/{id}", httpx.DemandPosters, s.updateDemand),
			httpx.NewRoute("POST /api/v1/demands/{id}/close", httpx.DemandPosters, s.closeDemand),
			httpx.NewRoute("POST /api/v1/demands/{id}/moderate", moderator, s.moderateDemand))
		if s.Feedback != nil {
			// the service admits the posting organization and the admin only, after
			// FindVisibleDemand, so that an unpublished demand stays "not found"
			rs = append(rs, httpx.NewRoute("POST /api/v1/demands/{id}/feedback", httpx.SignedIn.In(httpx.ScopeOwnOrg), s.demandFeedback))
		}
	}
	if s.Search != nil {
		rs = append(rs,
			httpx.NewRoute("GET /api/v1/patents/search", httpx.Anyone, s.searchPatents),
			httpx.NewRoute("GET /api/v1/search/status", httpx.Anyone, s.searchStatus),
			httpx.NewRoute("POST /api/v1/match", httpx.Anyone, s.match),
			httpx.NewRoute("POST /api/v1/classify", httpx.Anyone, s.classify))
	}
	if s.Enterprises != nil {
		rs = append(rs, httpx.NewRoute("GET /api/v1/enterprises", moderator, s.listEnterprises))
	}
	if s.EnterpriseRanker != nil {
		rs = append(rs, httpx.NewRoute("GET /api/v1/enterprises/push", httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity), s.pushEnterprises))
		if s.Push != nil && s.Supply != nil {
			// the service admits the list's managers only (patentbridge.AuthorizeSupplyList)
			rs = append(rs, httpx.NewRoute("POST /api/v1/enterprises/push/send", httpx.SupplyManagers, s.sendPush))
		}
	}
	return rs
}
