package sqldb

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pressly/goose/v3"

	"patentbridge"
)

// RestoreOptions says where a backup is brought back.
type RestoreOptions struct {
	// DB is the database to restore into: a SQLite file that must not exist, or
	// a PostgreSQL database (or search_path schema) without PatentBridge tables.
	DB string
	// DataDir receives the backup's data files (required for PostgreSQL); for
	// SQLite it is always the database file's directory and this field is ignored.
	DataDir string
	// IndexDir is the search index directory, which must not exist: an index of
	// another database would be stale. serve builds a new one.
	IndexDir string
}

// Restore brings the backup file back into an empty database and data
// directory: it never replaces a database or a file. Every entry's checksum is
// verified, a SQLite copy must pass PRAGMA integrity_check and every table its
// manifest row count before it is put in place; a PostgreSQL dump is loaded
// with pg_restore in one transaction. The restored database is then migrated
// to this version's schema and the act audited in it. Returns ENOTFOUND for a
// missing file, EINVALID for a file that is not a backup, is corrupt or comes
// from a newer version, ECONFLICT when the target is not empty.
func Restore(ctx context.Context, file string, opt RestoreOptions) (*BackupManifest, error) {
	r, err := openArchive(file)
	if err != nil {
		return nil, err
	}
	defer r.close()
	m := r.m
	pg := isPostgresDSN(strings.TrimSpace(opt.DB))
	if want := map[bool]string{true: "postgres", false: "sqlite"}[pg]; m.Dialect != want {
		return nil, patentbridge.Errorf(patentbridge.EINVALID, "这是 %s 数据库的备份，不能恢复到 %s 数据库 %s",
			dialectTitle(m.Dialect), dialectTitle(want), redactedName(opt.DB))
	}
	if known := newestMigration(m.Dialect); m.MigrationVersion > known {
		return nil, patentbridge.Errorf(patentbridge.EINVALID,
			"备份的数据库结构版本为 %d，高于本程序支持的 %d：请使用制作备份的（或更新的）PatentBridge 版本恢复", m.MigrationVersion, known)
	}
	if !pg {
		if err := refuseSQLiteTarget(SQLiteFile(opt.DB)); err != nil {
			return nil, err
		}
	}
	if err := refuseExisting(opt.IndexDir, "索引目录 %s 已存在，它属于原来的数据库：请先把它移走（恢复后 serve 启动时会从数据库重建索引）"); err != nil {
		return nil, err
	}
	if pg {
		err = restorePostgres(ctx, r, opt.DB, opt.DataDir)
	} else {
		err = restoreSQLite(ctx, r, SQLiteFile(opt.DB))
	}
	if err != nil {
		return nil, err
	}
	return m, auditRestore(ctx, opt.DB, file, m)
}

// stageRestore checks the data files against dataDir, then extracts every
// entry of the backup into a new hidden directory there, which the caller
// removes; it returns that directory.
func stageRestore(r *archiveReader, dataDir string) (string, error) {
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return "", fmt.Errorf("sqldb: restore: %w", err)
	}
	if err := checkDataFiles(r.m, dataDir); err != nil {
		return "", err
	}
	stage, err := os.MkdirTemp(dataDir, ".patentbridge-restore-*")
	if err != nil {
		return "", fmt.Errorf("sqldb: restore: %w", err)
	}
	err = os.Mkdir(filepath.Join(stage, filesPrefix), 0o700)
	if err == nil {
		err = r.extract(r.m.Database, filepath.Join(stage, r.m.Database.Name), 0o644)
	}
	for _, f := range r.m.Files {
		if err == nil {
			err = r.extract(f, filepath.Join(stage, f.Name), f.perm()|0o400)
		}
	}
	if err == nil {
		err = r.end()
	}
	if err != nil {
		os.RemoveAll(stage)
		return "", err
	}
	return stage, nil
}

// auditRestore opens the restored database, which applies newer migrations,
// and records the restore in its audit log.
func auditRestore(ctx context.Context, dsn, file string, m *BackupManifest) error {
	db, err := Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.WithTx(ctx, func(tx *Tx) error {
		return tx.audit(ctx, "database.restore", "backup:"+filepath.Base(file), nil, map[string]any{
			"file": file, "created_at": m.CreatedAt, "source": m.Source, "patentbridge_version": m.PatentBridge,
			"migration_version": m.MigrationVersion, "patents": m.Patents()})
	})
}

// refuseExisting returns ECONFLICT with message (formatted with path) when
// path exists.
func refuseExisting(path, message string) error {
	if path == "" {
		return nil
	}
	if _, err := os.Lstat(path); err == nil {
		return patentbridge.Errorf(patentbridge.ECONFLICT, message, path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("sqldb: restore: %w", err)
	}
	return nil
}

// newestMigration returns the highest migration version embedded for dialect.
func newestMigration(dialect string) int64 {
	names, _ := fs.Glob(migrations, "migrations/"+dialect+"/*.sql")
	var v int64
	for _, n := range names {
		if n, err := goose.NumericComponent(filepath.Base(n)); err == nil {
			v = max(v, n)
		}
	}
	return v
}

func dialectTitle(d string) string {
	if d == "postgres" {
		return "PostgreSQL"
	}
	return "SQLite"
}

// redactedName is a database name fit for a message: no password.
func redactedName(dsn string) string {
	if isPostgresDSN(dsn) {
		if t, err := libpqTarget(dsn); err == nil {
			return t.redacted
		}
		return "postgres://…"
	}
	return SQLiteFile(dsn)
}
