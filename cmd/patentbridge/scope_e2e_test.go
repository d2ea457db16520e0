package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// scopeFixture is the real server with two institutions (one account bound by
// an alias), a co-owned patent, two enterprises and two cities.
type scopeFixture struct {
	m                        *Main
	tokens, sessions         map[string]string
	scuOnly, swustOnly, both string // application numbers
}

// scopePatent is a granted invention of the owners.
func scopePatent(serial int, title string, owners ...string) *patentbridge.Patent {
	d := fmt.Sprintf("2019%d%07d", 1, serial)
	p := &patentbridge.Patent{AppNo: d + patentbridge.AppNoCheckChar(d), Kind: patentbridge.KindInvention, Title: title,
		AppDate: time.Date(2019, 3, 1, 0, 0, 0, 0, time.UTC), GrantDate: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC),
		Status: patentbridge.StatusInForce, MainIPC: "H01M4/525", IPC: []string{"H01M4/525"}, RegionCode: "510100"}
	for _, o := range owners {
		p.Patentees = append(p.Patentees, patentbridge.Party{Name: o, Type: patentbridge.PartyUniversity})
	}
	p.Applicants = p.Patentees
	return p
}

func newScopeFixture(t *testing.T) *scopeFixture {
	t.Helper()
	m := MustOpenMain(t, "sqlite:"+t.TempDir()+"/pb.db", 0)
	ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	ps := []*patentbridge.Patent{scopePatent(101, "一种锂电池正极材料", "四川大学"), scopePatent(102, "一种核废料固化方法", "西南科技大学"),
		scopePatent(103, "一种电子封装结构", "四川大学", "电子科技大学")}
	if _, err := m.DB.UpsertPatents(ctx, ps); err != nil {
		t.Fatal(err)
	}
	if _, err := m.DB.SyncOrganizations(ctx); err != nil {
		t.Fatal(err)
	}
	swust, err := m.DB.FindOrganizationByName(ctx, "西南科技大学")
	if err != nil {
		t.Fatal(err)
	}
	swust.Aliases, swust.CityCode = []string{"西南科大"}, "5107"
	if err := m.DB.UpdateOrganization(ctx, swust); err != nil {
		t.Fatal(err)
	}
	for _, o := range []*patentbridge.Organization{{Name: "成都某科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101", SME: true},
		{Name: "绵阳某科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5107", SME: true}} {
		if err := m.DB.CreateOrganization(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	f := &scopeFixture{m: m, tokens: map[string]string{}, sessions: map[string]string{},
		scuOnly: ps[0].AppNo, swustOnly: ps[1].AppNo, both: ps[2].AppNo}
	for _, nu := range []patentbridge.NewUser{
		{Username: "scu", Role: patentbridge.RoleInstitution, Organization: "四川大学"},
		{Username: "swust", Role: patentbridge.RoleInstitution, Organization: "西南科大"}, // by its alias
		{Username: "uestc", Role: patentbridge.RoleInstitution, Organization: "电子科技大学"},
		{Username: "firmcd", Role: patentbridge.RoleEnterprise, Organization: "成都某科技有限公司"},
		{Username: "firmmy", Role: patentbridge.RoleEnterprise, Organization: "绵阳某科技有限公司"},
		{Username: "chengdu", Role: patentbridge.RoleCity, CityCode: "5101"},
		{Username: "mianyang", Role: patentbridge.RoleCity, CityCode: "5107"},
	} {
		nu.Password = "scope-secret-1"
		if _, err := m.DB.CreateUser(ctx, nu); err != nil {
			t.Fatalf("create %s: %v", nu.Username, err)
		}
		for _, api := range []bool{true, false} {
			s, err := m.DB.Login(ctx, nu.Username, nu.Password, api)
			if err != nil {
				t.Fatal(err)
			}
			if api {
				f.tokens[nu.Username] = s.Token
			} else {
				f.sessions[nu.Username] = s.Token
			}
		}
	}
	return f
}

// api sends a JSON request with the user's token and returns status and body.
func (f *scopeFixture) api(t *testing.T, user, method, path string, body any) (int, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, f.m.URL()+path, strings.NewReader(string(b)))
	req.Header.Set("Authorization", "Bearer "+f.tokens[user])
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var m map[string]any
	_ = json.NewDecoder(res.Body).Decode(&m)
	return res.StatusCode, m
}

// form posts a page's form as the user's browser session.
func (f *scopeFixture) form(t *testing.T, user, path string) int {
	t.Helper()
	req, _ := http.NewRequest("POST", f.m.URL()+path, strings.NewReader(""))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "text/html")
	req.Header.Set("Origin", f.m.URL())
	req.AddCookie(&http.Cookie{Name: httpx.SessionCookie, Value: f.sessions[user]})
	res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}

