package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
)

func TestLoginFlow(t *testing.T) {
	e := newEnv(t)
	c := e.client(t)

	status, body := MustGet(t, c, e.srv.URL+"/login")
	if status != 200 {
		t.Fatalf("login page status %d", status)
	}
	mustContain(t, body, `id="username"`, `id="password"`, `id="login-submit"`)

	res, err := c.PostForm(e.srv.URL+"/login", url.Values{"username": {"admin"}, "password": {"wrong"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized || len(res.Cookies()) != 0 {
		t.Errorf("wrong password: status %d, cookies %v", res.StatusCode, res.Cookies())
	}

	res, err = c.PostForm(e.srv.URL+"/login", url.Values{"username": {"admin"}, "password": {httpxtest.Password}, "next": {"/admin/import"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/import" {
		t.Fatalf("login: status %d, location %q", res.StatusCode, res.Header.Get("Location"))
	}
	var session *http.Cookie
	for _, ck := range res.Cookies() {
		if ck.Name == httpx.SessionCookie {
			session = ck
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Value == "" {
		t.Fatalf("session cookie = %+v", session)
	}

	_, body = MustGet(t, c, e.srv.URL+"/")
	mustContain(t, body, "admin（省级管理员）", `href="/admin/import"`, "数据导入")

	res, err = c.PostForm(e.srv.URL+"/logout", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("logout status %d", res.StatusCode)
	}
	if _, err := e.users.UserByToken(t.Context(), session.Value); err == nil {
		t.Errorf("the session still works after logout")
	}
	_, body = MustGet(t, c, e.srv.URL+"/")
	mustContain(t, body, `id="login-link"`)
}

func TestLoginWrongPasswordMessage(t *testing.T) {
	e := newEnv(t)
	res, err := e.client(t).PostForm(e.srv.URL+"/login", url.Values{"username": {"admin"}, "password": {"nope"}})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, string(b), "用户名或密码错误", `value="admin"`)
}

func TestLoginNextStaysOnSite(t *testing.T) {
	e := newEnv(t)
	for _, next := range []string{"https://evil.example/", "//evil.example", "/\\evil.example"} {
		res, err := e.client(t).PostForm(e.srv.URL+"/login", url.Values{"username": {"admin"}, "password": {httpxtest.Password}, "next": {next}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if loc := res.Header.Get("Location"); loc != "/" {
			t.Errorf("next %q redirected to %q", next, loc)
		}
	}
}

func TestCrossSiteLoginIsRefused(t *testing.T) {
	e := newEnv(t)
	req, _ := http.NewRequest("POST", e.srv.URL+"/login", strings.NewReader("username=admin&password=secret-pw"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "text/html")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res, err := e.client(t).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden || len(res.Cookies()) != 0 {
		t.Errorf("cross-site login: status %d, cookies %v", res.StatusCode, res.Cookies())
	}
}
