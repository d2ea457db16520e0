package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/config"
)

const testAdminPassword = "admin-secret-1"

// adminEnv is the environment of a child server with the test admin's password.
var adminEnv = map[string]string{"PATENTBRIDGE_ADMIN_PASSWORD": testAdminPassword}

// withJobs configures a test server's jobs: directory, lease and retries.
func withJobs(dir string, lease time.Duration, retries int) func(*config.Config) {
	return func(c *config.Config) { c.Jobs = config.Jobs{Dir: dir, Lease: lease, Retries: retries} }
}

// countRows runs a one-number query on the database behind dsn, read only,
// for what no API shows (a killed run's partial results).
func countRows(tb testing.TB, dsn, query string) int {
	tb.Helper()
	driver, name := "pgx", dsn
	if !strings.HasPrefix(dsn, "postgres") {
		driver, name = "sqlite", "file:"+strings.TrimPrefix(dsn, "sqlite:")+"?mode=ro"
	}
	db, err := sql.Open(driver, name)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return n
}

// uploadsIn lists the kept uploads (folders u-…) of a jobs directory.
func uploadsIn(tb testing.TB, dir string) []string {
	tb.Helper()
	es, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		tb.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if strings.HasPrefix(e.Name(), "u-") {
			out = append(out, e.Name())
		}
	}
	return out
}

// waitNoUploads waits until the jobs directory keeps no upload: the runner
// removes a job's upload right after it records the job's end.
func waitNoUploads(tb testing.TB, dir string) {
	tb.Helper()
	for deadline := time.Now().Add(10 * time.Second); len(uploadsIn(tb, dir)) > 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			tb.Errorf("uploads left after their jobs ended: %v", uploadsIn(tb, dir))
			return
		}
	}
}

// TestKilledUploadImport: a server killed with SIGKILL mid-way through an
// upload import leaves the job 中断 after the restart, with its upload kept in
// the jobs directory; continuing it completes the import without a duplicate,
// and the upload is removed once the job is done.
func TestKilledUploadImport(t *testing.T) {
	for _, dsn := range testDSNs(t) {
		t.Run(dsnLabel(dsn), func(t *testing.T) {
			dir := t.TempDir()
			jobsDir := filepath.Join(dir, "jobs")
			file := MustGen(t, dir, 20000, "31")
			p := startServe(t, adminEnv, "--db", dsn, "--index", filepath.Join(dir, "index-1"), "--jobs-dir", jobsDir, "--job-lease", "2s")
			c := apiClient{base: p.URL}.login(t, "admin", testAdminPassword)
			j := c.upload(t, file, "四川高校专利.csv")
			running := c.waitJob(t, j.ID, 60*time.Second, func(j apiJob) bool {
				return j.Status != patentbridge.JobQueued && j.Summary.Read > 0
			})
			if running.Status != patentbridge.JobRunning {
				t.Fatalf("the import ended before the kill: %+v", running)
			}
			p.kill9(t)
			if kept := uploadsIn(t, jobsDir); len(kept) != 1 {
				t.Fatalf("uploads kept after the kill: %v", kept)
			}

			m := MustOpenMain(t, dsn, 0, withJobs(jobsDir, 2*time.Second, 0))
			mc := apiClient{base: m.URL(), token: MustAdminToken(t, m)}
			got := mc.job(t, j.ID)
			if got.Status != patentbridge.JobInterrupted || !strings.Contains(got.Error, "已停止") || got.Attempts != 1 {
				t.Fatalf("after the restart the job is %+v, want 中断", got)
			}
			browser := apiClient{base: m.URL()}.browserLogin(t, "admin", testAdminPassword)
			_, body := browser.page(t, fmt.Sprintf("/admin/import/%d", j.ID), nil)
			for _, want := range []string{`class="job-interrupted">中断</strong>`, `id="job-resume"`, `id="job-discard"`} {
				if !strings.Contains(body, want) {
					t.Errorf("job page lacks %s", want)
				}
			}
			landed, err := m.DB.CountPatents(context.Background())
			if err != nil || landed == 0 || landed >= 20000 {
				t.Fatalf("%d patents landed before the kill (%v); want some, not all", landed, err)
			}

			if status := mc.call(t, "POST", fmt.Sprintf("/api/v1/imports/%d/resume", j.ID), nil, "", nil); status != http.StatusAccepted {
				t.Fatalf("resume: %d", status)
			}
			done := mc.waitJob(t, j.ID, 120*time.Second, func(j apiJob) bool { return j.Status == patentbridge.JobDone || j.Status == patentbridge.JobFailed })
			total, _ := m.DB.CountPatents(context.Background())
			s := done.Summary
			if done.Status != patentbridge.JobDone || s.Read != 20000 || s.Unchanged != landed || s.Inserted+s.Unchanged+s.Rejected != 20000 ||
				total != s.Inserted+s.Unchanged || done.Attempts != 2 {
				t.Errorf("re-run: %+v, %d patents stored; want the killed run's %d rows unchanged and the rest inserted, once each", done, total, landed)
			}
			waitNoUploads(t, jobsDir)
		})
	}
}

