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

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/ingest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/search"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/web"
)

// demandEnv is the UI over one real store (accounts, demands, feedback, the
// enterprise registry and the sample patents screened by the real rules as of
// testNow), the real search service and enterprise ranker over it, the real
// demand and registry readers, and users "admin", "firm" (成都钠电新能源有限公司),
// "other" (an enterprise), "college", "chengdu" (5101) and "mianyang" (5107).
type demandEnv struct {
	srv     *httptest.Server
	demands *sqldb.DB
	match   *httpxtest.MatchRecorder // the real search service, recording match requests
	db      *sqldb.DB                // the real store of everything above
	firmID  int64
}

func newDemandEnv(tb testing.TB) *demandEnv {
	tb.Helper()
	users := httpxtest.NewUserService(tb)
	users.MustUser(tb, "admin", patentbridge.RoleAdmin)
	firm, _ := users.MustUser(tb, "firm", patentbridge.RoleEnterprise, "成都钠电新能源有限公司")
	users.MustUser(tb, "other", patentbridge.RoleEnterprise)
	users.MustUser(tb, "college", patentbridge.RoleInstitution)
	users.MustUser(tb, "chengdu", patentbridge.RoleCity, "5101")
	users.MustUser(tb, "mianyang", patentbridge.RoleCity, "5107")
	users.MustStorePatents(tb, httpxtest.SamplePatents()...)
	httpxtest.MustScreen(tb, users.DB, testNow)
	db := users.DB
	e := &demandEnv{demands: db, db: db, firmID: firm.ID,
		match: &httpxtest.MatchRecorder{SearchService: httpxtest.MustSearch(tb, db)}}
	db.Matcher = e.match.SearchService // feedback only on a demand's matches, as cmd wires it
	w, err := web.New(web.Deps{Now: clock,
		Patents: db, Users: users, Ref: refdata.Default(), Logger: quiet, UploadDir: tb.TempDir(),
		Screening: httpxtest.Screening{DB: db}, Sleeping: db, Supply: db,
		Demands: db, Feedback: db, Messages: db, Search: e.match, ReadDemands: ingest.ReadDemands,
		Enterprises: db, EnterpriseRanker: search.NewEnterpriseRanker(db, refdata.Default()), Push: db,
		ImportEnterprises: func(ctx context.Context, path string, rejects io.Writer) (patentbridge.ImportSummary, error) {
			return ingest.ImportEnterprises(ctx, db, []string{path}, patentbridge.ImportOptions{Rejects: rejects})
		},
	})
	if err != nil {
		tb.Fatal(err)
	}
	e.srv = MustServe(tb, w, users)
	return e
}

// client returns a non-redirecting browser client, signed in unless username is "".
func (e *demandEnv) client(tb testing.TB, username string) *http.Client {
	return MustClient(tb, e.srv, username)
}

// demandForm is a valid posting form for a demand in region.
func demandForm(title, region string) url.Values {
	return url.Values{"title": {title}, "description": {"寻求钠离子电池正极材料的低成本制备技术，要求循环寿命2000次以上。"},
		"industry": {"先进材料"}, "region_code": {region}, "budget_min": {"50"}, "budget_max": {"200"},
		"deadline": {testNow.AddDate(0, 2, 0).Format("2006-01-02")}, "contact": {"王经理 028-85550000"}}
}

// MustPostDemand posts a demand through the form and returns its id.
func (e *demandEnv) MustPostDemand(tb testing.TB, c *http.Client, form url.Values) int64 {
	tb.Helper()
	status, loc, body := MustPost(tb, c, e.srv.URL+"/demands/new", form)
	var id int64
	if status != http.StatusSeeOther {
		tb.Fatalf("post demand: status %d\n%s", status, body)
	}
	fmt.Sscanf(loc, "/demands/%d", &id)
	return id
}

// MustPublish publishes a demand as the admin.
func (e *demandEnv) MustPublish(tb testing.TB, id int64) {
	tb.Helper()
	admin := patentbridge.WithUser(context.Background(), &patentbridge.User{Role: patentbridge.RoleAdmin})
	if err := e.demands.ModerateDemand(admin, id, true, ""); err != nil {
		tb.Fatal(err)
	}
}

func (e *demandEnv) auditLog(tb testing.TB) string {
	return strings.Join(httpxtest.MustAuditLines(tb, e.demands), "\n")
}

// demandFilterPublished selects every published demand.
func demandFilterPublished() patentbridge.DemandFilter {
	return patentbridge.DemandFilter{Status: patentbridge.DemandPublished}
}
