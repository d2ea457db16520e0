package main

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"patentbridge"
)

// crashChild, when set in the environment, makes this test binary act as an
// import process that kills itself (SIGKILL) right after its third batch commits.
const crashChild = "PATENTBRIDGE_CRASH_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(mainChild) != "" {
		os.Exit(runMainChild())
	}
	if os.Getenv(crashChild) != "" {
		os.Exit(runCrashChild(os.Getenv("CRASH_DSN"), os.Getenv("CRASH_FILE")))
	}
	os.Exit(m.Run())
}

func runCrashChild(dsn, file string) int {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	db, err := openDB(context.Background(), dsn, logger)
	if err != nil {
		return 3
	}
	imp := newImporter(db, logger)
	imp.BatchSize = 100
	imp.AfterBatch = func(n int) {
		if n == 3 {
			_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
		}
	}
	_, _ = imp.ImportFiles(context.Background(), []string{file}, patentbridge.ImportOptions{})
	return 4 // not reached when the kill works
}

func TestCrashMidImport(t *testing.T) {
	dir := t.TempDir()
	file := MustGen(t, dir, 1000, "3")
	dbPath := filepath.Join(dir, "crash.db")
	dsn := "sqlite:" + dbPath

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashChild+"=1", "CRASH_DSN="+dsn, "CRASH_FILE="+file)
	err := cmd.Run()
	var ee *exec.ExitError
	if err == nil || !asExitError(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("child import was supposed to die by SIGKILL after batch 3, got %v", err)
	}

	t.Run("only whole batches landed and the database is consistent", func(t *testing.T) {
		raw, err := sql.Open("sqlite", dbPath)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		var ok string
		if err := raw.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
			t.Fatalf("integrity_check = %q %v", ok, err)
		}
		var n, orphans int
		_ = raw.QueryRow("SELECT count(*) FROM patents").Scan(&n)
		if n != 300 {
			t.Fatalf("%d patents after a kill after batch 3 of 100, want exactly 300", n)
		}
		_ = raw.QueryRow(`SELECT count(*) FROM patents p WHERE NOT EXISTS
			(SELECT 1 FROM patent_owners x WHERE x.patent_id = p.id)`).Scan(&orphans)
		if orphans != 0 {
			t.Fatalf("%d patents without their owners: half-written rows", orphans)
		}
	})

	t.Run("re-running the import completes it", func(t *testing.T) {
		code, stdout, stderr := MustRun(t, nil, "import", "--db", dsn, "--json", file)
		if code != 0 {
			t.Fatal(stderr)
		}
		s := decodeSummary(t, stdout)
		if s.Inserted != 700 || s.Unchanged != 300 || s.Updated != 0 {
			t.Fatalf("re-run summary %+v, want 700 inserted and 300 unchanged", s)
		}
	})
}

func asExitError(err error, target **exec.ExitError) bool {
	e, ok := err.(*exec.ExitError)
	if ok {
		*target = e
	}
	return ok
}
