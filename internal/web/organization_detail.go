package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// orgView is the data of one organization's page.
type orgView struct {
	orgRow
	Parent      *patentbridge.Organization
	PatentsURL  string
	Sleeping    int // -1 when no screening has run
	SleepingURL string
	Demands     int
	DemandsURL  string
	Users       []*patentbridge.User // shown to who may manage them
	Decls       []*patentbridge.Declaration
	CanMerge    bool
	Error       string
}

// organizationDetail serves /organizations/{id}: the organization, its parent,
// its patents, sleeping patents and published demands, and (to the admin and
// its city) its accounts.
func (s *Server) organizationDetail(w http.ResponseWriter, r *http.Request) {
	s.renderOrganization(w, r, http.StatusOK, "")
}

func (s *Server) renderOrganization(w http.ResponseWriter, r *http.Request, status int, errMsg string) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "单位 %q 不存在", r.PathValue("id")))
		return
	}
	ctx := r.Context()
	o, err := s.Organizations.FindOrganization(ctx, id)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := orgView{orgRow: s.orgRow(o), PatentsURL: fmt.Sprintf("/patents?organization=%d", o.ID), Sleeping: -1, Error: errMsg,
		SleepingURL: "/sleeping?" + url.Values{"institution": {o.Name}}.Encode(), DemandsURL: "/demands?" + url.Values{"q": {o.Name}}.Encode()}
	if o.ParentID != 0 {
		if v.Parent, err = s.Organizations.FindOrganization(ctx, o.ParentID); err != nil {
			s.errorPage(w, r, err)
			return
		}
	}
	if s.Sleeping != nil {
		if _, n, err := s.Sleeping.ListSleeping(ctx, patentbridge.SleepingFilter{Institution: o.Name, Limit: 1}); err == nil {
			v.Sleeping = n
		}
	}
	if s.Declarations != nil {
		if v.Decls, err = s.Declarations.OrganizationDeclarations(ctx, o.ID, 50); err != nil {
			s.errorPage(w, r, err)
			return
		}
	}
	if s.Demands != nil {
		if _, n, err := s.Demands.ListDemands(ctx, patentbridge.DemandFilter{Status: patentbridge.DemandPublished, Query: o.Name, Limit: 1}); err == nil {
			v.Demands = n
		}
	}
	if u := patentbridge.UserFrom(ctx); u != nil && s.Users != nil && (u.Role == patentbridge.RoleAdmin || u.Role == patentbridge.RoleCity && u.CityCode == o.CityCode) {
		v.Users, _, _ = s.Users.ListUsers(ctx, patentbridge.UserFilter{OrgID: o.ID, Limit: 100})
		v.CanMerge = u.Role == patentbridge.RoleAdmin
	}
	s.render(w, r, status, "organization", o.Name, "organizations", v)
}

// organizationMerge serves POST /organizations/{id}/merge (admin): the
// organization named in "gone" (its id or name) is merged into this one.
func (s *Server) organizationMerge(w http.ResponseWriter, r *http.Request) {
	id, _ := httpx.PathID(r, "id")
	ctx := r.Context()
	ref := strings.TrimSpace(r.PostFormValue("gone"))
	gone, ok := httpx.ParseID(ref)
	if !ok {
		o, err := s.Organizations.FindOrganizationByName(ctx, ref)
		if err != nil {
			s.renderOrganization(w, r, httpx.Status(err), patentbridge.ErrorMessage(err))
			return
		}
		gone = o.ID
	}
	switch err := s.Organizations.MergeOrganizations(ctx, id, gone); patentbridge.ErrorCode(err) {
	case "":
		http.Redirect(w, r, fmt.Sprintf("/organizations/%d", id), http.StatusSeeOther)
	case patentbridge.EINVALID, patentbridge.ENOTFOUND:
		s.renderOrganization(w, r, httpx.Status(err), patentbridge.ErrorMessage(err))
	default:
		s.errorPage(w, r, err)
	}
}
