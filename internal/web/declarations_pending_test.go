package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"patentbridge/internal/httpx/httpxtest"
)

// A declaration changes the patent's result only at the next run: the patent
// page says so, and the admin's screening page counts the declarations waiting
// and offers to run now; a run clears both.
func TestDeclarationsWaitForTheNextRun(t *testing.T) {
	e := newScreenEnv(t, true)
	admin, ioe := e.client(t, "admin"), e.client(t, "ioe")
	_, body := MustGet(t, ioe, e.srv.URL+"/patents/"+sleepingApp)
	mustContain(t, body, `max="2026-11-27"`)
	if strings.Contains(body, `id="declaration-pending"`) {
		t.Fatal("the pending note shows before any declaration")
	}
	_, body = MustGet(t, admin, e.srv.URL+"/admin/screening")
	if strings.Contains(body, `id="pending-declarations"`) {
		t.Fatal("the screening page counts declarations before any")
	}

	status, _, _ := MustPost(t, ioe, e.srv.URL+"/patents/"+sleepingApp+"/declarations",
		url.Values{"kind": {"implemented"}, "how": {"许可"}, "since": {"2024-03-01"}})
	if status != 303 {
		t.Fatalf("declare: status %d", status)
	}
	for _, c := range []struct {
		who  string
		body string
	}{{"the institution", mustGetBody(t, ioe, e.srv.URL+"/patents/"+sleepingApp)},
		{"the public", mustGetBody(t, e.client(t, ""), e.srv.URL+"/patents/"+sleepingApp)}} {
		if !strings.Contains(c.body, `id="declaration-pending"`) || !strings.Contains(c.body, "已登记声明，将在下次筛查后生效：上方结果来自 2026-11-27 批次") {
			t.Errorf("%s sees no note that the declaration waits for the next run", c.who)
		}
	}
	_, body = MustGet(t, admin, e.srv.URL+"/admin/screening")
	mustContain(t, body, `id="pending-declarations"`, `id="pending-declarations-count">1<`, "2026-11-27 批次）之后",
		`<form method="post" action="/admin/screening" class="inline"><input type="hidden" name="as_of" value="2026-11-27"><button type="submit" id="pending-declarations-run">`)

	// the button posts to the start-run path, which queues a run as of today
	status, loc, _ := MustPost(t, admin, e.srv.URL+"/admin/screening", url.Values{"as_of": {"2026-11-27"}})
	if status != 303 || !strings.HasPrefix(loc, "/admin/screening") {
		t.Fatalf("start from the pending note: status %d, location %q", status, loc)
	}
	waitFor(t, func() bool {
		body := mustGetBody(t, admin, e.srv.URL+"/admin/screening")
		return strings.Contains(body, `<a href="/sleeping?run_id=2">2</a>`) && !strings.Contains(body, "screening-running")
	})
	if body := mustGetBody(t, admin, e.srv.URL+"/admin/screening"); strings.Contains(body, `id="pending-declarations"`) {
		t.Error("declarations still counted as waiting after a run")
	}
	_, body = MustGet(t, ioe, e.srv.URL+"/patents/"+sleepingApp)
	if strings.Contains(body, `id="declaration-pending"`) {
		t.Error("the patent page still says the declaration waits after a run")
	}

	// revoking is a change the latest run has not seen either
	d := e.declarations(t)
	status, _, _ = MustPost(t, ioe, e.srv.URL+"/patents/"+sleepingApp+"/declarations/"+itoa(d[0].ID)+"/revoke", nil)
	if status != 303 {
		t.Fatalf("revoke: status %d", status)
	}
	mustContain(t, mustGetBody(t, ioe, e.srv.URL+"/patents/"+sleepingApp), `id="declaration-pending"`)
	mustContain(t, mustGetBody(t, admin, e.srv.URL+"/admin/screening"), `id="pending-declarations-count">1<`)
	httpxtest.MustScreen(t, e.users.DB, testNow)
	if strings.Contains(mustGetBody(t, admin, e.srv.URL+"/admin/screening"), `id="pending-declarations"`) {
		t.Error("a revocation still waits after a run")
	}
}

// mustGetBody returns the body of a GET that must succeed.
func mustGetBody(tb testing.TB, c *http.Client, u string) string {
	tb.Helper()
	status, body := MustGet(tb, c, u)
	if status != 200 {
		tb.Fatalf("GET %s: status %d", u, status)
	}
	return body
}
