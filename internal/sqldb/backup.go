package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"patentbridge"
)

// BackupOptions says where a backup goes and what it carries besides the database.
type BackupOptions struct {
	// Out is the backup file (conventionally NAME.tar.gz); an existing file of
	// that name is replaced only once the new backup is complete.
	Out string
	// DataDir is the directory whose small files (configuration, keys) the
	// backup carries; "" carries none.
	DataDir string
	// Version is the PatentBridge version recorded in the manifest.
	Version string
	// AfterCopy, when set, is called once the database copy is taken, before the
	// archive is written (tests end their concurrent writes there).
	AfterCopy func()
}

// Backup writes a consistent copy of the database, taken while others keep
// writing, and the small files of the data directory to opt.Out (the format is
// described at BackupFormat), and audits the act. SQLite is copied with VACUUM
// INTO in one read transaction, which never blocks the writer; PostgreSQL with
// pg_dump in a snapshot whose row counts the manifest records. Returns EINVALID
// when pg_dump is not installed or fails.
func (db *DB) Backup(ctx context.Context, opt BackupOptions) (*BackupManifest, error) {
	if strings.TrimSpace(opt.Out) == "" {
		return nil, patentbridge.FieldErrorf("o", "未指定备份文件（-o）")
	}
	out, err := filepath.Abs(opt.Out)
	if err != nil {
		return nil, fmt.Errorf("sqldb: backup file: %w", err)
	}
	if db.sqliteFiles()[out] {
		return nil, patentbridge.FieldErrorf("o", "备份文件 %s 是数据库本身（或其日志文件）：请把备份写到数据目录之外", opt.Out)
	}
	work, err := os.MkdirTemp(filepath.Dir(out), ".patentbridge-backup-*")
	if err != nil {
		return nil, patentbridge.Errorf(patentbridge.EINVALID, "无法在 %s 写入备份（%v）", filepath.Dir(out), pathErr(err))
	}
	defer os.RemoveAll(work)
	m := &BackupManifest{Format: BackupFormat, FormatVersion: BackupFormatVersion, CreatedAt: db.now(),
		PatentBridge: opt.Version, Dialect: db.Dialect()}
	var copyPath string
	if db.dialect == postgresDialect {
		copyPath, err = db.dumpPostgres(ctx, work, m)
	} else {
		copyPath, err = db.copySQLite(ctx, work, m)
	}
	if err != nil {
		return nil, err
	}
	if opt.AfterCopy != nil {
		opt.AfterCopy()
	}
	if m.Database, err = hashFile(filepath.Base(copyPath), copyPath); err != nil {
		return nil, fmt.Errorf("sqldb: backup: %w", err)
	}
	if m.Files, m.SkippedFiles, err = dataFiles(opt.DataDir, db.ownFiles(out, work)); err != nil {
		return nil, err
	}
	if err := writeArchive(out, m, copyPath, opt.DataDir); err != nil {
		return nil, err
	}
	err = db.WithTx(ctx, func(tx *Tx) error {
		return tx.audit(ctx, "database.backup", "backup:"+filepath.Base(out), nil, backupAudit(m, out))
	})
	return m, err
}

// writeArchive writes the manifest, the database copy and the data files to out.
func writeArchive(out string, m *BackupManifest, copyPath, dataDir string) error {
	a, err := createArchive(out, m.CreatedAt)
	if err != nil {
		return err
	}
	b, _ := json.MarshalIndent(m, "", "  ")
	err = a.addBytes(manifestEntry, append(b, '\n'), 0o600)
	if err == nil {
		err = a.addFile(m.Database, copyPath)
	}
	for _, f := range m.Files {
		if err == nil {
			err = a.addFile(f, filepath.Join(dataDir, strings.TrimPrefix(f.Name, filesPrefix)))
		}
	}
	if err != nil {
		a.abort()
		return err
	}
	return a.commit()
}

// ownFiles reports the names a backup of db must not carry as data files: the
// SQLite database itself with its journals, the backup being written and its
// work directory.
func (db *DB) ownFiles(out, work string) func(path string) bool {
	skip := db.sqliteFiles()
	skip[out], skip[work], skip[filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".tmp")] = true, true, true
	return func(path string) bool { return skip[path] }
}

// sqliteFiles returns the absolute paths of the SQLite database file and its
// journals (none on PostgreSQL).
func (db *DB) sqliteFiles() map[string]bool {
	files := map[string]bool{}
	if f := SQLiteFile(db.dsn); f != "" {
		if abs, err := filepath.Abs(f); err == nil {
			for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
				files[abs+suffix] = true
			}
		}
	}
	return files
}

// backupAudit is what the audit log records of a backup.
func backupAudit(m *BackupManifest, out string) map[string]any {
	files := make([]string, len(m.Files))
	for i, f := range m.Files {
		files[i] = strings.TrimPrefix(f.Name, filesPrefix)
	}
	return map[string]any{"file": out, "dialect": m.Dialect, "migration_version": m.MigrationVersion,
		"patents": m.Patents(), "database_bytes": m.Database.Size, "files": files}
}

// SQLiteFile returns the file of a SQLite database name ("sqlite:PATH" or a
// plain path), "" for a PostgreSQL URL.
func SQLiteFile(dsn string) string {
	dsn = strings.TrimSpace(dsn)
	if isPostgresDSN(dsn) {
		return ""
	}
	return strings.TrimPrefix(dsn, "sqlite:")
}

// pathErr returns the operating system's reason inside a path error.
func pathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
