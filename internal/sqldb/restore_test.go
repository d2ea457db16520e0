package sqldb_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
)

// Restore refuses, in Chinese and without creating the database, a missing
// file, a file that is not a backup, a damaged one, one from a newer version,
// one of the other dialect, and a target that is not empty.
func TestRestoreRefuses(t *testing.T) {
	dir := t.TempDir()
	src := backupDB{DB: MustOpen(t, "sqlite:"+filepath.Join(dir, "patentbridge.db")), dataDir: dir}
	MustUpsert(t, src.DB, newPatent(1), newPatent(2), newPatent(3))
	mustWrite(t, filepath.Join(dir, "ledger.key"), []byte("key of the source"), 0o600)
	good, _ := MustBackup(t, src, sqldb.BackupOptions{})
	notBackup := filepath.Join(t.TempDir(), "notes.tar.gz")
	mustWrite(t, notBackup, []byte("这不是备份"), 0o600)
	b, _ := os.ReadFile(good)
	truncated := filepath.Join(t.TempDir(), "truncated.tar.gz")
	mustWrite(t, truncated, b[:len(b)*2/3], 0o600)
	// Bytes of the copy changed after the manifest was written.
	tampered := rewriteBackup(t, good, func(db []byte) []byte { db[len(db)/2] ^= 0xFF; return db }, nil, true)
	// A damaged copy whose checksum was recomputed: only SQLite's own check sees it.
	damaged := rewriteBackup(t, good, func(db []byte) []byte {
		const page = 16384
		for i := 2 * page; i < len(db); i += page {
			copy(db[i:i+64], strings.Repeat("\xff", 64))
		}
		return db
	}, nil, false)
	newer := rewriteBackup(t, good, nil, func(m map[string]any) { m["migration_version"] = 9999 }, false)
	future := rewriteBackup(t, good, nil, func(m map[string]any) { m["format_version"] = 2 }, false)
	escapes := rewriteBackup(t, good, nil, func(m map[string]any) {
		m["files"].([]any)[0].(map[string]any)["name"] = "files/../../etc/cron.d/x"
	}, false)

	fresh := func() string { return "sqlite:" + filepath.Join(t.TempDir(), "restored.db") }
	for _, c := range []struct {
		name, file, code, want string
		target                 string
		before                 func(target string)
	}{
		{name: "missing file", file: filepath.Join(dir, "no-such.tar.gz"), code: patentbridge.ENOTFOUND, want: "不存在"},
		{name: "not a backup", file: notBackup, code: patentbridge.EINVALID, want: "不是可用的 PatentBridge 备份文件"},
		{name: "truncated", file: truncated, code: patentbridge.EINVALID, want: "已损坏"},
		{name: "changed after writing", file: tampered, code: patentbridge.EINVALID, want: "校验和"},
		{name: "fails the integrity check", file: damaged, code: patentbridge.EINVALID, want: "完整性检查"},
		{name: "newer schema", file: newer, code: patentbridge.EINVALID, want: "高于本程序支持"},
		{name: "newer format", file: future, code: patentbridge.EINVALID, want: "格式版本为 2"},
		{name: "a file name outside the data directory", file: escapes, code: patentbridge.EINVALID, want: "不允许的文件名"},
		{name: "SQLite backup into PostgreSQL", file: good, target: "postgres://pb:secret@db.invalid/pb",
			code: patentbridge.EINVALID, want: "不能恢复到 PostgreSQL"},
		{name: "database exists", file: good, code: patentbridge.ECONFLICT, want: "已存在",
			before: func(target string) { mustWrite(t, target, nil, 0o644) }},
		{name: "write-ahead log of another database exists", file: good, code: patentbridge.ECONFLICT, want: "-wal",
			before: func(target string) { mustWrite(t, target+"-wal", []byte("x"), 0o644) }},
		{name: "index of another database exists", file: good, code: patentbridge.ECONFLICT, want: "索引目录",
			before: func(target string) { mustWrite(t, filepath.Join(filepath.Dir(target), "index", "x"), nil, 0o644) }},
		{name: "a different ledger key is in the data directory", file: good, code: patentbridge.ECONFLICT, want: "ledger.key",
			before: func(target string) {
				mustWrite(t, filepath.Join(filepath.Dir(target), "ledger.key"), []byte("other"), 0o600)
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			target := c.target
			if target == "" {
				target = fresh()
			}
			path := strings.TrimPrefix(target, "sqlite:")
			if c.before != nil {
				c.before(path)
			}
			_, existed := os.Stat(path)
			_, err := sqldb.Restore(platformCtx(), c.file, sqldb.RestoreOptions{DB: target,
				IndexDir: filepath.Join(filepath.Dir(path), "index")})
			wantCode(t, err, c.code)
			msg := patentbridge.ErrorMessage(err)
			if !strings.Contains(msg, c.want) {
				t.Errorf("message %q does not say %q", msg, c.want)
			}
			if strings.Contains(msg, "secret") {
				t.Errorf("message shows the password: %q", msg)
			}
			if _, err := os.Stat(path); existed != nil && err == nil {
				t.Errorf("a refused restore created %s", path)
			}
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".patentbridge-restore-*")); len(left) > 0 {
				t.Errorf("a refused restore left %q behind", left)
			}
		})
	}
}
