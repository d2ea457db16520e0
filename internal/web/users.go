package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// usersPageSize is the number of accounts per list page.
const usersPageSize = 50

// usersView is the data of the account list with its creation form.
type usersView struct {
	Users  []*patentbridge.User
	Total  int
	Q      string
	Pager  httpx.Pager
	Roles  []option
	Cities []option
	Form   patentbridge.NewUser
	Error  string
	Field  string
	Notice string
	// PendingRegistrations counts the registrations waiting for this reviewer; -1 hides the link.
	PendingRegistrations int
}

// usersPage serves /admin/users: accounts (the admin's all, a city's its own)
// with search, and the form to create one.
func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) {
	v := usersView{}
	if id := r.URL.Query().Get("created"); id != "" {
		v.Notice = "账号已创建，请将初始密码告知本人：首次登录时须修改密码。"
	}
	s.renderUsers(w, r, http.StatusOK, v)
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, status int, v usersView) {
	q := r.URL.Query()
	offset, err := httpx.PageOffset(q, usersPageSize)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v.Q = strings.TrimSpace(q.Get("q"))
	us, total, err := s.Users.ListUsers(r.Context(), patentbridge.UserFilter{Query: v.Q, Limit: usersPageSize, Offset: offset})
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v.Users, v.Total = us, total
	v.Pager = httpx.NewPager("/admin/users", url.Values{"q": {v.Q}}, total, usersPageSize, offset)
	v.Roles = roleOptions(patentbridge.UserFrom(r.Context()), v.Form.Role)
	v.Cities = s.sichuanCities(v.Form.CityCode)
	v.PendingRegistrations = -1
	if s.Registrations != nil {
		if _, n, err := s.Registrations.ListRegistrations(r.Context(), patentbridge.RegistrationFilter{Status: patentbridge.RegistrationPending, Limit: 1}); err == nil {
			v.PendingRegistrations = n
		}
	}
	s.render(w, r, status, "users", "账号管理", "users", v)
}

// roleOptions are the roles the actor may give: all for the admin, the
// institution, enterprise and agency roles for a city user.
func roleOptions(actor *patentbridge.User, selected patentbridge.Role) []option {
	roles := []patentbridge.Role{patentbridge.RoleInstitution, patentbridge.RoleEnterprise, patentbridge.RoleAgency}
	if actor != nil && actor.Role == patentbridge.RoleAdmin {
		roles = append([]patentbridge.Role{patentbridge.RoleAdmin, patentbridge.RoleCity}, append(roles, patentbridge.RoleFinancier)...)
	}
	out := make([]option, len(roles))
	for i, r := range roles {
		out[i] = option{string(r), r.Label(), r == selected}
	}
	return out
}

// createUser serves POST /admin/users.
func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	nu := patentbridge.NewUser{Username: r.PostFormValue("username"), Name: r.PostFormValue("name"),
		Role: patentbridge.Role(r.PostFormValue("role")), Organization: r.PostFormValue("organization"),
		CityCode: r.PostFormValue("city_code"), Password: r.PostFormValue("password")}
	if actor := patentbridge.UserFrom(r.Context()); actor.Role == patentbridge.RoleCity {
		nu.CityCode = actor.CityCode
	}
	u, err := s.Users.CreateUser(r.Context(), nu)
	switch patentbridge.ErrorCode(err) {
	case "":
		http.Redirect(w, r, fmt.Sprintf("/admin/users?created=%d", u.ID), http.StatusSeeOther)
	case patentbridge.EINVALID, patentbridge.ECONFLICT:
		nu.Password = ""
		s.renderUsers(w, r, httpx.Status(err), usersView{Form: nu, Error: patentbridge.ErrorMessage(err), Field: patentbridge.ErrorField(err)})
	default:
		s.errorPage(w, r, err)
	}
}

// userEditView is the data of an account's edit page.
type userEditView struct {
	Account *patentbridge.User
	Roles   []option
	Cities  []option
	Error   string
	Notice  string
}

// userPage serves /admin/users/{id}.
func (s *Server) userPage(w http.ResponseWriter, r *http.Request) {
	s.renderUser(w, r, http.StatusOK, noticeForUser(r.URL.Query().Get("done")), "")
}

func noticeForUser(done string) string {
	switch done {
	case "saved":
		return "已保存。"
	case "password":
		return "已重置初始密码，该账号的登录已全部失效，下次登录须修改密码。"
	}
	return ""
}

func (s *Server) renderUser(w http.ResponseWriter, r *http.Request, status int, notice, errMsg string) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "用户不存在"))
		return
	}
	u, err := s.Users.FindUser(r.Context(), id)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := userEditView{Account: u, Roles: roleOptions(patentbridge.UserFrom(r.Context()), u.Role),
		Cities: s.sichuanCities(u.CityCode), Notice: notice, Error: errMsg}
	s.render(w, r, status, "user_edit", "账号 "+u.Username, "users", v)
}

// updateUser serves POST /admin/users/{id}: name, role, organization, city and the disabled flag.
func (s *Server) updateUser(w http.ResponseWriter, r *http.Request) {
	id, _ := httpx.PathID(r, "id")
	name, role, org, city := r.PostFormValue("name"), patentbridge.Role(r.PostFormValue("role")), r.PostFormValue("organization"), r.PostFormValue("city_code")
	disabled := r.PostFormValue("disabled") == "1"
	up := patentbridge.UserUpdate{Name: &name, Role: &role, Organization: &org, Disabled: &disabled}
	if actor := patentbridge.UserFrom(r.Context()); actor.Role == patentbridge.RoleAdmin {
		up.CityCode = &city
	}
	_, err := s.Users.UpdateUser(r.Context(), id, up)
	s.afterUserChange(w, r, id, "saved", err)
}

// resetPassword serves POST /admin/users/{id}/password.
func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request) {
	id, _ := httpx.PathID(r, "id")
	s.afterUserChange(w, r, id, "password", s.Users.ResetPassword(r.Context(), id, r.PostFormValue("password")))
}

// afterUserChange goes back to the account's page, with the notice of done or the error.
func (s *Server) afterUserChange(w http.ResponseWriter, r *http.Request, id int64, done string, err error) {
	switch patentbridge.ErrorCode(err) {
	case "":
		http.Redirect(w, r, fmt.Sprintf("/admin/users/%d?done=%s", id, done), http.StatusSeeOther)
	case patentbridge.EINVALID, patentbridge.ECONFLICT:
		s.renderUser(w, r, httpx.Status(err), "", patentbridge.ErrorMessage(err))
	default:
		s.errorPage(w, r, err)
	}
}
