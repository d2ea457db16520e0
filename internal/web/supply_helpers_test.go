package web_test

import (
	"context"
	"fmt"
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

// supplyEnv is the UI over one real SQLite store: the sample patents and a
// Mianyang university's patent screened by the real rules, the real supply-list
// service and the accounts of every role that matters here.
type supplyEnv struct {
	srv *httptest.Server
	db  *sqldb.DB
}

// mianyangPatent is a second sleeping patent, held by a university in Mianyang
// (5107), so that city scope can be tested; screened with the sample patents it
// is the one of grade A.
func mianyangPatent() *patentbridge.Patent {
	return &patentbridge.Patent{
		AppNo: "2019107654328", Kind: patentbridge.KindInvention, Title: "一种核废料玻璃固化体及其制备方法",
		AppDate: time.Date(2019, 8, 2, 0, 0, 0, 0, time.UTC), GrantDate: time.Date(2021, 9, 14, 0, 0, 0, 0, time.UTC),
		Status: patentbridge.StatusInForce, StatusText: "有权-审定授权",
		MainIPC: "G21F9/16", IPC: []string{"G21F9/16", "C03C3/097"}, RegionCode: "510703", ClaimsCount: 10,
		Applicants: []patentbridge.Party{{Name: "西南科技大学", Type: patentbridge.PartyUniversity}},
		Patentees:  []patentbridge.Party{{Name: "西南科技大学", Type: patentbridge.PartyUniversity}},
		Inventors:  []string{"赵明", "孙丽", "钱进"}, FamilySize: 3, ForwardCitations: 9,
	}
}

func newSupplyEnv(tb testing.TB) *supplyEnv {
	tb.Helper()
	db := sqldbtest.SQLite(tb)
	db.Now = clock
	httpxtest.MustScreen(tb, db, testNow, append(httpxtest.SamplePatents(), mianyangPatent())...)
	users := &httpxtest.UserService{DB: db}
	users.MustUser(tb, "admin", patentbridge.RoleAdmin)
	users.MustUser(tb, "firm", patentbridge.RoleEnterprise)
	users.MustUser(tb, "chengdu", patentbridge.RoleCity, "5101")
	users.MustUser(tb, "mianyang", patentbridge.RoleCity, "5107")
	w, err := web.New(web.Deps{Now: clock, Patents: db, Users: users, Ref: refdata.Default(), Logger: quiet,
		Sleeping: db, Supply: db})
	if err != nil {
		tb.Fatal(err)
	}
	return &supplyEnv{srv: MustServe(tb, w, users), db: db}
}

// client returns a non-redirecting browser client, signed in unless username is "".
func (e *supplyEnv) client(tb testing.TB, username string) *http.Client {
	return MustClient(tb, e.srv, username)
}

// post submits a form and returns the status, the redirect target and the body.
func (e *supplyEnv) post(tb testing.TB, c *http.Client, path string, form url.Values) (int, string, string) {
	tb.Helper()
	res, err := c.PostForm(e.srv.URL+path, form)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(b)
}

// MustCreateList builds a draft through the form and returns its id.
func (e *supplyEnv) MustCreateList(tb testing.TB, c *http.Client, form url.Values) int64 {
	tb.Helper()
	status, loc, body := e.post(tb, c, "/admin/supply/new", form)
	var id int64
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/supply/") {
		tb.Fatalf("create list: status %d, location %q\n%s", status, loc, body)
	}
	fmt.Sscanf(loc, "/admin/supply/%d/edit", &id)
	return id
}

// MustPublish publishes a list and returns the page it leads to.
func (e *supplyEnv) MustPublish(tb testing.TB, c *http.Client, id int64) string {
	tb.Helper()
	status, loc, body := e.post(tb, c, fmt.Sprintf("/admin/supply/%d/publish", id), url.Values{"confirm": {"yes"}})
	if status != http.StatusSeeOther {
		tb.Fatalf("publish %d: status %d\n%s", id, status, body)
	}
	_, page := MustGet(tb, c, e.srv.URL+loc)
	return page
}

// auditAfter returns the after JSON of the latest audit row of action on
// object in the store, failing the test when there is none.
func (e *supplyEnv) auditAfter(tb testing.TB, action, object string) string {
	tb.Helper()
	admin := &patentbridge.User{ID: 1, Username: "admin", Role: patentbridge.RoleAdmin}
	entries, _, err := e.db.ListAudit(patentbridge.WithUser(context.Background(), admin),
		patentbridge.AuditFilter{Action: action, Object: object})
	if err != nil {
		tb.Fatal(err)
	}
	if len(entries) == 0 {
		tb.Fatalf("no audit row %s %s", action, object)
	}
	return string(entries[0].After)
}
