package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"patentbridge"
	"patentbridge/internal/config"
	"patentbridge/internal/sqldb"
)

// A backup taken while an import commits batch after batch holds every batch
// committed before it began, each one whole; restored into an empty place it
// passes PRAGMA integrity_check, and serve builds the search index from it.
func TestBackupDuringImport(t *testing.T) {
	for _, dsn := range testDSNs(t) {
		t.Run(dsnLabel(dsn), func(t *testing.T) {
			skipWithoutPGTools(t, dsn)
			ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
			file := MustGen(t, t.TempDir(), 3000, "11")
			logger := slog.New(slog.NewTextHandler(io.Discard, nil))
			db, err := openDB(ctx, dsn, logger)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			imp := newImporter(db, logger)
			imp.BatchSize = 100
			var committed atomic.Int64
			third, done := make(chan struct{}), make(chan error, 1)
			imp.AfterBatch = func(n int) {
				committed.Store(int64(n))
				if n == 3 {
					close(third)
				}
			}
			go func() {
				_, err := imp.ImportFiles(ctx, []string{file}, patentbridge.ImportOptions{})
				done <- err
			}()
			<-third
			before := committed.Load()
			out := filepath.Join(t.TempDir(), "patentbridge.tar.gz")
			code, stdout, stderr := MustRun(t, nil, append([]string{"backup", "--db", dsn, "-o", out}, dataDirArgs(t, dsn)...)...)
			after := committed.Load()
			if code != 0 {
				t.Fatalf("backup: exit %d: %s", code, stderr)
			}
			if err := <-done; err != nil {
				t.Fatalf("the import failed beside the backup: %v", err)
			}
			t.Logf("batches committed: %d when the backup began, %d when it ended, of 30; %s", before, after, strings.TrimSpace(stdout))

			target := loseDatabase(t, dsn)
			code, stdout, stderr = MustRun(t, nil, append([]string{"restore", out, "--db", target}, dataDirArgs(t, dsn)...)...)
			if code != 0 || !strings.Contains(stdout, "恢复完成") {
				t.Fatalf("restore: exit %d: %s %s", code, stdout, stderr)
			}
			if dsnLabel(dsn) == "sqlite" {
				mustPassIntegrityCheck(t, sqldb.SQLiteFile(target))
			}
			restored, err := sqldb.Open(ctx, target)
			if err != nil {
				t.Fatal(err)
			}
			n, batches := importedBatches(t, restored)
			restored.Close()
			if batches < before || batches > after {
				t.Errorf("restored %d batches; %d were committed when the backup began and %d when it ended", batches, before, after)
			}
			if n != 100*batches {
				t.Errorf("restored %d patents from %d audited batches of 100: a batch is not whole", n, batches)
			}

			m := MustOpenMain(t, target, 0, func(c *config.Config) {
				if dsnLabel(dsn) == "sqlite" {
					c.IndexDir = "" // beside the restored database, where serve looks by default
				}
			})
			if err := m.search.indexer.Sync(ctx); err != nil {
				t.Fatal(err)
			}
			if s := m.search.indexer.Status(ctx); s.Docs != int(n) {
				t.Errorf("serve indexed %d patents of the restored %d", s.Docs, n)
			}
		})
	}
}

// The command line refuses in Chinese what Restore refuses, and says how to use it.
func TestRestoreCommandRefuses(t *testing.T) {
	dir := t.TempDir()
	dsn := "sqlite:" + filepath.Join(dir, "pb.db")
	if code, _, stderr := MustRun(t, nil, "import", "--db", dsn, MustGen(t, dir, 50, "12")); code != 0 {
		t.Fatal(stderr)
	}
	out := filepath.Join(t.TempDir(), "b.tar.gz")
	if code, _, stderr := MustRun(t, nil, "backup", "--db", dsn, "-o", out); code != 0 {
		t.Fatal(stderr)
	}
	b, _ := os.ReadFile(out)
	truncated := filepath.Join(t.TempDir(), "t.tar.gz")
	_ = os.WriteFile(truncated, b[:len(b)/2], 0o600)
	fresh := "sqlite:" + filepath.Join(t.TempDir(), "new.db")
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no file", []string{"restore", "--db", fresh}, 2, "用法"},
		{"missing file", []string{"restore", filepath.Join(dir, "none.tar.gz"), "--db", fresh}, 1, "不存在"},
		{"corrupt file", []string{"restore", truncated, "--db", fresh}, 1, "已损坏"},
		{"the source database itself", []string{"restore", out, "--db", dsn}, 1, "不会覆盖"},
		{"--data-dir with SQLite", []string{"restore", out, "--db", fresh, "--data-dir", dir}, 1, "只用于 PostgreSQL"},
		{"backup of a missing database", []string{"backup", "--db", fresh, "-o", filepath.Join(dir, "x.tar.gz")}, 1, "不存在"},
		{"backup without -o", []string{"backup", "--db", dsn}, 2, "用法"},
		{"backup over the database", []string{"backup", "--db", dsn, "-o", sqldb.SQLiteFile(dsn)}, 1, "数据库本身"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := MustRun(t, nil, c.args...)
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want exit %d saying %q", code, stderr, c.code, c.want)
			}
		})
	}
	if _, err := os.Stat(sqldb.SQLiteFile(fresh)); err == nil {
		t.Error("a refused command created the target database")
	}
	mustPassIntegrityCheck(t, sqldb.SQLiteFile(dsn))
}

