package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/sqldb/sqldbtest"
)

func TestOrganizationsAPIOverSQLite(t *testing.T) {
	db := sqldbtest.SQLite(t)
	users := &httpxtest.UserService{DB: db}
	_, adminToken := users.MustUser(t, "admin", patentbridge.RoleAdmin)
	_, firmToken := users.MustUser(t, "firm", patentbridge.RoleEnterprise)
	srv := api.New(api.Deps{Now: clock, Patents: db, Organizations: db, Ref: nil, Logger: quiet, UploadDir: t.TempDir()})
	h, err := httpx.Stack(srv, httpx.StackOptions{Users: users, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{handler: h}
	ctx := patentbridge.WithUser(context.Background(), &patentbridge.User{ID: 1, Username: "admin", Role: patentbridge.RoleAdmin})
	scu := &patentbridge.Organization{Name: "四川大学", Aliases: []string{"川大"}, Type: patentbridge.PartyUniversity, CityCode: "5101"}
	hospital := &patentbridge.Organization{Name: "四川大学华西医院", Type: patentbridge.PartyHospital, CityCode: "5101"}
	for _, o := range []*patentbridge.Organization{scu, hospital} {
		if err := db.CreateOrganization(ctx, o); err != nil {
			t.Fatal(err)
		}
	}

	res := e.do(t, "GET", "/api/v1/organizations?type=bogus", "", nil, nil)
	if got := errorOf(t, MustJSON(t, res)); res.StatusCode != http.StatusBadRequest || got["field"] != "type" ||
		!strings.Contains(got["message"].(string), "单位类型 \"bogus\" 无效") {
		t.Errorf("type=bogus: %d %v", res.StatusCode, got)
	}
	res = e.do(t, "GET", "/api/v1/organizations?q=%E5%B7%9D%E5%A4%A7&type=university", "", nil, nil) // q=川大
	m := MustJSON(t, res)
	items, _ := m["items"].([]any)
	if res.StatusCode != http.StatusOK || m["total"] != 1.0 || len(items) != 1 {
		t.Fatalf("anonymous list = %d %v, want 1 university found by its alias", res.StatusCode, m)
	}
	first := items[0].(map[string]any)
	for _, k := range []string{"id", "name", "aliases", "type", "city_code", "sme", "patents"} {
		if _, ok := first[k]; !ok {
			t.Errorf("item lacks %q: %v", k, first)
		}
	}

	res = e.do(t, "GET", fmt.Sprintf("/api/v1/organizations/%d", hospital.ID), "", nil, nil)
	if m := MustJSON(t, res); res.StatusCode != http.StatusOK || m["name"] != "四川大学华西医院" {
		t.Errorf("get = %d %v", res.StatusCode, m)
	}
	if res := e.do(t, "GET", "/api/v1/organizations/999", "", nil, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown organization = %d, want 404", res.StatusCode)
	}

	body := fmt.Sprintf(`{"gone":%d}`, hospital.ID)
	target := fmt.Sprintf("/api/v1/organizations/%d/merge", scu.ID)
	json := map[string]string{"Content-Type": "application/json"}
	if res := e.do(t, "POST", target, firmToken, strings.NewReader(body), json); res.StatusCode != http.StatusForbidden {
		t.Errorf("enterprise user merging = %d, want 403", res.StatusCode)
	}
	res = e.do(t, "POST", target, adminToken, strings.NewReader(body), json)
	m = MustJSON(t, res)
	if res.StatusCode != http.StatusOK || fmt.Sprint(m["aliases"]) != "[四川大学华西医院 川大]" {
		t.Fatalf("admin merge = %d %v, want 四川大学 with the hospital's name as an alias", res.StatusCode, m)
	}
	if res := e.do(t, "GET", fmt.Sprintf("/api/v1/organizations/%d", hospital.ID), "", nil, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("merged-away organization = %d, want 404", res.StatusCode)
	}
}
