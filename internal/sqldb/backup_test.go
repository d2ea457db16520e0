package sqldb_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
)

// A backup carries the database and the data directory's small files (a
// ledger key, the environment file) and leaves out the index, large files and
// older backups; restoring it into an empty place gives back the same
// patents and files, audited on both sides, and a second restore over it is refused.
func TestBackupRestoreRoundTrip(t *testing.T) {
	eachBackupDB(t, func(t *testing.T, db backupDB) {
		ctx := context.Background()
		ps := make([]*patentbridge.Patent, 40)
		for i := range ps {
			ps[i] = newPatent(i)
		}
		MustUpsert(t, db.DB, ps...)
		key := bytes.Repeat([]byte{0xA5}, 32)
		mustWrite(t, filepath.Join(db.dataDir, "ledger.key"), key, 0o600)
		mustWrite(t, filepath.Join(db.dataDir, "patentbridge.env"), []byte("PATENTBRIDGE_SECURE_COOKIES=1\n"), 0o640)
		mustWrite(t, filepath.Join(db.dataDir, "big.csv"), make([]byte, 2<<20), 0o644)
		mustWrite(t, filepath.Join(db.dataDir, "old.tar.gz"), []byte("an older backup"), 0o600)
		mustWrite(t, filepath.Join(db.dataDir, ".editor.swp"), []byte("x"), 0o600)
		mustWrite(t, filepath.Join(db.dataDir, "patentbridge.index", "store"), []byte("derived"), 0o644)

		out, m := MustBackup(t, db, sqldb.BackupOptions{Version: "v-test"})
		if m.Patents() != 40 || m.Dialect != db.Dialect() || m.PatentBridge != "v-test" {
			t.Fatalf("manifest: %d patents, dialect %s, version %s", m.Patents(), m.Dialect, m.PatentBridge)
		}
		if v, _ := db.MigrationVersion(ctx); m.MigrationVersion != v || v == 0 {
			t.Errorf("manifest migration version %d, database at %d", m.MigrationVersion, v)
		}
		var names, skipped []string
		for _, f := range m.Files {
			names = append(names, f.Name)
		}
		for _, s := range m.SkippedFiles {
			skipped = append(skipped, s.Name)
		}
		if !slices.Equal(names, []string{"files/ledger.key", "files/patentbridge.env"}) {
			t.Errorf("files carried: %q", names)
		}
		if !slices.Equal(skipped, []string{"big.csv", "old.tar.gz", "patentbridge.index"}) {
			t.Errorf("files left out: %q", skipped)
		}
		if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("backup file mode: %v %v, want 0600 (it holds keys and password hashes)", info, err)
		}
		if es := auditEntriesOf(t, db.DB, "database.backup"); len(es) != 1 || es[0].Address != "cli" {
			t.Errorf("backup audit entries: %+v", es)
		}

		dsn, dataDir := db.lose()
		got, err := sqldb.Restore(platformCtx(), out, sqldb.RestoreOptions{DB: dsn, DataDir: dataDir,
			IndexDir: filepath.Join(dataDir, "patentbridge.index")})
		if err != nil {
			t.Fatalf("Restore: %v", err)
		}
		if got.Patents() != 40 {
			t.Errorf("restore reports %d patents", got.Patents())
		}
		restored := MustOpen(t, dsn)
		if n, err := restored.CountPatents(ctx); n != 40 || err != nil {
			t.Fatalf("restored database holds %d patents (%v), want 40", n, err)
		}
		p, err := restored.FindPatent(ctx, ps[7].AppNo)
		if err != nil || p.Title != ps[7].Title || len(p.Applicants) != 2 {
			t.Errorf("restored patent = %+v, %v", p, err)
		}
		if b, err := os.ReadFile(filepath.Join(dataDir, "ledger.key")); err != nil || !bytes.Equal(b, key) {
			t.Errorf("ledger key restored as %x, %v", b, err)
		}
		if info, err := os.Stat(filepath.Join(dataDir, "ledger.key")); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("ledger key mode: %v %v, want 0600", info, err)
		}
		if _, err := os.Stat(filepath.Join(dataDir, "big.csv")); err == nil {
			t.Error("a file the backup left out was restored")
		}
		if es := auditEntriesOf(t, restored, "database.restore"); len(es) != 1 || !strings.Contains(string(es[0].After), `"patents":40`) {
			t.Errorf("restore audit entries: %+v", es)
		}

		_, err = sqldb.Restore(platformCtx(), out, sqldb.RestoreOptions{DB: dsn, DataDir: t.TempDir()})
		wantCode(t, err, patentbridge.ECONFLICT)
		if msg := patentbridge.ErrorMessage(err); !strings.Contains(msg, "不会覆盖") {
			t.Errorf("restore over a restored database: %q", msg)
		}
		if n, _ := restored.CountPatents(ctx); n != 40 {
			t.Errorf("the refused restore changed the database: %d patents", n)
		}
	})
}

// The copy is taken while another transaction is open and writing: the backup
// does not wait for it, holds everything committed before it began and
// nothing of the transaction still open.
func TestBackupTakenDuringWrite(t *testing.T) {
	eachBackupDB(t, func(t *testing.T, db backupDB) {
		ctx := platformCtx()
		MustUpsert(t, db.DB, newPatent(1), newPatent(2))
		opened, copied, committed := make(chan struct{}), make(chan struct{}), make(chan error, 1)
		go func() {
			committed <- db.WithTx(ctx, func(tx *sqldb.Tx) error {
				if err := tx.AuditForTest(ctx, "test.open", "written during the backup"); err != nil {
					return err
				}
				close(opened)
				<-copied
				return nil
			})
		}()
		<-opened
		out, m := MustBackup(t, db, sqldb.BackupOptions{AfterCopy: func() { close(copied) }})
		if err := <-committed; err != nil {
			t.Fatalf("the concurrent transaction failed: %v", err)
		}
		if m.Patents() != 2 {
			t.Errorf("backup holds %d patents, want the 2 committed before it", m.Patents())
		}
		if es := auditEntriesOf(t, db.DB, "test.open"); len(es) != 1 {
			t.Fatalf("the concurrent write did not commit: %d entries", len(es))
		}
		dsn, dataDir := db.lose()
		if _, err := sqldb.Restore(ctx, out, sqldb.RestoreOptions{DB: dsn, DataDir: dataDir}); err != nil {
			t.Fatalf("Restore: %v", err)
		}
		restored := MustOpen(t, dsn)
		if es := auditEntriesOf(t, restored, "test.open"); len(es) != 0 {
			t.Errorf("the backup holds a write that was not committed when it began: %+v", es)
		}
		if n, _ := restored.CountPatents(context.Background()); n != 2 {
			t.Errorf("restored %d patents, want 2", n)
		}
	})
}

func mustWrite(tb testing.TB, path string, b []byte, mode os.FileMode) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, b, mode); err != nil {
		tb.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		tb.Fatal(err)
	}
}
