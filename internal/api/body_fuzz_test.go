package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"patentbridge"
	"patentbridge/internal/api"
	"patentbridge/internal/httpx"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/ingest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/search"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// writeRoute is one write endpoint of the API, with the account that calls it.
type writeRoute struct {
	method, path, as, contentType string
}

// writeRoutes are the endpoints FuzzWriteAPI sends bodies to; the fuzzer picks
// one by index. Paths name the objects fuzzEnv creates; the acting accounts
// are chosen so that the fuzzer cannot lock itself out (no logout, and the
// account whose password or role it changes is a victim, not the admin).
var writeRoutes = []writeRoute{
	{"POST", "/api/v1/demands", "firm", "application/json"},
	{"POST", "/api/v1/demands/{demand}/moderate", "admin", "application/json"},
	{"POST", "/api/v1/demands/{demand}/feedback", "firm", "application/json"},
	{"POST", "/api/v1/patents/2022232206652/declarations", "admin", "application/json"},
	{"POST", "/api/v1/patents/2022232206652/ratings", "firm", "application/json"},
	{"POST", "/api/v1/supply-lists", "admin", "application/json"},
	{"POST", "/api/v1/supply-lists/{list}/withdraw", "admin", "application/json"},
	{"POST", "/api/v1/match", "", "application/json"},
	{"POST", "/api/v1/classify", "", "application/json"},
	{"POST", "/api/v1/auth/login", "", "application/json"},
	{"POST", "/api/v1/me/password", "victim", "application/json"},
	{"POST", "/api/v1/me/tokens", "admin", "application/json"},
	{"POST", "/api/v1/users", "admin", "application/json"},
	{"PATCH", "/api/v1/users/{victim}", "admin", "application/json"},
	{"POST", "/api/v1/users/{victim}/password", "admin", "application/json"},
	{"POST", "/api/v1/organizations/{org}/merge", "admin", "application/json"},
	{"POST", "/api/v1/imports?filename=export.csv", "admin", "text/csv"},
	{"POST", "/api/v1/imports", "admin", "multipart/form-data; boundary=FUZZ"},
}

// fuzzEnv is the API with every write service over one real SQLite store (the
// sample patents screened as of testNow, a demand, a published supply list, the
// real search and import runner), behind the real middleware.
type fuzzEnv struct {
	handler http.Handler
	db      *sqldb.DB
	runner  *ingest.JobRunner
	tokens  map[string]string
	ids     *strings.Replacer // {demand}, {list}, {victim}, {org} in writeRoutes' paths
}

func newFuzzEnv(tb testing.TB) *fuzzEnv {
	tb.Helper()
	db := sqldbtest.SQLite(tb)
	db.Now = clock
	users := &httpxtest.UserService{DB: db}
	e := &fuzzEnv{db: db, tokens: map[string]string{}}
	_, e.tokens["admin"] = users.MustUser(tb, "admin", patentbridge.RoleAdmin)
	_, e.tokens["firm"] = users.MustUser(tb, "firm", patentbridge.RoleEnterprise, "成都钠电新能源有限公司")
	victim, tok := users.MustUser(tb, "victim", patentbridge.RoleInstitution, "四川大学")
	e.tokens["victim"] = tok
	httpxtest.MustScreen(tb, db, testNow, httpxtest.SamplePatents()...)
	org := users.MustOrganization(tb, "西南科技大学", patentbridge.RoleInstitution)
	e.runner = httpxtest.MustJobRunner(tb, db)
	matcher := mustSmallSearch(tb, db)
	db.Matcher = matcher
	srv := api.New(api.Deps{Now: clock, Logger: quiet, Ref: refdata.Default(), UploadDir: tb.TempDir(),
		Patents: db, Jobs: db, Runner: e.runner, Users: db, AuditLog: db, Organizations: db,
		Demands: db, Feedback: db, Search: matcher, Enterprises: db,
		Screening: httpxtest.Screening{DB: db}, Sleeping: db, Declarations: db, Supply: db})
	h, err := httpx.Stack(srv, httpx.StackOptions{Users: db, Logger: quiet})
	if err != nil {
		tb.Fatal(err)
	}
	e.handler = h
	demand := e.mustCreate(tb, "POST", "/api/v1/demands", "firm", demandBody("钠离子电池正极材料", "510107"))
	list := e.mustCreate(tb, "POST", "/api/v1/supply-lists", "admin", `{"title":"全省沉睡专利","grade":"C"}`)
	if status, body := e.send("POST", fmt.Sprintf("/api/v1/supply-lists/%d/publish", list), "admin", "application/json", []byte(`{"confirm":true}`)); status != 200 {
		tb.Fatalf("publish: %d %s", status, body)
	}
	e.ids = strings.NewReplacer("{demand}", fmt.Sprint(demand), "{list}", fmt.Sprint(list),
		"{victim}", fmt.Sprint(victim.ID), "{org}", fmt.Sprint(org.ID))
	return e
}

