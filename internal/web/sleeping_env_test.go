package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/refdata"
	"patentbridge/internal/web"
)

// screenEnv is the web UI with the sleeping-patent services over one real store:
// the sample patents (owners linked, which keeps declarations and ratings),
// screened by the real rules as of testNow when asked (extra patents are stored
// after the run), an institute user owning
// the utility model, a university user owning nothing of it, an enterprise and
// an admin.
type screenEnv struct {
	srv       *httptest.Server
	patents   *httpxtest.Recorder // the real store, recording list filters
	users     *httpxtest.UserService
	screening *httpxtest.Screening
	stored    []*patentbridge.Patent
}

const (
	instituteOrg = "中国科学院光电技术研究所"
	sleepingApp  = "2022232206652" // the institute's utility model, sleeping, grade C
	excludedApp  = "2021108432658" // 四川大学's invention, transferred in 2024
)

func newScreenEnv(tb testing.TB, withRun bool, extra ...*patentbridge.Patent) *screenEnv {
	tb.Helper()
	e := &screenEnv{users: httpxtest.NewUserService(tb)}
	e.patents = &httpxtest.Recorder{DB: e.users.DB}
	e.screening = &httpxtest.Screening{DB: e.users.DB}
	e.stored = append(httpxtest.SamplePatents(), extra...)
	samples := e.stored[:len(e.stored)-len(extra)]
	e.users.MustUser(tb, "admin", patentbridge.RoleAdmin)
	e.users.MustUser(tb, "firm", patentbridge.RoleEnterprise)
	e.users.MustUser(tb, "ioe", patentbridge.RoleInstitution, "中国科学院光电技术研究所 ") // normalized by the registry
	e.users.MustUser(tb, "scu", patentbridge.RoleInstitution, "四川大学")
	e.users.MustStorePatents(tb, samples...)
	if withRun {
		httpxtest.MustScreen(tb, e.users.DB, testNow)
	}
	if len(extra) > 0 {
		e.users.MustStorePatents(tb, extra...) // stored after the run: not screened
	}
	w, err := web.New(web.Deps{Now: clock,
		Patents: e.patents, Users: e.users, Ref: refdata.Default(), Logger: quiet,
		Screening: e.screening, Sleeping: e.patents, Declarations: e.users,
	})
	if err != nil {
		tb.Fatal(err)
	}
	e.srv = MustServe(tb, w, e.users)
	return e
}

// Audits returns the recorded audit lines (of the acts not yet audited by the
// store) followed by the store's.
func (e *screenEnv) Audits(tb testing.TB) []string {
	return httpxtest.MustAuditLines(tb, e.users.DB)
}

// declarations returns the stored declarations, oldest first.
func (e *screenEnv) declarations(tb testing.TB) []*patentbridge.Declaration {
	return e.users.MustDeclarations(tb, e.stored...)
}

// client returns a non-redirecting browser client, signed in unless username is "".
func (e *screenEnv) client(tb testing.TB, username string) *http.Client {
	return MustClient(tb, e.srv, username)
}

// MustPost posts a form and returns the status, the Location header and the body.
func MustPost(tb testing.TB, c *http.Client, u string, form url.Values) (int, string, string) {
	tb.Helper()
	res, err := c.PostForm(u, form)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	var b []byte
	b = make([]byte, 0, 4096)
	buf := make([]byte, 4096)
	for {
		n, err := res.Body.Read(buf)
		b = append(b, buf[:n]...)
		if err != nil {
			break
		}
	}
	return res.StatusCode, res.Header.Get("Location"), string(b)
}
