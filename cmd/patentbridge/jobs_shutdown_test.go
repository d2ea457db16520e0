package main

import (
	"context"
	"net/url"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/config"
	"patentbridge/internal/sqldb"
)

// mustOpenStore opens the database behind dsn, closed at cleanup.
func mustOpenStore(tb testing.TB, dsn string) *sqldb.DB {
	tb.Helper()
	db, err := sqldb.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// TestShutdownInterruptsAnImportAfterTheTimeout: SIGTERM lets the running
// upload import go on for the shutdown timeout, then interrupts it: the server
// exits cleanly, the job is 中断 with its upload kept and its retry unused, and
// the next server resumes it by itself and completes it.
func TestShutdownInterruptsAnImportAfterTheTimeout(t *testing.T) {
	for _, dsn := range testDSNs(t) {
		t.Run(dsnLabel(dsn), func(t *testing.T) {
			dir := t.TempDir()
			jobsDir := filepath.Join(dir, "jobs")
			file := MustGen(t, dir, 20000, "41")
			p := startServe(t, adminEnv, "--db", dsn, "--index", filepath.Join(dir, "index-1"), "--jobs-dir", jobsDir,
				"--shutdown-timeout", "300ms")
			c := apiClient{base: p.URL}.login(t, "admin", testAdminPassword)
			j := c.upload(t, file, "big.csv")
			running := c.waitJob(t, j.ID, 60*time.Second, func(j apiJob) bool {
				return j.Status != patentbridge.JobQueued && j.Summary.Read > 0
			})
			if running.Status != patentbridge.JobRunning {
				t.Fatalf("the import ended before the shutdown: %+v", running)
			}
			if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			if code := p.wait(t, 30*time.Second); code != 0 {
				t.Fatalf("serve exited %d after SIGTERM", code)
			}
			if !strings.Contains(p.logs.String(), "the running import was interrupted") {
				t.Errorf("no log line says the import was interrupted")
			}

			store := mustOpenStore(t, dsn)
			got, err := store.FindImportJob(context.Background(), j.ID)
			if err != nil || got.Status != patentbridge.JobInterrupted || !strings.Contains(got.Error, "服务关闭") || got.Attempts != 0 {
				t.Fatalf("job after the shutdown: %+v, %v", got, err)
			}
			if kept := uploadsIn(t, jobsDir); len(kept) != 1 {
				t.Fatalf("uploads kept: %v", kept)
			}
			m := MustOpenMain(t, dsn, 0, withJobs(jobsDir, 0, 0))
			mc := apiClient{base: m.URL(), token: MustAdminToken(t, m)}
			done := mc.waitJob(t, j.ID, 120*time.Second, func(j apiJob) bool {
				return j.Status == patentbridge.JobDone || j.Status == patentbridge.JobFailed
			})
			if n, _ := m.DB.CountPatents(context.Background()); done.Status != patentbridge.JobDone || n != done.Summary.Inserted+done.Summary.Unchanged {
				t.Errorf("resumed job %+v, %d patents", done, n)
			}
		})
	}
}

// TestCloseWaitsForAScreening: Main.Close lets a screening started from the
// page finish before it closes the database; with a shorter timeout it stops
// the run and records it 中断 instead.
func TestCloseWaitsForAScreening(t *testing.T) {
	for _, dsn := range testDSNs(t) {
		t.Run(dsnLabel(dsn), func(t *testing.T) {
			dir := t.TempDir()
			if code, _, stderr := MustRun(t, nil, "import", "--db", dsn, MustGen(t, dir, 25000, "42")); code != 0 {
				t.Fatal(stderr)
			}
			for i, timeout := range []time.Duration{time.Minute, time.Millisecond} {
				m := MustOpenMain(t, dsn, 0, func(c *config.Config) {
					c.Jobs = config.Jobs{Dir: filepath.Join(dir, "jobs"), ShutdownTimeout: timeout}
				})
				browser := apiClient{base: m.URL()}.browserLogin(t, "admin", m.Config.AdminPassword)
				if status, _ := browser.page(t, "/admin/screening", url.Values{"as_of": {"2026-06-30"}}); status != 303 {
					t.Fatalf("start screening: %d", status)
				}
				c := apiClient{base: m.URL()}
				for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(5 * time.Millisecond) {
					if runs := c.runs(t); len(runs) == i+1 && runs[0].Status == patentbridge.JobRunning {
						break
					}
					if time.Now().After(deadline) {
						t.Fatalf("the screening never ran: %+v", c.runs(t))
					}
				}
				if err := m.Close(); err != nil {
					t.Fatalf("close: %v", err)
				}
				runs, err := mustOpenStore(t, dsn).ListRuns(context.Background(), 1)
				if err != nil {
					t.Fatal(err)
				}
				want := patentbridge.JobDone
				if timeout < time.Second {
					want = patentbridge.JobInterrupted
				}
				if runs[0].Status != want || (want == patentbridge.JobInterrupted && !strings.Contains(runs[0].Error, "服务关闭")) {
					t.Errorf("shutdown timeout %s: run %+v, want %s", timeout, runs[0], want)
				}
			}
		})
	}
}
