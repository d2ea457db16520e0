package api

import (
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// organizationPage is the body of GET /api/v1/organizations.
type organizationPage struct {
	Total int                          `json:"total"`
	Items []*patentbridge.Organization `json:"items"`
}

// organizationRoutes are the registry's entries of the permission table: reading is public, merging the admin's.
func (s *Server) organizationRoutes() []httpx.Route {
	if s.Organizations == nil {
		return nil
	}
	return []httpx.Route{
		httpx.NewRoute("GET /api/v1/organizations", httpx.Anyone, s.listOrganizations),
		httpx.NewRoute("GET /api/v1/organizations/{id}", httpx.Anyone, s.getOrganization),
		httpx.NewRoute("POST /api/v1/organizations/{id}/merge", httpx.Admin, s.mergeOrganization),
	}
}

// listOrganizations serves GET /api/v1/organizations?q=&type=&city=&limit=&offset=
// (anyone): the registry with aliases and patent counts.
func (s *Server) listOrganizations(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := patentbridge.OrganizationFilter{Query: q.Get("q"), Type: patentbridge.PartyType(q.Get("type")), City: q.Get("city")}
	var err error
	if f.Limit, f.Offset, err = pageParams(q); err != nil {
		s.error(w, r, err)
		return
	}
	os, total, err := s.Organizations.ListOrganizations(r.Context(), f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, organizationPage{Total: total, Items: os})
}

// getOrganization serves GET /api/v1/organizations/{id} (anyone).
func (s *Server) getOrganization(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "单位")
	if err != nil {
		s.error(w, r, err)
		return
	}
	o, err := s.Organizations.FindOrganization(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, o)
}

// mergeOrganization serves POST /api/v1/organizations/{id}/merge {"gone":ID}
// (admin): gone's names, patents and users move to {id}, which is returned.
func (s *Server) mergeOrganization(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "单位")
	if err != nil {
		s.error(w, r, err)
		return
	}
	var body struct {
		Gone int64 `json:"gone"`
	}
	if err := decodeBody(w, r, &body); err != nil {
		s.error(w, r, err)
		return
	}
	if body.Gone <= 0 {
		s.error(w, r, patentbridge.FieldErrorf("gone", "请填写要并入的单位编号 gone"))
		return
	}
	if err := s.Organizations.MergeOrganizations(r.Context(), id, body.Gone); err != nil {
		s.error(w, r, err)
		return
	}
	o, err := s.Organizations.FindOrganization(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, o)
}