// apiRun is what the tests read of a screening run's JSON.
type apiRun struct {
	ID       int64  `json:"run_id"`
	Status   string `json:"status"`
	Error    string `json:"error"`
	Sleeping int    `json:"sleeping"`
	Finished bool   `json:"finished"`
}

// runs lists the screening runs, newest first.
func (c apiClient) runs(tb testing.TB) []apiRun {
	tb.Helper()
	var out struct{ Items []apiRun }
	if status := c.call(tb, "GET", "/api/v1/screening/runs", nil, "", &out); status != 200 {
		tb.Fatalf("runs: %d", status)
	}
	return out.Items
}

// TestKilledScreeningRun: a screening killed with SIGKILL mid-way is never
// served (the latest finished run keeps answering), shows as 中断 after the
// restart, and its re-run completes it with the same result as a whole run.
func TestKilledScreeningRun(t *testing.T) {
	for _, dsn := range testDSNs(t) {
		t.Run(dsnLabel(dsn), func(t *testing.T) {
			first := mustImportAndScreen(t, dsn, 25000, "32")
			p := startProc(t, nil, "screen", "--db", dsn, "--as-of", "2026-06-30", "--job-lease", "2s")
			for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(10 * time.Millisecond) {
				if countRows(t, dsn, "SELECT COUNT(*) FROM screening_results WHERE run_id = 2") > 0 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatal("the second run wrote no results within 60 s")
				}
			}
			p.kill9(t)
			if n := countRows(t, dsn, "SELECT COUNT(*) FROM screening_runs WHERE id = 2 AND finished_at = ''"); n != 1 {
				t.Fatal("the run finished before the kill")
			}

			m := MustOpenMain(t, dsn, 0, withJobs(filepath.Join(t.TempDir(), "jobs"), 2*time.Second, 0))
			c := apiClient{base: m.URL(), token: MustAdminToken(t, m)}
			runs := c.runs(t)
			if len(runs) != 2 || runs[0].ID != 2 || runs[0].Status != patentbridge.JobInterrupted || !strings.Contains(runs[0].Error, "已停止") {
				t.Fatalf("runs after the restart: %+v", runs)
			}
			var page struct {
				Run   apiRun `json:"run"`
				Total int    `json:"total"`
			}
			if status := c.call(t, "GET", "/api/v1/sleeping?run_id=2", nil, "", &page); status != http.StatusConflict {
				t.Errorf("sleeping list of the killed run: %d, want 409", status)
			}
			if status := c.call(t, "GET", "/api/v1/sleeping", nil, "", &page); status != 200 || page.Run.ID != first.ID || page.Total != first.Sleeping {
				t.Errorf("sleeping list: %d, run %d with %d; want the finished run %d with %d", status, page.Run.ID, page.Total, first.ID, first.Sleeping)
			}
			browser := apiClient{base: m.URL()}.browserLogin(t, "admin", testAdminPassword)
			_, body := browser.page(t, "/admin/screening", nil)
			for _, want := range []string{`id="run-2-status">中断</span>`, `id="run-2-rerun"`, `id="run-2-discard"`} {
				if !strings.Contains(body, want) {
					t.Errorf("screening page lacks %s", want)
				}
			}

			if status, _ := browser.page(t, "/admin/screening/2/rerun", url.Values{}); status != http.StatusSeeOther {
				t.Fatalf("re-run: %d", status)
			}
			for deadline := time.Now().Add(120 * time.Second); c.runs(t)[0].Status != patentbridge.JobDone; time.Sleep(50 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("the re-run did not finish: %+v", c.runs(t)[0])
				}
			}
			if status := c.call(t, "GET", "/api/v1/sleeping?run_id=2", nil, "", &page); status != 200 || page.Total != first.Sleeping {
				t.Errorf("the re-run's sleeping list: %d with %d, want %d as the whole first run", status, page.Total, first.Sleeping)
			}
		})
	}
}
