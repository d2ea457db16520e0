package web_test

import (
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
	"patentbridge/internal/web"
)

// supplyEnv is the UI with a screening run, its sleeping patents and an
// in-memory supply-list store, and users of every role that matters here.
type supplyEnv struct {
	srv    *httptest.Server
	supply *httpxtest.SupplyListService

	audits httpxtest.AuditLog
}

// mianyangPatent is a second sleeping patent, of grade A, held by a university
// in Mianyang (5107), so that city scope can be tested.
func mianyangPatent() (*patentbridge.Patent, *patentbridge.ScreeningResult) {
	p := &patentbridge.Patent{
		AppNo: "2019107654328", Kind: patentbridge.KindInvention, Title: "一种核废料玻璃固化体及其制备方法",
		GrantDate: time.Date(2021, 9, 14, 0, 0, 0, 0, time.UTC), Status: patentbridge.StatusInForce,
		MainIPC: "G21F9/16", IPC: []string{"G21F9/16"}, RegionCode: "510703",
		Patentees: []patentbridge.Party{{Name: "西南科技大学", Type: patentbridge.PartyUniversity}},
	}
	r := &patentbridge.ScreeningResult{AppNo: p.AppNo, Sleeping: true, Score: 81.2, Grade: "A",
		Flags: []string{"战略性新兴产业"}, Classes: patentbridge.Classification{SEI: []string{"6.1"}, Sichuan51: []string{"先进材料"}}}
	return p, r
}

func newSupplyEnv(tb testing.TB) *supplyEnv {
	tb.Helper()
	ps := httpxtest.SamplePatents()
	mp, mr := mianyangPatent()
	patents := httpxtest.NewPatentService(append(ps, mp)...)
	screening := httpxtest.NewScreeningService()
	run, rs := httpxtest.SampleRun()
	screening.AddRun(run, append(rs, mr)...)
	sleeping := &httpxtest.SleepingService{Screening: screening, Patents: patents}
	users := httpxtest.NewUserService(tb)
	users.MustUser(tb, "admin", patentbridge.RoleAdmin)
	users.MustUser(tb, "firm", patentbridge.RoleEnterprise)
	users.MustUser(tb, "chengdu", patentbridge.RoleCity, "5101")
	users.MustUser(tb, "mianyang", patentbridge.RoleCity, "5107")
	e := &supplyEnv{supply: httpxtest.NewSupplyListService(sleeping)}
	w, err := web.New(web.Deps{Now: clock,
		Patents: patents, Users: users, Ref: refdata.Default(), Logger: quiet,
		Screening: screening, Sleeping: sleeping, Supply: e.supply,
		Audit: e.audits.Record,
	})
	if err != nil {
		tb.Fatal(err)
	}
	e.srv = MustServe(tb, w, users)
	return e
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
	status, loc, body := e.post(tb, c, fmt.Sprintf("/admin/supply/%d/publish", id), nil)
	if status != http.StatusSeeOther {
		tb.Fatalf("publish %d: status %d\n%s", id, status, body)
	}
	_, page := MustGet(tb, c, e.srv.URL+loc)
	return page
}

func (e *supplyEnv) auditLog() string {
	return e.audits.String()
}
