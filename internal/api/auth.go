package api

import (
	"net/http"
	"strings"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// loginInput is the body of POST /api/v1/auth/login.
type loginInput struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// loginOutput is the answer of POST /api/v1/auth/login.
type loginOutput struct {
	Token     string             `json:"token"`
	ExpiresAt time.Time          `json:"expires_at"`
	User      *patentbridge.User `json:"user"`
}

// login serves POST /api/v1/auth/login: an API token for the credentials,
// throttled and audited like the browser login (429 with Retry-After when locked).
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	var b loginInput
	if err := decodeBody(w, r, &b); err != nil {
		s.error(w, r, err)
		return
	}
	sess, err := s.Users.Login(r.Context(), b.Username, b.Password, true)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, loginOutput{Token: sess.Token, ExpiresAt: sess.ExpiresAt, User: sess.User})
}

// logout serves POST /api/v1/auth/logout: the bearer token of the request is revoked.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		s.error(w, r, patentbridge.Errorf(patentbridge.EINVALID, "请在 Authorization: Bearer 头中提供要注销的令牌"))
		return
	}
	if err := s.Users.Logout(r.Context(), token); err != nil {
		s.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// me serves GET /api/v1/me: the signed-in user.
func (s *Server) me(w http.ResponseWriter, r *http.Request) {
	httpx.JSON(w, http.StatusOK, patentbridge.UserFrom(r.Context()))
}

// passwordInput is the body of POST /api/v1/me/password and of an admin's reset.
type passwordInput struct {
	Current  string `json:"current"`
	Password string `json:"password"`
}

// changePassword serves POST /api/v1/me/password {"current","password"}: every
// session and token of the user ends, and the answer is a fresh login token
// {"token","expires_at","user"}.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	var b passwordInput
	if err := decodeBody(w, r, &b); err != nil {
		s.error(w, r, err)
		return
	}
	if err := s.Users.ChangePassword(r.Context(), b.Current, b.Password); err != nil {
		s.error(w, r, err)
		return
	}
	sess, err := s.Users.Login(r.Context(), patentbridge.UserFrom(r.Context()).Username, b.Password, true)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, loginOutput{Token: sess.Token, ExpiresAt: sess.ExpiresAt, User: sess.User})
}

// tokenOutput is a new API token with its secret, shown this once.
type tokenOutput struct {
	Token string `json:"token"`
	*patentbridge.APIToken
}

// listTokens serves GET /api/v1/me/tokens.
func (s *Server) listTokens(w http.ResponseWriter, r *http.Request) {
	ts, err := s.Users.ListAPITokens(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": len(ts), "items": ts})
}

// createToken serves POST /api/v1/me/tokens {"name"}: 201 with the secret.
func (s *Server) createToken(w http.ResponseWriter, r *http.Request) {
	var b struct {
		Name string `json:"name"`
	}
	if err := decodeBody(w, r, &b); err != nil {
		s.error(w, r, err)
		return
	}
	secret, t, err := s.Users.CreateAPIToken(r.Context(), b.Name)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, tokenOutput{Token: secret, APIToken: t})
}

// revokeToken serves DELETE /api/v1/me/tokens/{id}.
func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "令牌")
	if err == nil {
		err = s.Users.RevokeAPIToken(r.Context(), id)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