// TestScopeBetweenOrganizationsAndCities: two institutions cannot touch each
// other's patents (one bound by an alias), a co-owner cannot revoke the other's
// declaration, an enterprise posts only as itself, and a city moderates only its
// own city's demands.
func TestScopeBetweenOrganizationsAndCities(t *testing.T) {
	f := newScopeFixture(t)
	decl := map[string]string{"kind": "reason", "reason": "negotiating", "text": "与企业洽谈中"}
	for _, tc := range []struct {
		user, appNo string
		want        int
	}{
		{"swust", f.scuOnly, 403}, {"scu", f.swustOnly, 403}, {"swust", f.swustOnly, 201}, {"scu", f.scuOnly, 201}, {"firmcd", f.scuOnly, 403},
	} {
		if status, m := f.api(t, tc.user, "POST", "/api/v1/patents/"+tc.appNo+"/declarations", decl); status != tc.want {
			t.Errorf("%s declaring on %s: %d %v, want %d", tc.user, tc.appNo, status, m, tc.want)
		}
	}
	status, d := f.api(t, "scu", "POST", "/api/v1/patents/"+f.both+"/declarations", decl)
	if status != 201 {
		t.Fatalf("scu declaring on the co-owned patent: %d %v", status, d)
	}
	revoke := fmt.Sprintf("/patents/%s/declarations/%v/revoke", f.both, d["id"])
	if status := f.form(t, "uestc", revoke); status != 403 {
		t.Errorf("the co-owner 电子科技大学 revoking 四川大学's declaration: %d, want 403", status)
	}
	if status := f.form(t, "scu", revoke); status != 303 {
		t.Errorf("四川大学 revoking its own declaration: %d, want 303", status)
	}

	status, dm := f.api(t, "firmcd", "POST", "/api/v1/demands", map[string]any{"title": "锂电池正极材料包覆技术",
		"description": "寻求高镍正极材料包覆改性技术，提升循环寿命，希望与高校合作。", "region_code": "510100", "enterprise": "绵阳另一企业有限公司"})
	if status != 201 || dm["enterprise"] != "成都某科技有限公司" {
		t.Fatalf("demand = %d %v; want posted as 成都某科技有限公司", status, dm)
	}
	moderate := fmt.Sprintf("/api/v1/demands/%v/moderate", dm["id"])
	// 绵阳 does not even see 成都's pending demand.
	if status, m := f.api(t, "mianyang", "POST", moderate, map[string]string{"action": "publish"}); status != 403 && status != 404 {
		t.Errorf("绵阳 moderating a 成都 demand: %d %v, want it refused", status, m)
	}
	if status, m := f.api(t, "chengdu", "POST", moderate, map[string]string{"action": "publish"}); status != 200 {
		t.Errorf("成都 moderating its demand: %d %v, want 200", status, m)
	}
	feedback := fmt.Sprintf("/api/v1/demands/%v/feedback", dm["id"])
	if status, _ := f.api(t, "firmmy", "POST", feedback, map[string]string{"app_no": f.scuOnly, "verdict": "interested"}); status < 400 {
		t.Errorf("another enterprise giving feedback on the demand: %d", status)
	}
	// The refused acts left nothing: three declarations made, one revoked.
	admin := patentbridge.WithUser(context.Background(), &patentbridge.User{Role: patentbridge.RoleAdmin})
	es, _, err := f.m.DB.ListAudit(admin, patentbridge.AuditFilter{Action: "declaration."})
	if err != nil || len(es) != 4 {
		t.Errorf("declaration audit rows = %d, %v; want 3 creations and 1 revocation", len(es), err)
	}
}
