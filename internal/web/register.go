package web

import (
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// registerView is the data of the public registration form.
type registerView struct {
	Form   patentbridge.NewRegistration // as typed, without the password
	Types  []option
	Cities []option
	Error  string
	Field  string
	// Done is the registration just stored; the page then says who reviews it.
	Done       *httpx.RegistrationView
	MaxName    int
	MaxPhone   int
	MaxEmail   int
	MaxContact int
}

// registerForm serves GET /register.
func (s *Server) registerForm(w http.ResponseWriter, r *http.Request) {
	s.renderRegister(w, r, http.StatusOK, registerView{})
}

func (s *Server) renderRegister(w http.ResponseWriter, r *http.Request, status int, v registerView) {
	for _, t := range patentbridge.RegistrationTypes {
		v.Types = append(v.Types, option{string(t), t.Label(), v.Form.OrgType == t})
	}
	for _, c := range httpx.RegistrationCities(s.Ref) {
		v.Cities = append(v.Cities, option{c.CityCode, c.Name, v.Form.CityCode == c.CityCode})
	}
	v.MaxName, v.MaxPhone, v.MaxEmail, v.MaxContact = patentbridge.MaxRegOrgName, patentbridge.MaxRegPhone, patentbridge.MaxRegEmail, patentbridge.MaxRegContact
	s.render(w, r, status, "register", "单位注册", "", v)
}

// register serves POST /register: the registration waits for the review of
// the city office of its city; the form comes back with the error naming the
// field, or the page says what happens next.
func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.EINVALID, "注册表单无法解析（不超过64 KB）"))
		return
	}
	nr := patentbridge.NewRegistration{OrgName: r.PostFormValue("organization"), OrgType: patentbridge.PartyType(r.PostFormValue("organization_type")),
		CreditCode: r.PostFormValue("credit_code"), Contact: r.PostFormValue("contact"), Phone: r.PostFormValue("phone"),
		Email: r.PostFormValue("email"), CityCode: r.PostFormValue("city_code"), Username: r.PostFormValue("username"),
		Password: r.PostFormValue("password")}
	if nr.Password != r.PostFormValue("password2") {
		v := registerView{Form: nr, Error: "两次输入的密码不一致", Field: "password2"}
		v.Form.Password = ""
		s.renderRegister(w, r, http.StatusBadRequest, v)
		return
	}
	reg, err := httpx.SubmitRegistration(r.Context(), s.Registrations, s.Ref, nr)
	switch patentbridge.ErrorCode(err) {
	case "":
	case patentbridge.EINVALID, patentbridge.ECONFLICT, patentbridge.ETOOMANY:
		httpx.SetRetryAfter(w, err)
		v := registerView{Form: nr, Error: patentbridge.ErrorMessage(err), Field: patentbridge.ErrorField(err)}
		v.Form.Password = ""
		s.renderRegister(w, r, httpx.Status(err), v)
		return
	default:
		s.errorPage(w, r, err)
		return
	}
	s.Logger.Info("web: registration", "registration", reg.ID, "user", reg.Username, "city", reg.CityCode)
	done := httpx.NewRegistrationView(reg, s.Ref)
	s.renderRegister(w, r, http.StatusCreated, registerView{Done: &done})
}
