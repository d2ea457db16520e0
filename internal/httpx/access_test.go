package httpx_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx"
)

func TestAccessCheck(t *testing.T) {
	admin := &patentbridge.User{Role: patentbridge.RoleAdmin}
	city := &patentbridge.User{Role: patentbridge.RoleCity, CityCode: "5101"}
	cityless := &patentbridge.User{Role: patentbridge.RoleCity}
	firm := &patentbridge.User{Role: patentbridge.RoleEnterprise}
	for _, tt := range []struct {
		name string
		a    httpx.Access
		u    *patentbridge.User
		code string // "" for allowed
	}{
		{"anyone anonymous", httpx.Anyone, nil, ""},
		{"signed-in anonymous", httpx.SignedIn, nil, patentbridge.EUNAUTHORIZED},
		{"signed-in enterprise", httpx.SignedIn, firm, ""},
		{"roles anonymous", httpx.Roles(patentbridge.RoleCity), nil, patentbridge.EUNAUTHORIZED},
		{"roles listed", httpx.Roles(patentbridge.RoleCity), city, ""},
		{"roles admin always", httpx.Roles(patentbridge.RoleEnterprise), admin, ""},
		{"roles other", httpx.Roles(patentbridge.RoleCity), firm, patentbridge.EFORBIDDEN},
		{"admin only", httpx.Admin, city, patentbridge.EFORBIDDEN},
		{"own city without city", httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity), cityless, patentbridge.EFORBIDDEN},
		{"role without city code, no city scope", httpx.Roles(patentbridge.RoleCity), cityless, ""},
	} {
		err := tt.a.Check(tt.u)
		if got := patentbridge.ErrorCode(err); err == nil && tt.code != "" || err != nil && got != tt.code {
			t.Errorf("%s (%s): err %v, want code %q", tt.name, tt.a, err, tt.code)
		}
	}
	err := httpx.Roles(patentbridge.RoleCity).Check(firm)
	if msg := patentbridge.ErrorMessage(err); msg != "没有权限：此操作仅限市(州)管理员、省级管理员" {
		t.Errorf("message %q", msg)
	}
	if msg := patentbridge.ErrorMessage(httpx.SignedIn.Check(nil)); msg != "请先登录" {
		t.Errorf("message %q", msg)
	}
}

func TestRegisterGuardsEachRoute(t *testing.T) {
	mux := http.NewServeMux()
	var denied []string
	httpx.Register(mux, []httpx.Route{
		httpx.NewRoute("GET /open", httpx.Anyone, whoami),
		httpx.NewRoute("GET /mine", httpx.SignedIn, whoami),
		httpx.NewRoute("POST /admin/x/{id}", httpx.Admin, whoami),
	}, func(w http.ResponseWriter, r *http.Request, err error) {
		denied = append(denied, r.Pattern)
		httpx.DenyJSON(w, r, err)
	})
	admin := &patentbridge.User{Username: "root", Role: patentbridge.RoleAdmin}
	firm := &patentbridge.User{Username: "firm", Role: patentbridge.RoleEnterprise}
	for _, tt := range []struct {
		method, path string
		u            *patentbridge.User
		status       int
		body         string
	}{
		{"GET", "/open", nil, 200, "anonymous"},
		{"GET", "/mine", nil, 401, "请先登录"},
		{"GET", "/mine", firm, 200, "firm"},
		{"POST", "/admin/x/7", nil, 401, `"code":"EUNAUTHORIZED"`},
		{"POST", "/admin/x/7", firm, 403, "此操作仅限省级管理员"},
		{"POST", "/admin/x/7", admin, 200, "root"},
	} {
		req := httptest.NewRequest(tt.method, tt.path, nil)
		if tt.u != nil {
			req = req.WithContext(patentbridge.WithUser(req.Context(), tt.u))
		}
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.body) {
			t.Errorf("%s %s as %v: %d %q, want %d %q", tt.method, tt.path, tt.u, rec.Code, rec.Body.String(), tt.status, tt.body)
		}
	}
	if want := []string{"GET /mine", "POST /admin/x/{id}", "POST /admin/x/{id}"}; strings.Join(denied, "|") != strings.Join(want, "|") {
		t.Errorf("denied patterns %q, want %q", denied, want)
	}
}

// A self-registered account waiting for review uses the routes of any signed-in
// user (its account, its password) but none of a role or of its organization.
func TestPendingAccountPostsNothing(t *testing.T) {
	u := &patentbridge.User{ID: 7, Role: patentbridge.RoleEnterprise, Registration: patentbridge.RegistrationPending}
	if err := httpx.SignedIn.Check(u); err != nil {
		t.Errorf("signed-in route refused: %v", err)
	}
	if err := httpx.Anyone.Check(u); err != nil {
		t.Errorf("public route refused: %v", err)
	}
	for _, a := range []httpx.Access{httpx.DemandPosters, httpx.Roles(patentbridge.RoleEnterprise), httpx.SignedIn.In(httpx.ScopeOwnOrg)} {
		err := a.Check(u)
		if patentbridge.ErrorCode(err) != patentbridge.EFORBIDDEN || patentbridge.ErrorMessage(err) != "账号待审核，审核通过后可发布" {
			t.Errorf("%s: %v, want the pending message", a, err)
		}
	}
	u.Registration = ""
	if err := httpx.DemandPosters.Check(u); err != nil {
		t.Errorf("approved account refused: %v", err)
	}
}
