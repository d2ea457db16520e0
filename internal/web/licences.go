package web

import (
	"fmt"
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// licenceRoutes are the pages of licences: taking an open licence or a
// pool's, registering a negotiated one, the licence record and its acts, my
// licences and the admin's overdue list.
func (s *Server) licenceRoutes() []httpx.Route {
	if s.Licences == nil {
		return nil
	}
	party := httpx.Roles(patentbridge.RoleInstitution, patentbridge.RoleEnterprise).In(httpx.ScopeOwnOrg)
	firm := httpx.Roles(patentbridge.RoleEnterprise).In(httpx.ScopeOwnOrg)
	rs := []httpx.Route{
		httpx.NewRoute("GET /open-licences/{id}/take", firm, s.takeForm(s.openLicenceTaking)),
		httpx.NewRoute("POST /open-licences/{id}/take", firm, limitForm(s.take(s.openLicenceTaking))),
		httpx.NewRoute("GET /licences/{id}", httpx.SignedIn, s.licencePage),
		httpx.NewRoute("GET /my/licences", httpx.SignedIn, s.myLicences),
		httpx.NewRoute("GET /admin/licences", httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity), s.adminLicences),
		httpx.NewRoute("POST /licences/{id}/payments", party, limitForm(s.licencePayment)),
		httpx.NewRoute("POST /licences/{id}/reports", firm, limitForm(s.licenceReport)),
		httpx.NewRoute("POST /licences/{id}/recordation", party, limitForm(s.licenceRecordation)),
		httpx.NewRoute("POST /licences/{id}/disputes", party, limitForm(s.licenceDispute)),
		httpx.NewRoute("POST /licences/{id}/disputes/{dispute_id}/outcome", party, limitForm(s.licenceDisputeOutcome)),
	}
	if s.Pools != nil {
		rs = append(rs, httpx.NewRoute("GET /pools/{id}/take", firm, s.takeForm(s.poolTaking)),
			httpx.NewRoute("POST /pools/{id}/take", firm, limitForm(s.take(s.poolTaking))))
	}
	if s.Organizations != nil { // the form names the parties, resolved in the registry
		rs = append(rs,
			httpx.NewRoute("GET /licences/new", party, s.licenceRegisterNew),
			httpx.NewRoute("POST /licences/new", party, limitForm(s.licenceRegister)))
	}
	return rs
}

// licencePageView is the data of a licence record.
type licencePageView struct {
	*httpx.LicenceView
	CanAct, IsLicensee bool
	Error, Notice      string
	Today              string
}

// licencePage serves /licences/{id}: the licence record (printable), with
// forms for its parties.
func (s *Server) licencePage(w http.ResponseWriter, r *http.Request) {
	s.renderLicence(w, r, http.StatusOK, nil, r.URL.Query().Get("done"))
}

// renderLicence shows the path's licence with an error of a failed act or a notice.
func (s *Server) renderLicence(w http.ResponseWriter, r *http.Request, status int, actErr error, done string) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "许可编号 %q 无效", r.PathValue("id")))
		return
	}
	l, err := s.Licences.FindLicence(r.Context(), id)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	u := patentbridge.UserFrom(r.Context())
	now := s.Now()
	v := licencePageView{LicenceView: httpx.NewLicenceView(l, now), Today: patentbridge.FormatDate(now)}
	v.CanAct = u.Role == patentbridge.RoleAdmin || u.OrgID != 0 && (u.OrgID == l.LicensorOrgID || u.OrgID == l.LicenseeOrgID)
	v.IsLicensee = u.Role == patentbridge.RoleAdmin || u.OrgID != 0 && u.OrgID == l.LicenseeOrgID
	if actErr != nil {
		v.Error = patentbridge.ErrorMessage(actErr)
	}
	v.Notice = map[string]string{"taken": "书面通知已发出。", "paid": "付款已登记。", "recorded": "备案信息已登记。",
		"reported": "报告已提交。", "registered": "许可已登记，并已记入公共账本。", "dispute": "纠纷已登记。", "outcome": "处理结果已登记。"}[done]
	s.render(w, r, status, "licence", fmt.Sprintf("许可记录 %d", l.ID), "open-licences", v)
}

// licencesView is the data of a list of licences.
type licencesView struct {
	Items   []*httpx.LicenceView
	Total   int
	Overdue bool
	Admin   bool
	Pager   httpx.Pager
	// CanRegister: the user may register a negotiated licence (the form exists).
	CanRegister bool
}

// myLicences serves /my/licences: the user's organization's licences, as licensor and as licensee.
func (s *Server) myLicences(w http.ResponseWriter, r *http.Request) {
	s.licenceList(w, r, false)
}

// adminLicences serves /admin/licences (?overdue=1: not recorded in time).
func (s *Server) adminLicences(w http.ResponseWriter, r *http.Request) {
	s.licenceList(w, r, r.URL.Query().Get("overdue") == "1")
}

func (s *Server) licenceList(w http.ResponseWriter, r *http.Request, overdue bool) {
	const size = 50
	offset, err := httpx.PageOffset(r.URL.Query(), size)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	ls, total, err := s.Licences.ListLicences(r.Context(), patentbridge.LicenceFilter{Overdue: overdue, Limit: size, Offset: offset})
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := licencesView{Total: total, Overdue: overdue, Admin: r.URL.Path == "/admin/licences", Pager: httpx.NewPager(r.URL.Path, r.URL.Query(), total, size, offset)}
	if u := patentbridge.UserFrom(r.Context()); s.Organizations != nil && u != nil && patentbridge.CanPost(u) == nil {
		v.CanRegister = u.Role == patentbridge.RoleAdmin || u.Role == patentbridge.RoleInstitution || u.Role == patentbridge.RoleEnterprise
	}
	for _, l := range ls {
		v.Items = append(v.Items, httpx.NewLicenceView(l, s.Now()))
	}
	title := "我的许可"
	if v.Admin {
		title = "许可管理"
		if overdue {
			title = "逾期未备案的许可"
		}
	}
	s.render(w, r, http.StatusOK, "licences", title, "open-licences", v)
}
