package web

import (
	"net/http"
	"net/url"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// loginView is the data of the login page.
type loginView struct {
	Username string
	Next     string
	Error    string
	// CanRegister links the self-registration form.
	CanRegister bool
}

// loginForm serves the login page.
func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login", "登录", "", loginView{Next: safeNext(r.URL.Query().Get("next")), CanRegister: s.Registrations != nil})
}

// login checks the credentials through the account service (which throttles
// guessing and audits every attempt), opens a session in an HttpOnly cookie and
// goes back to the page that asked for it, or to the password form first when
// the account still has its initial password.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.EINVALID, "登录表单无法解析"))
		return
	}
	v := loginView{Username: strings.TrimSpace(r.PostFormValue("username")), Next: safeNext(r.PostFormValue("next"))}
	sess, err := s.Users.Login(r.Context(), v.Username, r.PostFormValue("password"), false)
	switch patentbridge.ErrorCode(err) {
	case "":
	case patentbridge.EUNAUTHORIZED, patentbridge.ETOOMANY:
		v.Error, v.CanRegister = patentbridge.ErrorMessage(err), s.Registrations != nil
		httpx.SetRetryAfter(w, err)
		s.render(w, r, httpx.Status(err), "login", "登录", "", v)
		return
	default:
		s.errorPage(w, r, err)
		return
	}
	httpx.SetSessionCookie(w, sess.Token, sess.ExpiresAt.Sub(s.Now()), s.Secure)
	s.Logger.Info("web: login", "user", sess.User.Username, "user_id", sess.User.ID)
	if sess.User.MustChangePassword {
		http.Redirect(w, r, "/account/password?next="+url.QueryEscape(v.Next), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, v.Next, http.StatusSeeOther)
}

// logout ends the session and clears the cookie.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(httpx.SessionCookie); err == nil && c.Value != "" {
		if err := s.Users.Logout(r.Context(), c.Value); err != nil {
			s.Logger.Error("web: logout", "err", err)
		}
	}
	httpx.ClearSessionCookie(w, s.Secure)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// safeNext keeps a post-login destination only if, parsed as a URL, it is a
// path on this site: no scheme, no host, no control characters or backslashes
// (browsers drop tabs and read "\" as "/", so "/\t/evil.com" goes elsewhere);
// anything else, and the login page itself, becomes "/".
func safeNext(next string) string {
	if next == "" || len(next) > 2000 || strings.ContainsAny(next, `\`) || strings.ContainsFunc(next, isControl) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(u.Path, "/") ||
		strings.HasPrefix(u.Path, "//") || strings.HasPrefix(next, "//") || strings.HasPrefix(u.Path, "/login") {
		return "/"
	}
	return next
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }
