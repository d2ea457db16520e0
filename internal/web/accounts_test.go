package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
	"patentbridge/internal/web"
)

// accountsEnv is the UI over the real account, organization and audit services.
type accountsEnv struct {
	srv *httptest.Server
	db  *sqldb.DB
	now time.Time
}

func newAccountsEnv(t *testing.T) *accountsEnv {
	t.Helper()
	db := sqldbtest.SQLite(t)
	e := &accountsEnv{db: db, now: sqldbtest.Start}
	db.Now = func() time.Time { return e.now }
	users := &httpxtest.UserService{DB: db}
	users.MustUser(t, "admin", patentbridge.RoleAdmin)
	users.MustUser(t, "chengdu", patentbridge.RoleCity, "5101")
	users.MustOrganization(t, "四川大学", patentbridge.RoleInstitution)
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: db, AuditLog: db, Organizations: db,
		Ref: refdata.Default(), Logger: quiet, UploadDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	e.srv = MustServe(t, w, db)
	return e
}

// postLogin posts the login form and returns status, Location and body.
func postLogin(t *testing.T, c *http.Client, base, username, password, next string) (int, string, string, http.Header) {
	t.Helper()
	res, err := c.PostForm(base+"/login", url.Values{"username": {username}, "password": {password}, "next": {next}})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(b), res.Header
}

func TestBrowserLoginLockout(t *testing.T) {
	e := newAccountsEnv(t)
	c := (&env{}).client(t)
	for range sqldb.LockoutFailures - 1 {
		if status, _, body, _ := postLogin(t, c, e.srv.URL, "admin", "wrong password", ""); status != 401 {
			t.Fatalf("wrong password: %d %.200s", status, body)
		}
	}
	status, _, body, h := postLogin(t, c, e.srv.URL, "admin", "wrong password", "")
	if status != 429 || h.Get("Retry-After") != "900" {
		t.Errorf("fifth failure: %d, Retry-After %q", status, h.Get("Retry-After"))
	}
	mustContain(t, body, "登录失败次数过多，请15分钟后再试", `value="admin"`)
	if status, _, _, _ := postLogin(t, c, e.srv.URL, "admin", httpxtest.Password, ""); status != 429 {
		t.Errorf("the right password during the lockout: %d, want 429", status)
	}
	e.now = e.now.Add(sqldb.LockoutDuration)
	if status, loc, _, _ := postLogin(t, c, e.srv.URL, "admin", httpxtest.Password, ""); status != 303 || loc != "/" {
		t.Errorf("after the lockout: %d %q", status, loc)
	}
}

func TestLoginNextMustBeASameOriginPath(t *testing.T) {
	e := newAccountsEnv(t)
	for next, want := range map[string]string{
		"/\t/evil.com": "/", "/%09/evil.com": "/%09/evil.com", "/\n/evil.com": "/", "https://evil.com": "/",
		"//evil.com": "/", "/\\evil.com": "/", "javascript:alert(1)": "/", "/demands?q=茶": "/demands?q=%e8%8c%b6",
	} {
		c := (&env{}).client(t)
		if _, loc, _, _ := postLogin(t, c, e.srv.URL, "admin", httpxtest.Password, next); loc != want {
			t.Errorf("next %q: Location %q, want %q", next, loc, want)
		}
	}
}

