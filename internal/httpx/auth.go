package httpx

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"patentbridge"
)

// SessionCookie is the name of the browser session cookie.
const SessionCookie = "pb_session"

// Authenticate resolves the user of each request from an "Authorization: Bearer"
// token or the session cookie and puts it in the request context
// (patentbridge.UserFrom). Requests without credentials pass on anonymous; an
// unknown or expired cookie is cleared and the request passes on anonymous; an
// unknown bearer token is answered 401, since an API client must learn its token
// is wrong rather than silently see public data only.
func Authenticate(users patentbridge.UserService, logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			token, bearer := requestToken(r)
			if token == "" {
				next.ServeHTTP(w, r)
				return
			}
			u, err := users.UserByToken(r.Context(), token)
			switch {
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
