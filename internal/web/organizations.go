package web

import (
	"net/http"
	"net/url"
	"patentbridge/internal/httpx"
	"strconv"
	"strings"

	"patentbridge"
)

// orgPageSize is the number of organizations per list page.
const orgPageSize = 50

// orgRow is one organization as the pages show it.
type orgRow struct {
	*patentbridge.Organization
	TypeLabel, CityName string
}

// orgsView is the data of the organization list.
type orgsView struct {
	Q          string
	Types      []option
	Cities     []option
	Items      []orgRow
	Total      int
	Prev, Next string
}

// orgView is the data of one organization's page.
type orgView struct {
	orgRow
	Parent     *patentbridge.Organization
	PatentsURL string
}

// organizationRoutes are the registry's public pages.
func (s *Server) organizationRoutes() []httpx.Route {
	if s.Organizations == nil {
		return nil
	}
	return []httpx.Route{
		httpx.NewRoute("GET /organizations", httpx.Anyone, s.organizationList),
		httpx.NewRoute("GET /organizations/{id}", httpx.Anyone, s.organizationDetail),
	}
}

// organizationList serves /organizations: the registry searched by name or
// alias and filtered by type and city.
func (s *Server) organizationList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	offset, _ := strconv.Atoi(q.Get("offset"))
	offset = max(0, offset)
	f := patentbridge.OrganizationFilter{Query: strings.TrimSpace(q.Get("q")), Type: patentbridge.PartyType(q.Get("type")),
		City: q.Get("city"), Limit: orgPageSize, Offset: offset}
	os, total, err := s.Organizations.ListOrganizations(r.Context(), f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := orgsView{Q: f.Query, Total: total, Cities: s.sichuanCities(f.City)}
	for _, t := range patentbridge.PartyTypes {
		if t != patentbridge.PartyIndividual {
			v.Types = append(v.Types, option{string(t), t.Label(), f.Type == t})
		}
	}
	for _, o := range os {
		v.Items = append(v.Items, s.orgRow(o))
	}
	page := func(off int) string {
		p := url.Values{"q": {f.Query}, "type": {string(f.Type)}, "city": {f.City}, "offset": {strconv.Itoa(off)}}
		return "/organizations?" + p.Encode()
	}
	if offset > 0 {
		v.Prev = page(max(0, offset-orgPageSize))
	}
	if offset+orgPageSize < total {
		v.Next = page(offset + orgPageSize)
	}
	s.render(w, r, http.StatusOK, "organizations", "单位名录", "organizations", v)
}

// organizationDetail serves /organizations/{id}: the organization, its parent
// and a link to its patents.
func (s *Server) organizationDetail(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "单位 %q 不存在", r.PathValue("id")))
		return
	}
	o, err := s.Organizations.FindOrganization(r.Context(), id)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := orgView{orgRow: s.orgRow(o), PatentsURL: "/patents?" + url.Values{"owner": {o.Name}}.Encode()}
	if o.ParentID != 0 {
		if v.Parent, err = s.Organizations.FindOrganization(r.Context(), o.ParentID); err != nil {
			s.errorPage(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "organization", o.Name, "organizations", v)
}

func (s *Server) orgRow(o *patentbridge.Organization) orgRow {
	row := orgRow{Organization: o, TypeLabel: o.Type.Label()}
	if s.Ref != nil && o.CityCode != "" {
		row.CityName = s.Ref.CityName(o.CityCode)
	}
	return row
}
