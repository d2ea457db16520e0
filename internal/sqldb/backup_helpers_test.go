package sqldb_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// backupDB is a database under a backup test: its name, its data directory,
// and lose, which destroys it the way a disaster would and returns where its
// restore goes — a new SQLite file in a new directory, or the same PostgreSQL
// schema once dropped — with that target's data directory.
type backupDB struct {
	*sqldb.DB
	dsn, dataDir string
	lose         func() (dsn, dataDir string)
}

// eachBackupDB runs fn on a fresh SQLite database and on a fresh PostgreSQL
// schema, the latter skipped unless PATENTBRIDGE_TEST_POSTGRES is set and
// pg_dump and pg_restore are installed.
func eachBackupDB(t *testing.T, fn func(t *testing.T, db backupDB)) {
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		dsn := "sqlite:" + filepath.Join(dir, "patentbridge.db")
		fn(t, backupDB{DB: MustOpen(t, dsn), dsn: dsn, dataDir: dir, lose: func() (string, string) {
			d := t.TempDir()
			return "sqlite:" + filepath.Join(d, "patentbridge.db"), d
		}})
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := sqldbtest.PostgresDSN(t)
		for _, tool := range []string{"pg_dump", "pg_restore"} {
			if _, err := exec.LookPath(tool); err != nil {
				t.Skipf("%s not installed (Debian: apt-get install postgresql-client)", tool)
			}
		}
		db := MustOpen(t, dsn)
		u, _ := url.Parse(dsn)
		schema := u.Query().Get("search_path")
		fn(t, backupDB{DB: db, dsn: dsn, dataDir: t.TempDir(), lose: func() (string, string) {
			if err := db.ExecForTest(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
				t.Fatalf("drop schema: %v", err)
			}
			return dsn, t.TempDir()
		}})
	})
}

// MustOpen opens dsn with the test clock and a fast password hash; it is closed
// at cleanup.
func MustOpen(tb testing.TB, dsn string) *sqldb.DB {
	tb.Helper()
	db, err := sqldb.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatalf("open %s: %v", dsn, err)
	}
	db.PasswordCost = bcrypt.MinCost
	db.Now = sqldbtest.NewClock(sqldbtest.Start)
	tb.Cleanup(func() { db.Close() })
	return db
}

// MustBackup backs db up into a new file and returns its path and manifest.
func MustBackup(tb testing.TB, db backupDB, opt sqldb.BackupOptions) (string, *sqldb.BackupManifest) {
	tb.Helper()
	if opt.Out == "" {
		opt.Out = filepath.Join(tb.TempDir(), "patentbridge-backup.tar.gz")
	}
	if opt.DataDir == "" {
		opt.DataDir = db.dataDir
	}
	m, err := db.Backup(platformCtx(), opt)
	if err != nil {
		tb.Fatalf("Backup: %v", err)
	}
	return opt.Out, m
}

// auditEntriesOf returns the audit entries of action.
func auditEntriesOf(tb testing.TB, db *sqldb.DB, action string) []*patentbridge.AuditEntry {
	tb.Helper()
	admin := patentbridge.WithUser(context.Background(), &patentbridge.User{Role: patentbridge.RoleAdmin})
	es, _, err := db.ListAudit(admin, patentbridge.AuditFilter{Action: action, Limit: 100})
	if err != nil {
		tb.Fatalf("ListAudit(%s): %v", action, err)
	}
	return es
}

// rewriteBackup copies the backup src to a new file with edit applied to the
// database copy and then to the manifest (either may be nil), and returns it.
// keepSum leaves the manifest's checksum of the database as it was.
func rewriteBackup(tb testing.TB, src string, editDB func([]byte) []byte, editManifest func(map[string]any), keepSum bool) string {
	tb.Helper()
	f, err := os.Open(src)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	tr := tar.NewReader(gz)
	var names []string
	entries := map[string][]byte{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		} else if err != nil {
			tb.Fatal(err)
		}
		b, _ := io.ReadAll(tr)
		names, entries[h.Name] = append(names, h.Name), b
	}
	var m map[string]any
	if err := json.Unmarshal(entries["manifest.json"], &m); err != nil {
		tb.Fatal(err)
	}
	dbEntry := m["database"].(map[string]any)
	name := dbEntry["name"].(string)
	if editDB != nil {
		entries[name] = editDB(entries[name])
		dbEntry["size"] = len(entries[name])
		if !keepSum {
			sum := sha256.Sum256(entries[name])
			dbEntry["sha256"] = hex.EncodeToString(sum[:])
		}
	}
	if editManifest != nil {
		editManifest(m)
	}
	entries["manifest.json"], _ = json.Marshal(m)
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, n := range names {
		_ = tw.WriteHeader(&tar.Header{Name: n, Size: int64(len(entries[n])), Mode: 0o600, Typeflag: tar.TypeReg})
		_, _ = tw.Write(entries[n])
	}
	tw.Close()
	zw.Close()
	out := filepath.Join(tb.TempDir(), "edited.tar.gz")
	if err := os.WriteFile(out, buf.Bytes(), 0o600); err != nil {
		tb.Fatal(err)
	}
	return out
}
