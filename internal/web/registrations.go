package web

import (
	"net/http"
	"strconv"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// registrationRoutes are the public registration form and its review by the
// registrant's city office (or the admin).
func (s *Server) registrationRoutes() []httpx.Route {
	if s.Registrations == nil {
		return nil
	}
	reviewers := httpx.RegistrationReviewers
	return []httpx.Route{
		httpx.NewRoute("GET /register", httpx.Anyone, s.registerForm),
		httpx.NewRoute("POST /register", httpx.Anyone, s.register),
		httpx.NewRoute("GET /admin/registrations", reviewers, s.registrationsPage),
		httpx.NewRoute("GET /admin/registrations/{id}", reviewers, s.registrationPage),
		httpx.NewRoute("POST /admin/registrations/{id}/approve", reviewers, limitForm(s.approveRegistration)),
		httpx.NewRoute("POST /admin/registrations/{id}/reject", reviewers, limitForm(s.rejectRegistration)),
	}
}

// registrationsView is the data of the review list.
type registrationsView struct {
	Status   string
	Statuses []option
	Items    []httpx.RegistrationView
	Total    int
	CityName string
}

// registrationsPage serves /admin/registrations?status=: the registrations of
// the city (the admin: all), pending ones first by default.
func (s *Server) registrationsPage(w http.ResponseWriter, r *http.Request) {
	u := patentbridge.UserFrom(r.Context())
	st := r.URL.Query().Get("status")
	if st == "" {
		st = patentbridge.RegistrationPending
	}
	f := patentbridge.RegistrationFilter{Status: st, Limit: 200}
	if st == "all" {
		f.Status = ""
	}
	regs, total, err := s.Registrations.ListRegistrations(r.Context(), f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := registrationsView{Status: st, Total: total}
	for _, o := range []string{patentbridge.RegistrationPending, patentbridge.RegistrationApproved, patentbridge.RegistrationRejected} {
		v.Statuses = append(v.Statuses, option{o, patentbridge.RegistrationStatusLabel(o), o == st})
	}
	v.Statuses = append(v.Statuses, option{"all", "全部", st == "all"})
	for _, reg := range regs {
		v.Items = append(v.Items, httpx.NewRegistrationView(reg, s.Ref))
	}
	if u.Role == patentbridge.RoleCity && s.Ref != nil {
		v.CityName = s.Ref.CityName(u.CityCode)
	}
	s.render(w, r, http.StatusOK, "registrations", "注册审核", "users", v)
}

// registrationView is the data of one registration's review page.
type registrationView struct {
	Reg    httpx.RegistrationView
	Match  *patentbridge.Organization // the registry entry an approval binds to; nil: a new one
	Error  string
	Notice string
}

// registrationPage serves /admin/registrations/{id}: the form's facts, the
// registry entry an approval would use, and the approve and reject forms.
func (s *Server) registrationPage(w http.ResponseWriter, r *http.Request) {
	s.renderRegistration(w, r, http.StatusOK, "", noticeForRegistration(r.URL.Query().Get("done")))
}

func noticeForRegistration(done string) string {
	switch done {
	case "approved":
		return "已通过：账号已绑定单位名录中的单位，现在可以发布信息。"
	case "rejected":
		return "已驳回：申请人登录后可在“我的账号”中看到原因。"
	}
	return ""
}

func (s *Server) renderRegistration(w http.ResponseWriter, r *http.Request, status int, errMsg, notice string) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "注册申请不存在"))
		return
	}
	reg, err := s.Registrations.FindRegistration(r.Context(), id)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := registrationView{Reg: httpx.NewRegistrationView(reg, s.Ref), Error: errMsg, Notice: notice}
	if reg.Status == patentbridge.RegistrationPending {
		o, err := s.Registrations.MatchRegistration(r.Context(), id)
		switch patentbridge.ErrorCode(err) {
		case "":
			v.Match = o
		case patentbridge.ENOTFOUND:
		default:
			s.errorPage(w, r, err)
			return
		}
	}
	s.render(w, r, status, "registration", "注册审核："+reg.OrgName, "users", v)
}

// approveRegistration serves POST /admin/registrations/{id}/approve.
func (s *Server) approveRegistration(w http.ResponseWriter, r *http.Request) {
	s.decideRegistration(w, r, "approved", func(id int64) error {
		_, err := s.Registrations.ApproveRegistration(r.Context(), id)
		return err
	})
}

// rejectRegistration serves POST /admin/registrations/{id}/reject (reason).
func (s *Server) rejectRegistration(w http.ResponseWriter, r *http.Request) {
	s.decideRegistration(w, r, "rejected", func(id int64) error {
		_, err := s.Registrations.RejectRegistration(r.Context(), id, r.PostFormValue("reason"))
		return err
	})
}

// decideRegistration runs a review act and goes back to the registration's
// page, which shows the result or the refusal.
func (s *Server) decideRegistration(w http.ResponseWriter, r *http.Request, done string, act func(id int64) error) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "注册申请不存在"))
		return
	}
	err := act(id)
	switch patentbridge.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/admin/registrations/"+strconv.FormatInt(id, 10)+"?done="+done, http.StatusSeeOther)
	case patentbridge.EINVALID, patentbridge.ECONFLICT:
		s.renderRegistration(w, r, httpx.Status(err), patentbridge.ErrorMessage(err), "")
	default:
		s.errorPage(w, r, err)
	}
}