// mustSmallSearch is httpxtest.MustSearch with a fixed IPC router in place of
// the product's model, whose training (about 7 s of CPU, whatever the number of
// titles) would otherwise take the whole of a short fuzzing run in every
// process; the handlers, the matcher and the index are the real ones.
func mustSmallSearch(tb testing.TB, db *sqldb.DB) *search.Service {
	tb.Helper()
	ix, err := search.OpenIndex("")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	ref := refdata.Default()
	indexer := search.NewIndexer(ix, db, ref, quiet)
	if err := indexer.Sync(context.Background()); err != nil {
		tb.Fatalf("index the store: %v", err)
	}
	matcher := search.NewMatcher(ix, fixedRouter{}, search.MatcherOptions{Ref: ref})
	return &search.Service{Searcher: search.NewSearcher(ix, db), Indexer: indexer,
		Matcher: search.StoreMatcher{Matcher: matcher, Store: db}, Router: fixedRouter{}}
}

// fixedRouter predicts the same subclasses for every text.
type fixedRouter struct{}

func (fixedRouter) Predict(text string, k int) []patentbridge.IPCPrediction {
	p := []patentbridge.IPCPrediction{{Subclass: "H01M", Title: "用于直接转变化学能为电能的方法或装置", Score: 0.6},
		{Subclass: "B32B", Title: "层状产品", Score: 0.3}}
	return p[:max(0, min(k, len(p)))]
}

func (fixedRouter) Industries(text string, p []patentbridge.IPCPrediction) []string {
	return []string{"5+1：先进材料"}
}

func (r fixedRouter) Classify(_ context.Context, text string, limit int) ([]patentbridge.IPCPrediction, []string, error) {
	if limit <= 0 {
		limit = 5
	}
	p := r.Predict(text, limit)
	return p, r.Industries(text, p), nil
}

// send serves one request and returns the status and body.
func (e *fuzzEnv) send(method, path, as, contentType string, body []byte) (int, []byte) {
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	if tok := e.tokens[as]; tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, req)
	return rec.Code, rec.Body.Bytes()
}

func (e *fuzzEnv) mustCreate(tb testing.TB, method, path, as, body string) int64 {
	tb.Helper()
	status, b := e.send(method, path, as, "application/json", []byte(body))
	var m struct{ ID int64 }
	if status != http.StatusCreated || json.Unmarshal(b, &m) != nil {
		tb.Fatalf("%s %s: %d %s", method, path, status, b)
	}
	return m.ID
}

// FuzzWriteAPI sends any body to a write endpoint (decodeBody and the handlers
// of demands, declarations, ratings, supply lists, matching, accounts,
// organizations and imports) through the real middleware, and checks: no panic,
// no 5xx, a JSON answer, errors with a Chinese message free of the decoder's
// English; an accepted import finishes without an internal error.
func FuzzWriteAPI(f *testing.F) {
	f.Add(uint8(0), []byte(demandBody("钠离子电池正极材料", "510107")))
	f.Add(uint8(16), []byte("申请号,专利名称\nCN202223220665.2,一种胶膜平整机构\n"))
	e := newFuzzEnv(f) // one store for every input: state piles up as in a running server
	f.Fuzz(func(t *testing.T, route uint8, body []byte) {
		rt := writeRoutes[int(route)%len(writeRoutes)]
		path := e.ids.Replace(rt.path)
		status, out := e.send(rt.method, path, rt.as, rt.contentType, body)
		where := fmt.Sprintf("%s %s %.200q", rt.method, path, body)
		if status >= 500 {
			t.Fatalf("%s: %d %s", where, status, out)
		}
		if status == http.StatusNoContent {
			return
		}
		var m map[string]any
		if err := json.Unmarshal(out, &m); err != nil {
			t.Fatalf("%s: %d, answer is not a JSON object: %.200q", where, status, out)
		}
		if status >= 400 {
			mustChineseAPIError(t, where, m)
			return
		}
		if id, ok := m["id"].(float64); ok && strings.HasPrefix(path, "/api/v1/imports") {
			e.mustFinishImport(t, where, int64(id))
		}
	})
}

// mustChineseAPIError checks the {"error":{"code","message"}} of a 4xx answer.
func mustChineseAPIError(t *testing.T, where string, m map[string]any) {
	t.Helper()
	e, _ := m["error"].(map[string]any)
	msg, _ := e["message"].(string)
	code, _ := e["code"].(string)
	if code == "" || code == patentbridge.EINTERNAL || !utf8.ValidString(msg) || !strings.ContainsFunc(msg, isHan) || strings.Contains(msg, "json:") {
		t.Fatalf("%s: error %v, want a code and a Chinese message", where, m)
	}
}

func isHan(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

// mustFinishImport waits for the import job and checks that it did not fail
// with an internal error (the runner turns a panic into one).
func (e *fuzzEnv) mustFinishImport(t *testing.T, where string, id int64) {
	t.Helper()
	e.runner.Wait()
	admin := patentbridge.WithUser(context.Background(), &patentbridge.User{ID: 1, Username: "admin", Role: patentbridge.RoleAdmin})
	j, err := e.db.FindImportJob(admin, id)
	if err != nil {
		t.Fatalf("%s: job %d: %v", where, id, err)
	}
	if j.Status != patentbridge.JobDone && (j.Status != patentbridge.JobFailed || !strings.ContainsFunc(j.Error, isHan) ||
		j.Error == patentbridge.ErrorMessage(fmt.Errorf("internal"))) {
		t.Fatalf("%s: job %d ended %s: %q", where, id, j.Status, j.Error)
	}
}
