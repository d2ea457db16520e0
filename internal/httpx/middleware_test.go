package httpx_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
)

// whoami answers with the signed-in username, or "anonymous".
var whoami = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	if u := patentbridge.UserFrom(r.Context()); u != nil {
		w.Write([]byte(u.Username))
		return
	}
	w.Write([]byte("anonymous"))
})

func mustStack(tb testing.TB, h http.Handler, users patentbridge.UserService) http.Handler {
	tb.Helper()
	s, err := httpx.Stack(h, httpx.StackOptions{Users: users, Logger: quiet})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func TestAuthenticate(t *testing.T) {
	users := httpxtest.NewUserService(t)
	_, apiToken := users.MustUser(t, "admin", patentbridge.RoleAdmin)
	login, err := users.Login(t.Context(), "admin", httpxtest.Password, false)
	if err != nil {
		t.Fatal(err)
	}
	session := login.Token
	h := mustStack(t, whoami, users)
	tests := []struct {
		name        string
		header      string
		cookie      string
		status      int
		body        string
		clearCookie bool
	}{
		{"anonymous", "", "", 200, "anonymous", false},
		{"bearer token", "Bearer " + apiToken, "", 200, "admin", false},
		{"session cookie", "", session, 200, "admin", false},
		{"stale cookie", "", "expired-session", 200, "anonymous", true},
		{"bad bearer token", "Bearer nope", "", 401, `"code":"EUNAUTHORIZED"`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/", nil)
			if tt.header != "" {
				req.Header.Set("Authorization", tt.header)
			}
			if tt.cookie != "" {
				req.AddCookie(&http.Cookie{Name: httpx.SessionCookie, Value: tt.cookie})
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.body) {
				t.Errorf("got %d %q", rec.Code, rec.Body.String())
			}
			cleared := strings.Contains(rec.Header().Get("Set-Cookie"), httpx.SessionCookie+"=;")
			if cleared != tt.clearCookie {
				t.Errorf("cookie cleared = %v, Set-Cookie %q", cleared, rec.Header().Get("Set-Cookie"))
			}
		})
	}
}

func TestRecoverAnswers500(t *testing.T) {
	boom := http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("nil map in handler") })
	h := mustStack(t, boom, httpxtest.NewUserService(t))
	for accept, want := range map[string]string{
		"application/json": `"code":"EINTERNAL"`,
		"text/html":        "服务器内部错误",
	} {
		req := httptest.NewRequest("GET", "/patents", nil)
		req.Header.Set("Accept", accept)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 500 || !strings.Contains(rec.Body.String(), want) || strings.Contains(rec.Body.String(), "nil map") ||
			!strings.Contains(rec.Body.String(), "错误编号 ") {
			t.Errorf("Accept %s: %d %q; want the generic message with an error number", accept, rec.Code, rec.Body.String())
		}
	}
}

// A client that goes away mid-request is no error of the platform: 499, logged at INFO.
func TestClientClosedRequestIs499(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	gone := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		httpx.Error(w, r, fmt.Errorf("sqldb: list patents: %w", context.Canceled), logger)
	})
	h, err := httpx.Stack(gone, httpx.StackOptions{Users: httpxtest.NewUserService(t), Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/patents", nil))
	if rec.Code != httpx.StatusClientClosedRequest || strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), "status=499") {
		t.Errorf("status %d, log:\n%s", rec.Code, logs.String())
	}
}

// Every answer carries the security headers, and /static/ lists no directory.
func TestSecurityHeadersAndNoListing(t *testing.T) {
	h := mustStack(t, whoami, httpxtest.NewUserService(t))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	for k, want := range map[string]string{"Content-Security-Policy": httpx.ContentSecurityPolicy, "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"} {
		if got := rec.Header().Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if !strings.Contains(httpx.ContentSecurityPolicy, "frame-ancestors 'none'") || strings.Contains(httpx.ContentSecurityPolicy, "unsafe-inline") {
		t.Errorf("policy %q", httpx.ContentSecurityPolicy)
	}
}

func TestCrossOriginPosts(t *testing.T) {
	h := mustStack(t, whoami, httpxtest.NewUserService(t))
	tests := []struct {
		name    string
		headers map[string]string
		status  int
	}{
		{"same origin browser", map[string]string{"Sec-Fetch-Site": "same-origin"}, 200},
		{"non-browser client", nil, 200},
		{"cross-site browser", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"foreign origin", map[string]string{"Origin": "https://evil.example"}, 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("POST", "http://pb.example/login", nil)
			for k, v := range tt.headers {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Errorf("status %d, want %d", rec.Code, tt.status)
			}
		})
	}
}

// A query string no filter needs is refused before it reaches a store (a 50 KB
// search word gave a 500 from SQLite's LIKE).
func TestLongQueryIsRefused(t *testing.T) {
	h := mustStack(t, whoami, httpxtest.NewUserService(t))
	for accept, want := range map[string]string{"application/json": `"code":"EINVALID"`, "text/html": "查询参数过长"} {
		req := httptest.NewRequest("GET", "/?q="+strings.Repeat("四", 7000), nil)
		req.Header.Set("Accept", accept)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 400 || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("Accept %s: %d %.200s", accept, rec.Code, rec.Body.String())
		}
	}
	req := httptest.NewRequest("GET", "/?q="+strings.Repeat("a", 1000), nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Errorf("a 1 KB query: %d", rec.Code)
	}
}

// TestLoggingLevels: an answered request logs at INFO, a 503 (the index being
// rebuilt) at WARN, and any other 5xx at ERROR.
func TestLoggingLevels(t *testing.T) {
	for status, want := range map[int]string{200: "level=INFO", 404: "level=INFO", 503: "level=WARN", 500: "level=ERROR"} {
		var logs bytes.Buffer
		h := httpx.Logging(slog.New(slog.NewTextHandler(&logs, nil)))(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(status)
		}))
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/search?q=电池", nil))
		if !strings.Contains(logs.String(), want) || !strings.Contains(logs.String(), fmt.Sprintf("status=%d", status)) {
			t.Errorf("status %d logged %q, want %s", status, logs.String(), want)
		}
	}
}
