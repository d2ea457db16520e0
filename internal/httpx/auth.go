package httpx

import (
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"patentbridge"
)

// SessionCookie is the name of the browser session cookie.
const SessionCookie = "pb_session"

// Authenticate puts the request's origin (client address and user agent) and
// its user, from an "Authorization: Bearer" token or the session cookie, in the
// request context (patentbridge.OriginFrom, patentbridge.UserFrom; the client
// address is read behind the trusted proxies, see RequestOrigin). Requests
// without credentials pass on anonymous; an unknown or expired cookie is cleared
// and the request passes on anonymous; an unknown bearer token is answered 401,
// since an API client must learn its token is wrong rather than silently see
// public data only. A user who must change an initial password reaches only the
// password change, the account and logout until it is done.
func Authenticate(users patentbridge.UserService, logger *slog.Logger, trusted []netip.Prefix) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r = r.WithContext(patentbridge.WithOrigin(r.Context(), RequestOrigin(r, trusted)))
			token, bearer := requestToken(r)
			if token == "" {
				next.ServeHTTP(w, r)
				return
			}
			u, err := users.UserByToken(r.Context(), token)
			switch {
			case err == nil && u.MustChangePassword && !passwordChangeAllowed(r):
				mustChangePassword(w, r, logger)
				return
			case err == nil:
				r = r.WithContext(patentbridge.WithUser(r.Context(), u))
			case patentbridge.ErrorCode(err) != patentbridge.EUNAUTHORIZED:
				Error(w, r, err, logger)
				return
			case bearer:
				Error(w, r, patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "API 令牌无效或已过期"), logger)
				return
			default:
				ClearSessionCookie(w, r.TLS != nil)
			}
			next.ServeHTTP(w, r)
		})
	}
}

// passwordChangePaths are what a user with an initial password may reach.
// A path ending in "/" admits everything under it.
var passwordChangePaths = []string{"/account/password", "/logout", "/static/", "/api/v1/me", "/api/v1/me/password", "/api/v1/auth/logout"}

func passwordChangeAllowed(r *http.Request) bool {
	for _, p := range passwordChangePaths {
		if r.URL.Path == p || (strings.HasSuffix(p, "/") && strings.HasPrefix(r.URL.Path, p)) {
			return true
		}
	}
	return false
}

// mustChangePassword sends a browser to the password form and answers an API
// client 403 with the reason.
func mustChangePassword(w http.ResponseWriter, r *http.Request, logger *slog.Logger) {
	if !strings.HasPrefix(r.URL.Path, "/api/") {
		http.Redirect(w, r, "/account/password", http.StatusSeeOther)
		return
	}
	Error(w, r, patentbridge.Errorf(patentbridge.EFORBIDDEN, "请先修改初始密码（POST /api/v1/me/password）"), logger)
}

// requestToken returns the bearer token, else the session cookie's value.
func requestToken(r *http.Request) (token string, bearer bool) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, tok, ok := strings.Cut(h, " ")
		if ok && strings.EqualFold(scheme, "Bearer") {
			return strings.TrimSpace(tok), true
		}
	}
	if c, err := r.Cookie(SessionCookie); err == nil {
		return c.Value, false
	}
	return "", false
}

// SetSessionCookie stores a session token in an HttpOnly, SameSite=Lax cookie;
// secure adds the Secure attribute (set it when served over HTTPS).
func SetSessionCookie(w http.ResponseWriter, token string, ttl time.Duration, secure bool) {
	http.SetCookie(w, &http.Cookie{
		Name:     SessionCookie,
		Value:    token,
		Path:     "/",
		MaxAge:   int(ttl.Seconds()),
		HttpOnly: true,
		Secure:   secure,
		SameSite: http.SameSiteLaxMode,
	})
}

// ClearSessionCookie tells the browser to forget the session cookie.
func ClearSessionCookie(w http.ResponseWriter, secure bool) {
	http.SetCookie(w, &http.Cookie{
		Name:     SessionCookie,
		Value:    "",
		Path:     "/",
		MaxAge:   -1,
		HttpOnly: true,
		Secure:   secure,
		SameSite: http.SameSiteLaxMode,
	})
}
