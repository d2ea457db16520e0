package api_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/ingest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/sqldb"
)

// quiet discards the request logs of tests.
var quiet = slog.New(slog.DiscardHandler)

// env is an API served through the full middleware stack over one real SQLite
// store holding the accounts, the sample patents and the import jobs.
type env struct {
	handler    http.Handler
	patents    *httpxtest.Recorder // the real store, recording list filters
	users      *httpxtest.UserService
	jobs       *sqldb.DB         // the real store of the accounts and import jobs
	runner     *ingest.JobRunner // the real import runner over the store
	adminToken string
	userToken  string
}

func newEnv(tb testing.TB) *env {
	tb.Helper()
	e := &env{users: httpxtest.NewUserService(tb)}
	e.jobs = e.users.DB
	e.patents = &httpxtest.Recorder{DB: e.users.DB}
	e.users.MustStorePatents(tb, httpxtest.SamplePatents()...)
	e.runner = httpxtest.MustJobRunner(tb, e.jobs)
	_, e.adminToken = e.users.MustUser(tb, "admin", patentbridge.RoleAdmin)
	_, e.userToken = e.users.MustUser(tb, "firm", patentbridge.RoleEnterprise)
	srv := api.New(api.Deps{Now: clock,
		Patents: e.patents, Jobs: e.jobs, Runner: e.runner, Ref: refdata.Default(),
		UploadDir: tb.TempDir(), Logger: quiet,
	})
	h, err := httpx.Stack(srv, httpx.StackOptions{Users: e.users, Logger: quiet})
	if err != nil {
		tb.Fatal(err)
	}
	e.handler = h
	return e
}

// do sends a request with an optional bearer token and returns the response.
func (e *env) do(tb testing.TB, method, target, token string, body io.Reader, header map[string]string) *http.Response {
	tb.Helper()
	req := httptest.NewRequest(method, target, body)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, req)
	return rec.Result()
}

// MustJSON decodes a response body into a generic map, failing on bad JSON.
func MustJSON(tb testing.TB, res *http.Response) map[string]any {
	tb.Helper()
	defer res.Body.Close()
	var m map[string]any
	if err := json.NewDecoder(res.Body).Decode(&m); err != nil {
		tb.Fatalf("response is not JSON: %v", err)
	}
	return m
}

// errorOf returns the "error" object of an error response.
func errorOf(tb testing.TB, m map[string]any) map[string]any {
	tb.Helper()
	e, ok := m["error"].(map[string]any)
	if !ok {
		tb.Fatalf("no error object in %v", m)
	}
	return e
}

func TestHealthz(t *testing.T) {
	e := newEnv(t)
	res := e.do(t, "GET", "/healthz", "", nil, nil)
	m := MustJSON(t, res)
	if res.StatusCode != 200 || m["status"] != "ok" || m["patents"] != float64(3) {
		t.Fatalf("healthz = %d %v", res.StatusCode, m)
	}
}

func TestUnknownAPIPathIsJSON404(t *testing.T) {
	e := newEnv(t)
	res := e.do(t, "GET", "/api/v1/nothing-here", "", nil, nil)
	if res.StatusCode != 404 || errorOf(t, MustJSON(t, res))["code"] != "ENOTFOUND" {
		t.Fatalf("status %d", res.StatusCode)
	}
}

func TestErrorShape(t *testing.T) {
	e := newEnv(t)
	res := e.do(t, "GET", "/api/v1/patents?ipc=H1M", "", nil, nil)
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("content type %q", ct)
	}
	m := MustJSON(t, res)
	if len(m) != 1 {
		t.Errorf("error body has extra keys: %v", m)
	}
	got := errorOf(t, m)
	if got["code"] != "EINVALID" || got["field"] != "ipc" || !strings.Contains(got["message"].(string), "IPC分类号") {
		t.Errorf("error = %v", got)
	}
}

// testNow is the clock of the page and API tests (deadlines, publication years).
var testNow = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

var ticks atomic.Int64

// clock starts at testNow and moves a millisecond forward at each reading, so
// that successive acts get distinct, ordered times.
func clock() time.Time { return testNow.Add(time.Duration(ticks.Add(1)) * time.Millisecond) }