// An account the admin creates must change its initial password before anything
// else; the page says why.
func TestNewAccountChangesItsInitialPassword(t *testing.T) {
	e := newAccountsEnv(t)
	admin := MustClient(t, e.srv, "admin")
	status, loc, _ := MustPost(t, admin, e.srv.URL+"/admin/users", url.Values{"username": {"scu"}, "name": {"技术转移中心"},
		"role": {"institution"}, "organization": {"四川大学"}, "password": {"initial-pass-1"}})
	if status != 303 || !strings.HasPrefix(loc, "/admin/users?created=") {
		t.Fatalf("create account: %d %q", status, loc)
	}
	_, body := MustGet(t, admin, e.srv.URL+"/admin/users?q=scu")
	mustContain(t, body, "技术转移中心", "四川大学", "待改初始密码")
	status, _, body = MustPost(t, admin, e.srv.URL+"/admin/users", url.Values{"username": {"weak"}, "role": {"enterprise"},
		"organization": {"四川大学"}, "password": {"short"}})
	if status != 400 {
		t.Errorf("weak password: %d", status)
	}
	mustContain(t, body, "密码至少需要10个字符", `value="weak"`)

	c := (&env{}).client(t)
	_, loc, _, _ = postLogin(t, c, e.srv.URL, "scu", "initial-pass-1", "/my/patents")
	if loc != "/account/password?next=%2Fmy%2Fpatents" {
		t.Fatalf("first login went to %q", loc)
	}
	if status, _ := MustGet(t, c, e.srv.URL+"/organizations"); status != 303 {
		t.Errorf("before the change another page answers %d, want 303 to the password form", status)
	}
	_, body = MustGet(t, c, e.srv.URL+"/account/password")
	mustContain(t, body, `id="must-change"`, "初始密码")
	status, _, body = MustPost(t, c, e.srv.URL+"/account/password", url.Values{"current": {"initial-pass-1"}, "password": {"scu"}, "confirm": {"scu"}})
	if status != 400 {
		t.Errorf("password equal to the username: %d", status)
	}
	status, loc, _ = MustPost(t, c, e.srv.URL+"/account/password", url.Values{"current": {"initial-pass-1"},
		"password": {"scu-own-password"}, "confirm": {"scu-own-password"}, "next": {"/organizations"}})
	if status != 303 || loc != "/organizations" {
		t.Fatalf("change password: %d %q", status, loc)
	}
	if status, body := MustGet(t, c, e.srv.URL+"/organizations"); status != 200 || strings.Contains(body, `id="must-change"`) {
		t.Errorf("after the change: %d", status)
	}
	// The admin sees the creation and the change in the audit log, and exports it.
	_, body = MustGet(t, admin, e.srv.URL+"/admin/audit?action=user.")
	mustContain(t, body, "user.create", "user.change_password", "四川大学", "127.0.0.1")
	_, csv := MustGet(t, admin, e.srv.URL+"/admin/audit.csv?action=user.")
	if !strings.HasPrefix(csv, "\ufeff时间,操作人") || !strings.Contains(csv, "user.change_password") {
		t.Errorf("audit CSV = %.300s", csv)
	}
	// A city user may not read the admin's audit entries or create an admin.
	city := MustClient(t, e.srv, "chengdu")
	_, body = MustGet(t, city, e.srv.URL+"/admin/audit")
	if strings.Contains(body, "user.change_password") {
		t.Error("成都 reads 四川大学's password change made in the admin's scope")
	}
	_, body = MustGet(t, city, e.srv.URL+"/admin/users")
	if strings.Contains(body, `value="admin"`) {
		t.Error("the city's form offers the admin role")
	}
}

func TestAPITokensOnMyAccount(t *testing.T) {
	e := newAccountsEnv(t)
	c := MustClient(t, e.srv, "chengdu")
	status, _, body := MustPost(t, c, e.srv.URL+"/account/tokens", url.Values{"name": {"数据导入脚本"}})
	if status != 201 {
		t.Fatalf("create token: %d", status)
	}
	i := strings.Index(body, `id="new-token">`)
	if i < 0 {
		t.Fatalf("no token shown:\n%s", body)
	}
	secret := body[i+len(`id="new-token">`) : i+len(`id="new-token">`)+64]
	if _, err := e.db.UserByToken(t.Context(), secret); err != nil {
		t.Fatalf("the shown token does not work: %v", err)
	}
	_, body = MustGet(t, c, e.srv.URL+"/account")
	mustContain(t, body, "数据导入脚本", "从未使用")
	if strings.Contains(body, secret) {
		t.Error("the token's secret is shown again")
	}
}
