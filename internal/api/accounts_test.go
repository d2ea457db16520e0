package api_test

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
	"patentbridge/internal/api"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// accountsEnv is the API over the real account, organization and audit
// services on one SQLite database, whose clock the test moves.
type accountsEnv struct {
	*env
	db    *sqldb.DB
	now   time.Time
	admin string
}

func newAccountsEnv(t *testing.T) *accountsEnv {
	t.Helper()
	db := sqldbtest.SQLite(t)
	e := &accountsEnv{db: db, now: sqldbtest.Start}
	db.Now = func() time.Time { return e.now }
	users := &httpxtest.UserService{DB: db}
	_, e.admin = users.MustUser(t, "admin", patentbridge.RoleAdmin)
	users.MustOrganization(t, "四川大学", patentbridge.RoleInstitution)
	users.MustOrganization(t, "西南科技大学", patentbridge.RoleInstitution)
	ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	for _, name := range []string{"四川大学", "西南科技大学"} {
		o, _ := db.FindOrganizationByName(ctx, name)
		o.CityCode = map[string]string{"四川大学": "5101", "西南科技大学": "5107"}[name]
		if err := db.UpdateOrganization(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	srv := api.New(api.Deps{Now: clock, Patents: db, Users: db, AuditLog: db, Organizations: db, Logger: quiet})
	h, err := httpx.Stack(srv, httpx.StackOptions{Users: db, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	e.env = &env{handler: h}
	return e
}

// call sends a JSON request and decodes the JSON answer (nil for 204).
func (e *accountsEnv) call(t *testing.T, method, target, token string, body any) (int, map[string]any) {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = strings.NewReader(string(b))
	}
	res := e.do(t, method, target, token, r, map[string]string{"Content-Type": "application/json"})
	if res.StatusCode == http.StatusNoContent {
		return res.StatusCode, nil
	}
	return res.StatusCode, MustJSON(t, res)
}

// login signs in through the API and returns the token.
func (e *accountsEnv) login(t *testing.T, username, password string) string {
	t.Helper()
	status, m := e.call(t, "POST", "/api/v1/auth/login", "", map[string]string{"username": username, "password": password})
	if status != 200 || m["token"] == "" || m["expires_at"] == nil {
		t.Fatalf("login %s = %d %v", username, status, m)
	}
	return m["token"].(string)
}

// TestAccountsAsANewUserWould follows the journey: the admin creates a
// university tech-transfer account and a city office, they sign in, change
// their initial passwords, each sees and changes only its own, and the admin
// sees who changed what, from where, before and after.
func TestAccountsAsANewUserWould(t *testing.T) {
	e := newAccountsEnv(t)
	status, scu := e.call(t, "POST", "/api/v1/users", e.admin, map[string]string{"username": "scu", "name": "技术转移中心",
		"role": "institution", "organization": "四川大学", "password": "initial-pass-1"})
	if status != 201 || scu["organization"] != "四川大学" || scu["city_code"] != "5101" || scu["must_change_password"] != true {
		t.Fatalf("create scu = %d %v", status, scu)
	}
	status, _ = e.call(t, "POST", "/api/v1/users", e.admin, map[string]string{"username": "chengdu", "role": "city", "city_code": "5101", "password": "initial-pass-2"})
	if status != 201 {
		t.Fatalf("create chengdu = %d", status)
	}
	status, m := e.call(t, "POST", "/api/v1/users", e.admin, map[string]string{"username": "xx", "role": "institution", "organization": "不存在的大学", "password": "initial-pass-3"})
	if status != 400 || errorOf(t, m)["field"] != "organization" {
		t.Errorf("unknown organization = %d %v", status, m)
	}

	// A new account reaches only its password change until it is done.
	tok := e.login(t, "chengdu", "initial-pass-2")
	status, m = e.call(t, "GET", "/api/v1/users", tok, nil)
	if status != 403 || !strings.Contains(errorOf(t, m)["message"].(string), "修改初始密码") {
		t.Errorf("before the change: %d %v", status, m)
	}
	other := e.login(t, "chengdu", "initial-pass-2")
	status, changed := e.call(t, "POST", "/api/v1/me/password", tok, map[string]string{"current": "initial-pass-2", "password": "chengdu-own-pw"})
	if status != 200 || changed["token"] == nil {
		t.Fatalf("change password = %d %v", status, changed)
	}
	// The change ends every earlier login; the answer carries a fresh one.
	for _, old := range []string{tok, other} {
		if status, _ := e.call(t, "GET", "/api/v1/me", old, nil); status != 401 {
			t.Errorf("a login from before the password change: %d, want 401", status)
		}
	}
	tok = changed["token"].(string)
	status, list := e.call(t, "GET", "/api/v1/users", tok, nil)
	if status != 200 || list["total"] != float64(2) {
		t.Errorf("成都 lists %v accounts (%d), want itself and scu", list["total"], status)
	}
	// 成都 creates an account for a 成都 organization, not for a 绵阳 one, and no admins.
	status, _ = e.call(t, "POST", "/api/v1/users", tok, map[string]string{"username": "swust", "role": "institution", "organization": "西南科技大学", "password": "initial-pass-4"})
	if status != 403 {
		t.Errorf("成都 creating a 西南科技大学 account: %d, want 403", status)
	}
	status, _ = e.call(t, "POST", "/api/v1/users", tok, map[string]string{"username": "scu2", "role": "institution", "organization": "四川大学", "password": "initial-pass-5"})
	if status != 201 {
		t.Errorf("成都 creating a 四川大学 account: %d, want 201", status)
	}
	scuTok := e.login(t, "scu", "initial-pass-1")
	status, _ = e.call(t, "PATCH", fmt.Sprintf("/api/v1/users/%v", scu["id"]), scuTok, map[string]any{"disabled": true})
	if status != 403 {
		t.Errorf("an institution disabling an account: %d, want 403", status)
	}

	// Disabling stops the user's tokens at once.
	status, _ = e.call(t, "PATCH", fmt.Sprintf("/api/v1/users/%v", scu["id"]), tok, map[string]any{"disabled": true})
	if status != 200 {
		t.Fatalf("disable scu = %d", status)
	}
	if status, _ := e.call(t, "GET", "/api/v1/me", scuTok, nil); status != 401 {
		t.Errorf("a disabled user's token: %d, want 401", status)
	}

	// The admin sees who changed what, from where, with the values before and after.
	status, a := e.call(t, "GET", fmt.Sprintf("/api/v1/audit?object=user:%v&action=user.disable", scu["id"]), e.admin, nil)
	items, _ := a["items"].([]any)
	if status != 200 || len(items) != 1 {
		t.Fatalf("audit = %d %v", status, a)
	}
	entry := items[0].(map[string]any)
	before, after := entry["before"].(map[string]any), entry["after"].(map[string]any)
	if entry["actor"] != "chengdu" || entry["role"] != "city" || entry["address"] != "192.0.2.1" || before["disabled"] != false || after["disabled"] != true {
		t.Errorf("audit entry = %v", entry)
	}
	// 成都 sees its city's entries only; the admin's own acts are not among them.
	_, mine := e.call(t, "GET", "/api/v1/audit?actor=admin", tok, nil)
	if mine["total"] != float64(0) {
		t.Errorf("成都 sees %v of the admin's entries", mine["total"])
	}
	res := e.do(t, "GET", "/api/v1/audit?format=csv&action=user.", e.admin, nil, nil)
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || !strings.HasPrefix(string(body), "\ufeff时间,操作人") || !strings.Contains(string(body), "user.disable") {
		t.Errorf("audit CSV = %d %.200s", res.StatusCode, body)
	}
}

func TestAPILoginLockoutAndTokens(t *testing.T) {
	e := newAccountsEnv(t)
	for i := 0; i < sqldb.LockoutFailures; i++ {
		e.call(t, "POST", "/api/v1/auth/login", "", map[string]string{"username": "admin", "password": "wrong password"})
	}
	res := e.do(t, "POST", "/api/v1/auth/login", "", strings.NewReader(`{"username":"admin","password":"`+httpxtest.Password+`"}`), nil)
	m := MustJSON(t, res)
	if res.StatusCode != 429 || res.Header.Get("Retry-After") != "900" || !strings.Contains(errorOf(t, m)["message"].(string), "15分钟后再试") {
		t.Errorf("locked login = %d Retry-After %q %v", res.StatusCode, res.Header.Get("Retry-After"), m)
	}
	e.now = e.now.Add(sqldb.LockoutDuration)
	tok := e.login(t, "admin", httpxtest.Password)
	if status, me := e.call(t, "GET", "/api/v1/me", tok, nil); status != 200 || me["username"] != "admin" {
		t.Errorf("me = %d %v", status, me)
	}
	status, created := e.call(t, "POST", "/api/v1/me/tokens", tok, map[string]string{"name": "导入脚本"})
	secret, _ := created["token"].(string)
	if status != 201 || len(secret) != 64 || created["expires_at"] == nil {
		t.Fatalf("create token = %d %v", status, created)
	}
	_, list := e.call(t, "GET", "/api/v1/me/tokens", secret, nil)
	items, _ := list["items"].([]any)
	if len(items) != 3 || strings.Contains(fmt.Sprint(list), secret) {
		t.Errorf("tokens = %v; want the fixture's, the login's and the new one, never a secret", list)
	}
	if status, _ := e.call(t, "DELETE", fmt.Sprintf("/api/v1/me/tokens/%v", created["id"]), tok, nil); status != 204 {
		t.Errorf("revoke = %d", status)
	}
	if status, _ := e.call(t, "GET", "/api/v1/me", secret, nil); status != 401 {
		t.Errorf("revoked token: %d, want 401", status)
	}
	if status, _ := e.call(t, "POST", "/api/v1/auth/logout", tok, nil); status != 204 {
		t.Errorf("logout = %d", status)
	}
	if status, _ := e.call(t, "GET", "/api/v1/me", tok, nil); status != 401 {
		t.Errorf("token after logout: %d, want 401", status)
	}
	// Tokens expire: the fixture's token is dead half a year on.
	e.now = e.now.Add(sqldb.DefaultTokenTTL + time.Hour)
	if status, _ := e.call(t, "GET", "/api/v1/me", e.admin, nil); status != 401 {
		t.Errorf("expired token: %d, want 401", status)
	}
}

// Bad JSON bodies are answered in Chinese, naming the field, without the
// decoder's English, and a second object after the first is refused.
func TestBadJSONBodies(t *testing.T) {
	e := newAccountsEnv(t)
	for body, want := range map[string]string{
		`{"username":"admin","password":"x"}{"username":"b"}`: "只能包含一个 JSON 对象",
		`{"username":"admin","pasword":"x"}`:                  `未知字段 "pasword"`,
		`{"username":1}`:                                      "字段 username 的类型不对",
		`{"username":`:                                        "不是有效的 JSON",
		``:                                                    "请求体为空",
		`{"username":"` + strings.Repeat("a", 70<<10) + `"}`: "请求体过大（不超过 64 KB）",
	} {
		res := e.do(t, "POST", "/api/v1/auth/login", "", strings.NewReader(body), nil)
		msg, _ := errorOf(t, MustJSON(t, res))["message"].(string)
		status := 400
		if len(body) > 64<<10 {
			status = 413
		}
		if res.StatusCode != status || !strings.Contains(msg, want) || strings.Contains(msg, "json:") {
			t.Errorf("body %.40q: %d %q, want %d with %q", body, res.StatusCode, msg, status, want)
		}
	}
}
