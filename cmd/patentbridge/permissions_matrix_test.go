package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// TestPermissionMatrix walks every route of the served permission tables as
// anonymous and as each role: a route that excludes the role answers 401 (API)
// or sends to the login page (UI) when anonymous and 403 when signed in; the
// others answer anything but those.
func TestPermissionMatrix(t *testing.T) {
	m := MustOpenMain(t, "sqlite://"+t.TempDir()+"/perm.db", 0)
	roles := []patentbridge.Role{"", patentbridge.RoleAdmin, patentbridge.RoleCity, patentbridge.RoleInstitution,
		patentbridge.RoleEnterprise, patentbridge.RoleAgency, patentbridge.RoleFinancier}
	users := map[patentbridge.Role]*patentbridge.User{}
	for _, role := range roles[1:] {
		users[role] = mustCreateUser(t, m, role)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	seen := map[string]bool{}
	for _, rt := range m.routes() {
		seen[rt.Pattern] = true
		want, ok := permissionExpectations[rt.Pattern]
		if !ok {
			t.Errorf("route %q (access %s) has no permission expectation", rt.Pattern, rt.Access)
			continue
		}
		method, path := requestPath(rt.Pattern)
		api := path == "/healthz" || strings.HasPrefix(path, "/api/")
		for _, role := range roles {
			status, location := permissionCall(t, m, client, method, path, users[role], api)
			allowed := allows(want, role)
			switch {
			case allowed && (status == 401 || status == 403 || strings.HasPrefix(location, "/login")):
				t.Errorf("%s as %q (allowed, access %s): %d %s", rt.Pattern, role, rt.Access, status, location)
			case !allowed && role == "" && api && status != 401,
				!allowed && role == "" && !api && (status != 303 || !strings.HasPrefix(location, "/login?next=")),
				!allowed && role != "" && status != 403:
				t.Errorf("%s as %q (denied, access %s): %d %s", rt.Pattern, role, rt.Access, status, location)
			}
		}
	}
	for pattern := range permissionExpectations {
		if !seen[pattern] {
			t.Errorf("expectation %q matches no served route", pattern)
		}
	}
}

// sessions holds one browser session per test user, so that the matrix pays
// for one login per role; logout requests get a fresh session of their own.
var sessions sync.Map // sessionKey -> token

// sessionKey names a user of one test server.
type sessionKey struct {
	m  *Main
	id int64
}

// sessionFor returns a session token of u, signing in with the test password.
func sessionFor(tb testing.TB, m *Main, u *patentbridge.User, fresh bool) string {
	tb.Helper()
	if t, ok := sessions.Load(sessionKey{m, u.ID}); ok && !fresh {
		return t.(string)
	}
	s, err := m.DB.Login(context.Background(), u.Username, permissionPassword, false)
	if err != nil {
		tb.Fatal(err)
	}
	if !fresh {
		sessions.Store(sessionKey{m, u.ID}, s.Token)
	}
	return s.Token
}

// permissionCall sends one request as u (nil: anonymous) with a fresh session,
// same-origin for posts, and returns the status and redirect target.
func permissionCall(tb testing.TB, m *Main, client *http.Client, method, path string, u *patentbridge.User, api bool) (int, string) {
	tb.Helper()
	var body io.Reader
	if method == "POST" && path == "/login" { // a failed sign-in is answered 401: sign in for real
		body = strings.NewReader("username=admin&password=" + m.Config.AdminPassword)
	}
	req, err := http.NewRequest(method, m.URL()+path, body)
	if err != nil {
		tb.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if !api {
		req.Header.Set("Accept", "text/html")
	}
	if u != nil {
		token := sessionFor(tb, m, u, strings.HasSuffix(path, "logout"))
		req.AddCookie(&http.Cookie{Name: httpx.SessionCookie, Value: token})
		req.Header.Set("Origin", m.URL())
	}
	resp, err := client.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	// Every answer of every route carries the security headers.
	if resp.Header.Get("Content-Security-Policy") != httpx.ContentSecurityPolicy || resp.Header.Get("Referrer-Policy") != "same-origin" {
		tb.Errorf("%s %s: Content-Security-Policy %q, Referrer-Policy %q", method, path,
			resp.Header.Get("Content-Security-Policy"), resp.Header.Get("Referrer-Policy"))
	}
	return resp.StatusCode, resp.Header.Get("Location")
}
