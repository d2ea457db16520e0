package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/sqldb/sqldbtest"
)

// newRegistrationsEnv is the API with self-registration and demands over one
// real store, with the city offices of 成都 (5101) and 绵阳 (5107).
func newRegistrationsEnv(t *testing.T) (e *accountsEnv, chengdu, mianyang string) {
	t.Helper()
	db := sqldbtest.SQLite(t)
	users := &httpxtest.UserService{DB: db}
	e = &accountsEnv{db: db}
	_, e.admin = users.MustUser(t, "admin", patentbridge.RoleAdmin)
	_, chengdu = users.MustUser(t, "chengdu", patentbridge.RoleCity, "5101")
	_, mianyang = users.MustUser(t, "mianyang", patentbridge.RoleCity, "5107")
	srv := api.New(api.Deps{Now: clock, Patents: db, Users: db, Ref: refdata.Default(), Demands: db, Organizations: db,
		Registrations: db, Logger: quiet})
	h, err := httpx.Stack(srv, httpx.StackOptions{Users: db, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	e.env = &env{handler: h}
	return e, chengdu, mianyang
}

func TestRegistrationAPI(t *testing.T) {
	e, chengdu, mianyang := newRegistrationsEnv(t)
	form := map[string]string{"organization": "成都某科技有限公司", "organization_type": "enterprise",
		"credit_code": "91510100MA61A00011", "contact": "张经理", "phone": "028-85551234", "city_code": "5101",
		"username": "cdfirm", "password": "registered-pass-1"}
	status, m := e.call(t, "POST", "/api/v1/registrations", "", form)
	if status != http.StatusBadRequest || errorOf(t, m)["field"] != "credit_code" {
		t.Fatalf("bad credit code = %d %v, want 400 naming credit_code", status, m)
	}
	form["credit_code"] = "91510100MA61A0001R"
	status, m = e.call(t, "POST", "/api/v1/registrations", "", form)
	if status != http.StatusCreated || m["status"] != "pending" || m["city_name"] != "成都市" {
		t.Fatalf("register = %d %v", status, m)
	}
	if _, ok := m["password"]; ok {
		t.Error("the answer carries the password")
	}
	id := fmt.Sprint(m["id"])

	firm := e.login(t, "cdfirm", "registered-pass-1")
	demand := map[string]any{"title": "钠电池正极材料制备", "description": "寻求钠离子电池正极材料的低成本制备技术，要求循环寿命2000次以上。",
		"deadline": sqldbtest.Start.AddDate(0, 2, 0).Format("2006-01-02"), "contact": "张经理 028-85551234"}
	status, m = e.call(t, "POST", "/api/v1/demands", firm, demand)
	if status != http.StatusForbidden || errorOf(t, m)["message"] != "账号待审核，审核通过后可发布" {
		t.Fatalf("pending post = %d %v", status, m)
	}
	status, m = e.call(t, "GET", "/api/v1/registrations", mianyang, nil)
	if status != 200 || m["total"] != float64(0) {
		t.Fatalf("绵阳 lists = %d %v, want none", status, m)
	}
	for _, p := range []string{"/api/v1/registrations/" + id, "/api/v1/registrations/" + id + "/approve"} {
		method := map[bool]string{true: "POST", false: "GET"}[p != "/api/v1/registrations/"+id]
		if status, _ := e.call(t, method, p, mianyang, nil); status != http.StatusNotFound {
			t.Errorf("绵阳 %s %s = %d, want 404", method, p, status)
		}
	}
	status, m = e.call(t, "POST", "/api/v1/registrations/"+id+"/approve", chengdu, nil)
	if status != 200 || m["status"] != "approved" || m["organization_id"] == nil {
		t.Fatalf("approve = %d %v", status, m)
	}
	if status, m := e.call(t, "POST", "/api/v1/demands", firm, demand); status != http.StatusCreated {
		t.Fatalf("approved post = %d %v", status, m)
	}

	form["username"], form["credit_code"], form["organization"] = "other", "91510700MA62B00026", "绵阳某科技有限公司"
	form["city_code"] = "5107"
	_, m = e.call(t, "POST", "/api/v1/registrations", "", form)
	other := fmt.Sprint(m["id"])
	if status, m := e.call(t, "POST", "/api/v1/registrations/"+other+"/reject", mianyang, map[string]string{"reason": ""}); status != http.StatusBadRequest || errorOf(t, m)["field"] != "reason" {
		t.Errorf("reject without reason = %d %v", status, m)
	}
	status, m = e.call(t, "POST", "/api/v1/registrations/"+other+"/reject", mianyang, map[string]string{"reason": "信用代码与名称不符"})
	if status != 200 || m["status"] != "rejected" || m["reject_reason"] != "信用代码与名称不符" {
		t.Fatalf("reject = %d %v", status, m)
	}
}
