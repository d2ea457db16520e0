package web

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"patentbridge/internal/httpx"
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
	importResult
	Kind      string // the list just imported: soe or sme
	CanImport bool
	Q         string
	Types     []option
	Cities    []option
	Items     []orgRow
	Total     int
	Pager     httpx.Pager
}

// organizationRoutes are the registry's public pages.
func (s *Server) organizationRoutes() []httpx.Route {
	if s.Organizations == nil {
		return nil
	}
	return []httpx.Route{
		httpx.NewRoute("GET /organizations", httpx.Anyone, s.organizationList),
		httpx.NewRoute("GET /organizations/{id}", httpx.Anyone, s.organizationDetail),
		httpx.NewRoute("POST /organizations/{id}/merge", httpx.Admin, limitForm(s.organizationMerge)),
		httpx.NewRoute("POST /organizations/import", httpx.Admin, s.organizationImport),
	}
}

// organizationList serves /organizations: the registry searched by name or
// alias and filtered by type and city.
func (s *Server) organizationList(w http.ResponseWriter, r *http.Request) {
	s.renderOrganizations(w, r, http.StatusOK, orgsView{})
}

// organizationImport serves POST /organizations/import (admin): an SOE list or
// an SME list (form field kind: soe or sme) imported inline into the registry,
// with the counts and the rejects as CSV.
func (s *Server) organizationImport(w http.ResponseWriter, r *http.Request) {
	kind := r.URL.Query().Get("kind")
	res, status, err := s.importRegistryUpload(w, r, maxEnterpriseUpload,
		"（网页导入限 8 MB，更大的名单请用命令 patentbridge import --kind soe|sme 文件）",
		func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return s.ImportOrganizations(ctx, path, kind, rejects)
		})
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.renderOrganizations(w, r, status, orgsView{importResult: res, Kind: kind})
}

func (s *Server) renderOrganizations(w http.ResponseWriter, r *http.Request, status int, v orgsView) {
	q := r.URL.Query()
	offset, err := httpx.PageOffset(q, orgPageSize)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	f := patentbridge.OrganizationFilter{Query: strings.TrimSpace(q.Get("q")), Type: patentbridge.PartyType(q.Get("type")),
		City: q.Get("city"), Limit: orgPageSize, Offset: offset}
	os, total, err := s.Organizations.ListOrganizations(r.Context(), f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v.Q, v.Total, v.Cities = f.Query, total, s.sichuanCities(f.City)
	u := patentbridge.UserFrom(r.Context())
	v.CanImport = s.ImportOrganizations != nil && u != nil && u.Role == patentbridge.RoleAdmin
	for _, t := range patentbridge.PartyTypes {
		if t != patentbridge.PartyIndividual {
			v.Types = append(v.Types, option{string(t), t.Label(), f.Type == t})
		}
	}
	for _, o := range os {
		v.Items = append(v.Items, s.orgRow(o))
	}
	v.Pager = httpx.NewPager("/organizations", url.Values{"q": {f.Query}, "type": {string(f.Type)}, "city": {f.City}}, total, orgPageSize, offset)
	s.render(w, r, status, "organizations", "单位名录", "organizations", v)
}

func (s *Server) orgRow(o *patentbridge.Organization) orgRow {
	row := orgRow{Organization: o, TypeLabel: o.Type.Label()}
	if s.Ref != nil && o.CityCode != "" {
		row.CityName = s.Ref.CityName(o.CityCode)
	}
	return row
}