// Without pg_dump, a PostgreSQL backup names what to install.
func TestBackupWithoutPGDump(t *testing.T) {
	pg := os.Getenv("PATENTBRIDGE_TEST_POSTGRES")
	if pg == "" {
		t.Skip("PATENTBRIDGE_TEST_POSTGRES not set")
	}
	dsn := MustPostgresSchema(t, pg)
	t.Setenv("PATH", t.TempDir())
	code, _, stderr := MustRun(t, nil, "backup", "--db", dsn, "--data-dir", t.TempDir(), "-o", filepath.Join(t.TempDir(), "b.tar.gz"))
	if code != 1 || !strings.Contains(stderr, "未找到 pg_dump") || !strings.Contains(stderr, "postgresql-client") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// dataDirArgs gives a PostgreSQL backup or restore a data directory of its
// own, where the default (./data) would be the package directory.
func dataDirArgs(tb testing.TB, dsn string) []string {
	if dsnLabel(dsn) == "sqlite" {
		return nil
	}
	return []string{"--data-dir", tb.TempDir()}
}

// skipWithoutPGTools skips a PostgreSQL test when pg_dump or pg_restore is missing.
func skipWithoutPGTools(tb testing.TB, dsn string) {
	tb.Helper()
	if dsnLabel(dsn) != "postgres" {
		return
	}
	for _, tool := range []string{"pg_dump", "pg_restore"} {
		if _, err := exec.LookPath(tool); err != nil {
			tb.Skipf("%s not installed (Debian: apt-get install postgresql-client)", tool)
		}
	}
}

// loseDatabase returns where the backup of dsn is restored: a new SQLite file,
// or the same PostgreSQL schema once dropped.
func loseDatabase(tb testing.TB, dsn string) string {
	tb.Helper()
	if dsnLabel(dsn) == "sqlite" {
		return "sqlite:" + filepath.Join(tb.TempDir(), "restored", "patentbridge.db")
	}
	u, _ := url.Parse(dsn)
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("DROP SCHEMA " + u.Query().Get("search_path") + " CASCADE"); err != nil {
		tb.Fatalf("drop schema: %v", err)
	}
	return dsn
}

func mustPassIntegrityCheck(tb testing.TB, path string) {
	tb.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	var ok string
	if err := raw.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		tb.Fatalf("integrity_check = %q %v", ok, err)
	}
}

// importedBatches returns the patents db holds and how many import batches
// its audit log records, checking that the batches account for every patent.
func importedBatches(tb testing.TB, db *sqldb.DB) (patents, batches int64) {
	tb.Helper()
	admin := patentbridge.WithUser(context.Background(), &patentbridge.User{Role: patentbridge.RoleAdmin})
	es, _, err := db.ListAudit(admin, patentbridge.AuditFilter{Action: "patent.import", Limit: 100})
	if err != nil {
		tb.Fatal(err)
	}
	var inserted int64
	for _, e := range es {
		var a struct{ Inserted int64 }
		if err := json.Unmarshal(e.After, &a); err != nil {
			tb.Fatal(err)
		}
		inserted += a.Inserted
	}
	n, err := db.CountPatents(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	if int64(n) != inserted {
		tb.Errorf("%d patents, but the audited batches inserted %d", n, inserted)
	}
	return int64(n), int64(len(es))
}
