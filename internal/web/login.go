package web

import (
	"net/http"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// loginView is the data of the login page.
type loginView struct {
	Username string
	Next     string
	Error    string
}

// loginForm serves the login page.
func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login", "登录", "", loginView{Next: safeNext(r.URL.Query().Get("next"))})
}

// login checks the credentials, opens a session in an HttpOnly cookie and goes
// back to the page that asked for it.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.EINVALID, "登录表单无法解析"))
		return
	}
	v := loginView{Username: strings.TrimSpace(r.PostFormValue("username")), Next: safeNext(r.PostFormValue("next"))}
	u, err := s.Users.Authenticate(r.Context(), v.Username, r.PostFormValue("password"))
	if patentbridge.ErrorCode(err) == patentbridge.EUNAUTHORIZED {
		v.Error = "用户名或密码错误"
		s.render(w, r, http.StatusUnauthorized, "login", "登录", "", v)
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	token, err := s.Users.CreateSession(r.Context(), u.ID, s.SessionTTL)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	httpx.SetSessionCookie(w, token, s.SessionTTL, s.Secure)
	s.Logger.Info("web: login", "user", u.Username, "user_id", u.ID)
	http.Redirect(w, r, v.Next, http.StatusSeeOther)
}

// logout ends the session and clears the cookie.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(httpx.SessionCookie); err == nil && c.Value != "" {
		if err := s.Users.DeleteSession(r.Context(), c.Value); err != nil {
			s.Logger.Error("web: delete session", "err", err)
		}
	}
	httpx.ClearSessionCookie(w, s.Secure)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// safeNext keeps a post-login destination only if it is a path on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, `/\`) ||
		strings.HasPrefix(next, "/login") {
		return "/"
	}
	return next
}
