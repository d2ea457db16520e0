package web

import (
	"net/http"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// accountView is the data of the my-account page.
type accountView struct {
	Tokens    []*patentbridge.APIToken
	NewToken  string // the secret of a token just created, shown this once
	TokenName string
	Error     string
	Notice    string
	// Registration is the user's own self-registration, when it registered itself.
	Registration *httpx.RegistrationView
}

// accountPage serves /account: the signed-in user's details and API tokens.
func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) {
	s.renderAccount(w, r, http.StatusOK, accountView{Notice: noticeFor(r.URL.Query().Get("done"))})
}

func noticeFor(done string) string {
	switch done {
	case "password":
		return "密码已修改。"
	case "revoked":
		return "令牌已撤销。"
	}
	return ""
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, status int, v accountView) {
	ts, err := s.Users.ListAPITokens(r.Context())
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v.Tokens = ts
	if s.Registrations != nil {
		reg, err := s.Registrations.MyRegistration(r.Context())
		switch patentbridge.ErrorCode(err) {
		case "":
			rv := httpx.NewRegistrationView(reg, s.Ref)
			v.Registration = &rv
		case patentbridge.ENOTFOUND:
		default:
			s.errorPage(w, r, err)
			return
		}
	}
	s.render(w, r, status, "account", "我的账号", "account", v)
}

// createToken serves POST /account/tokens: a named API token, whose secret the
// page shows once.
func (s *Server) createToken(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimSpace(r.PostFormValue("name"))
	secret, _, err := s.Users.CreateAPIToken(r.Context(), name)
	if patentbridge.ErrorCode(err) == patentbridge.EINVALID || patentbridge.ErrorCode(err) == patentbridge.ECONFLICT {
		s.renderAccount(w, r, httpx.Status(err), accountView{Error: patentbridge.ErrorMessage(err), TokenName: name})
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.renderAccount(w, r, http.StatusCreated, accountView{NewToken: secret, TokenName: name})
}

// revokeToken serves POST /account/tokens/{id}/revoke.
func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "令牌不存在"))
		return
	}
	if err := s.Users.RevokeAPIToken(r.Context(), id); err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, "/account?done=revoked", http.StatusSeeOther)
}

// passwordView is the data of the password form.
type passwordView struct {
	Next  string
	Error string
	Field string
}

// passwordForm serves /account/password; a user with an initial password is sent here.
func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "password", "修改密码", "account", passwordView{Next: safeNext(r.URL.Query().Get("next"))})
}

// changePassword serves POST /account/password: the password changes, every
// other session and token of the user ends, and this browser is signed in anew.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	v := passwordView{Next: safeNext(r.PostFormValue("next"))}
	next := r.PostFormValue("password")
	if next != r.PostFormValue("confirm") {
		v.Error, v.Field = "两次输入的新密码不一致", "confirm"
		s.render(w, r, http.StatusBadRequest, "password", "修改密码", "account", v)
		return
	}
	err := s.Users.ChangePassword(r.Context(), r.PostFormValue("current"), next)
	switch patentbridge.ErrorCode(err) {
	case "":
	case patentbridge.EINVALID, patentbridge.ETOOMANY:
		v.Error, v.Field = patentbridge.ErrorMessage(err), patentbridge.ErrorField(err)
		httpx.SetRetryAfter(w, err)
		s.render(w, r, httpx.Status(err), "password", "修改密码", "account", v)
		return
	default:
		s.errorPage(w, r, err)
		return
	}
	// The change ended every login of the user, this one too: sign in afresh.
	sess, err := s.Users.Login(r.Context(), patentbridge.UserFrom(r.Context()).Username, next, false)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	httpx.SetSessionCookie(w, sess.Token, sess.ExpiresAt.Sub(s.Now()), s.Secure)
	if v.Next != "/" {
		http.Redirect(w, r, v.Next, http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/account?done=password", http.StatusSeeOther)
}
