package main

import (
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb/sqldbtest"
)

// ownedBy tells which process an owner id ("host/pid/nonce") names.
func ownedBy(owner string, ps ...*proc) *proc {
	parts := strings.Split(owner, "/")
	if len(parts) != 3 {
		return nil
	}
	pid, _ := strconv.Atoi(parts[1])
	for _, p := range ps {
		if p.cmd.Process.Pid == pid {
			return p
		}
	}
	return nil
}

// auditActions returns the actions of object's audit rows, oldest first.
func (c apiClient) auditActions(tb testing.TB, object string) []string {
	tb.Helper()
	var page struct{ Items []struct{ Action string } }
	if status := c.call(tb, "GET", "/api/v1/audit?limit=100&object="+url.QueryEscape(object), nil, "", &page); status != 200 {
		tb.Fatalf("audit of %s: %d", object, status)
	}
	var out []string
	for i := len(page.Items) - 1; i >= 0; i-- {
		out = append(out, page.Items[i].Action)
	}
	return out
}

// TestTwoServersOnOnePostgres runs two serve processes, each with its own
// search index and port, on one PostgreSQL schema and one jobs directory (the
// multi-process layout of the README): a session made on one works on the
// other, a patent imported through one is found by the other's search within
// seconds, every job is claimed and run by exactly one of them, and when the
// process running an import is killed the other takes the job over after its
// lease runs out and completes it.
func TestTwoServersOnOnePostgres(t *testing.T) {
	dsn := sqldbtest.PostgresDSN(t)
	dir := t.TempDir()
	jobsDir := filepath.Join(dir, "jobs")
	args := func(name string) []string {
		return []string{"--db", dsn, "--index", filepath.Join(dir, "index-"+name), "--jobs-dir", jobsDir,
			"--job-lease", "2s", "--job-retries", "1"}
	}
	a, b := startServeAsync(t, adminEnv, args("a")...), startServeAsync(t, adminEnv, args("b")...) // both at once on an empty database
	a.waitListening(t)
	b.waitListening(t)
	ca := apiClient{base: a.URL}.login(t, "admin", testAdminPassword)
	cb := apiClient{base: b.URL, token: ca.token}

	t.Run("a session made on one works on the other", func(t *testing.T) {
		var me struct{ Username string }
		if status := cb.call(t, "GET", "/api/v1/me", nil, "", &me); status != 200 || me.Username != "admin" {
			t.Errorf("A's API token on B: %d %+v", status, me)
		}
		browser := apiClient{base: a.URL}.browserLogin(t, "admin", testAdminPassword)
		onB := apiClient{base: b.URL, session: browser.session}
		if status, body := onB.page(t, "/admin/import", nil); status != 200 || !strings.Contains(body, `id="import-file"`) {
			t.Errorf("A's browser session on B's import page: %d", status)
		}
		other := apiClient{base: a.URL}.login(t, "admin", testAdminPassword)
		if status := other.call(t, "POST", "/api/v1/auth/logout", nil, "", nil); status != http.StatusNoContent {
			t.Fatalf("logout on A: %d", status)
		}
		if status := (apiClient{base: b.URL, token: other.token}).call(t, "GET", "/api/v1/me", nil, "", nil); status != http.StatusUnauthorized {
			t.Errorf("a token revoked on A still works on B: %d", status)
		}
	})

	t.Run("a patent imported through one is found by the other's search within seconds", func(t *testing.T) {
		j := ca.upload(t, MustGen(t, dir, 200, "51"), "川大.csv")
		if done := ca.waitJob(t, j.ID, 60*time.Second, func(j apiJob) bool { return j.Status == patentbridge.JobDone }); done.Summary.Inserted == 0 {
			t.Fatalf("import through A: %+v", done)
		}
		var one apiList
		ca.call(t, "GET", "/api/v1/patents?limit=1&kind=invention", nil, "", &one)
		title := []rune(one.Items[0].Title)
		word := string(title[len(title)-4:])
		imported := time.Now()
		for {
			var res struct{ Items []apiPatent }
			cb.call(t, "GET", "/api/v1/patents/search?limit=50&q="+url.QueryEscape(word), nil, "", &res)
			if slices.ContainsFunc(res.Items, func(p apiPatent) bool { return p.AppNo == one.Items[0].AppNo }) {
				break
			}
			if time.Since(imported) > 20*time.Second {
				t.Fatalf("B's search did not find %s (%q) within 20 s of its import through A", one.Items[0].AppNo, word)
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Logf("found on B %s after the import through A finished", time.Since(imported).Round(10*time.Millisecond))
	})

	t.Run("every job is claimed and run by exactly one process", func(t *testing.T) {
		var jobs []apiJob
		for i := range 6 {
			c := ca
			if i%2 == 1 {
				c = cb
			}
			jobs = append(jobs, c.upload(t, MustGen(t, dir, 300, "6"+strconv.Itoa(i)), fmt.Sprintf("批次%d.csv", i)))
		}
		owners := map[*proc]int{}
		for _, j := range jobs {
			done := ca.waitJob(t, j.ID, 120*time.Second, func(j apiJob) bool { return j.Status == patentbridge.JobDone || j.Status == patentbridge.JobFailed })
			s := done.Summary
			if done.Status != patentbridge.JobDone || done.Attempts != 1 || s.Inserted+s.Rejected != 300 || s.Unchanged+s.Updated != 0 {
				t.Errorf("job %d: %+v; want one claim that inserted every row", j.ID, done)
			}
			p := ownedBy(done.Owner, a, b)
			if p == nil {
				t.Errorf("job %d owned by %q, neither process", j.ID, done.Owner)
			}
			owners[p]++
			if got := ca.auditActions(t, fmt.Sprintf("import_job:%d", j.ID)); !slices.Equal(got, []string{"import.start", "import.finish"}) {
				t.Errorf("audit of job %d: %v", j.ID, got)
			}
		}
		t.Logf("jobs run by A: %d, by B: %d", owners[a], owners[b])

		browser := apiClient{base: b.URL}.browserLogin(t, "admin", testAdminPassword)
		if status, _ := browser.page(t, "/admin/screening", url.Values{"as_of": {"2026-06-30"}}); status != http.StatusSeeOther {
			t.Fatalf("start a screening on B: %d", status)
		}
		for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			runs := ca.runs(t)
			if len(runs) == 1 && runs[0].Status == patentbridge.JobDone {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the screening did not finish: %+v", runs)
			}
		}
		if got := ca.auditActions(t, "screening_run:1"); !slices.Equal(got, []string{"screening.start", "screening.run"}) {
			t.Errorf("audit of the screening run: %v; want one start and one finish", got)
		}
	})

	t.Run("a process killed mid-job leaves the job to the other", func(t *testing.T) {
		j := ca.upload(t, MustGen(t, dir, 20000, "71"), "大批量.csv")
		running := ca.waitJob(t, j.ID, 60*time.Second, func(j apiJob) bool { return j.Status != patentbridge.JobQueued && j.Summary.Read > 0 })
		victim := ownedBy(running.Owner, a, b)
		if running.Status != patentbridge.JobRunning || victim == nil {
			t.Fatalf("job before the kill: %+v", running)
		}
		survivor, c := b, cb
		if victim == b {
			survivor, c = a, ca
		}
		victim.kill9(t)
		killed := time.Now()
		done := c.waitJob(t, j.ID, 120*time.Second, func(j apiJob) bool { return j.Status == patentbridge.JobDone || j.Status == patentbridge.JobFailed })
		s := done.Summary
		if done.Status != patentbridge.JobDone || ownedBy(done.Owner, survivor) != survivor || done.Attempts != 2 ||
			s.Read != 20000 || s.Unchanged == 0 || s.Inserted+s.Unchanged+s.Rejected != 20000 {
			t.Errorf("after the kill: %+v; want the survivor to complete it, the victim's rows unchanged", done)
		}
		t.Logf("taken over and completed %s after the kill", time.Since(killed).Round(10*time.Millisecond))
		if got := c.auditActions(t, fmt.Sprintf("import_job:%d", j.ID)); !slices.Equal(got, []string{"import.start", "import.interrupt", "import.takeover", "import.finish"}) {
			t.Errorf("audit of the taken-over job: %v", got)
		}
		waitNoUploads(t, jobsDir)
	})
}
