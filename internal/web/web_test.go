package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/ingest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/web"
)

var quiet = slog.New(slog.DiscardHandler)

// env is the web UI served through the full middleware stack on a test server,
// over one real SQLite store holding the accounts, patents and import jobs.
type env struct {
	srv     *httptest.Server
	patents *httpxtest.Recorder // the real store, recording list filters
	users   *httpxtest.UserService
	jobs    *sqldb.DB         // the real store of the accounts and import jobs
	runner  *ingest.JobRunner // the real import runner over the store
}

func newEnv(tb testing.TB, ps ...*patentbridge.Patent) *env {
	tb.Helper()
	e := &env{users: httpxtest.NewUserService(tb)}
	e.jobs = e.users.DB
	e.patents = &httpxtest.Recorder{DB: e.users.DB}
	if len(ps) > 0 {
		e.users.MustStorePatents(tb, ps...)
	}
	e.runner = httpxtest.MustJobRunner(tb, e.jobs)
	e.users.MustUser(tb, "admin", patentbridge.RoleAdmin)
	e.users.MustUser(tb, "firm", patentbridge.RoleEnterprise)
	w, err := web.New(web.Deps{Now: clock,
		Patents: e.patents, Users: e.users, Jobs: e.jobs, Runner: e.runner,
		Ref: refdata.Default(), Logger: quiet, UploadDir: tb.TempDir(),
	})
	if err != nil {
		tb.Fatal(err)
	}
	e.srv = MustServe(tb, w, e.users)
	return e
}

// MustServe serves the pages behind the middleware stack on a test server.
func MustServe(tb testing.TB, w http.Handler, users patentbridge.UserService) *httptest.Server {
	tb.Helper()
	h, err := httpx.Stack(w, httpx.StackOptions{Users: users, Logger: quiet})
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	return srv
}

// MustClient returns a non-redirecting browser client of srv, signed in unless
// username is "".
func MustClient(tb testing.TB, srv *httptest.Server, username string) *http.Client {
	tb.Helper()
	e := &env{srv: srv}
	c := e.client(tb)
	if username != "" {
		e.MustLogin(tb, c, username)
	}
	return c
}

// client returns a browser-like client with a cookie jar that does not follow
// redirects, so tests can see them.
func (e *env) client(tb testing.TB) *http.Client {
	tb.Helper()
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// MustLogin signs the client in through the login form.
func (e *env) MustLogin(tb testing.TB, c *http.Client, username string) {
	tb.Helper()
	res, err := c.PostForm(e.srv.URL+"/login", url.Values{"username": {username}, "password": {httpxtest.Password}})
	if err != nil {
		tb.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		tb.Fatalf("login as %s: status %d", username, res.StatusCode)
	}
}

// MustGet fetches a page and returns its status and body.
func MustGet(tb testing.TB, c *http.Client, u string) (int, string) {
	tb.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	req.Header.Set("Accept", "text/html")
	res, err := c.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return res.StatusCode, string(b)
}

// mustContain fails unless body contains every string.
func mustContain(tb testing.TB, body string, want ...string) {
	tb.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			tb.Errorf("page lacks %q", w)
		}
	}
}

func TestHomeShowsRealFigures(t *testing.T) {
	e := newEnv(t, httpxtest.SamplePatents()...)
	status, body := MustGet(t, e.client(t), e.srv.URL+"/")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	mustContain(t, body, `id="home-total">3<`, "大专院校", `href="/patents?owner_type=university"`, "专利检索")
	if strings.Contains(body, "数据导入") {
		t.Errorf("anonymous visitors see the admin-only import link")
	}
}

func TestNavigationHasNoFakePages(t *testing.T) {
	e := newEnv(t)
	_, body := MustGet(t, e.client(t), e.srv.URL+"/")
	for _, label := range []string{"沉睡专利库", "技术需求", "开放许可", "转化交易", "公共账本"} {
		mustContain(t, body, `<span class="disabled" title="建设中" aria-disabled="true">`+label+`</span>`)
	}
	// 质押融资 is built: it is the officials' item (TestLoanPagesAreTheOfficials'),
	// never a greyed-out promise.
	if strings.Contains(body, "质押融资") {
		t.Errorf("the visitor's navigation shows 质押融资")
	}
	mustContain(t, body, "专利库中还没有数据")
}

func TestErrorPagesAreChinese(t *testing.T) {
	e := newEnv(t, httpxtest.SamplePatents()...)
	c := e.client(t)
	tests := []struct {
		path   string
		status int
		want   string
	}{
		{"/no/such/page", 404, "页面不存在"},
		{"/patents/201910512345.8", 404, "未找到申请号为 201910512345.8 的专利"},
		{"/patents/202223220665.3", 400, "校验位错误：应为 2"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			status, body := MustGet(t, c, e.srv.URL+tt.path)
			if status != tt.status {
				t.Errorf("status %d, want %d", status, tt.status)
			}
			mustContain(t, body, tt.want, `lang="zh-CN"`)
		})
	}
}

func TestStaticFilesAreServed(t *testing.T) {
	e := newEnv(t)
	for _, p := range []string{"/static/style.css", "/static/job.js"} {
		if status, body := MustGet(t, e.client(t), e.srv.URL+p); status != 200 || len(body) < 100 {
			t.Errorf("%s: status %d, %d bytes", p, status, len(body))
		}
	}
}

// testNow is the clock of the page and API tests (deadlines, publication years).
var testNow = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

var ticks atomic.Int64

// clock starts at testNow and moves a millisecond forward at each reading, so
// that successive acts get distinct, ordered times.
func clock() time.Time { return testNow.Add(time.Duration(ticks.Add(1)) * time.Millisecond) }
