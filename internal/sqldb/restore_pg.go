package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	"patentbridge"
)

// restorePostgres loads the dump read by r into the empty PostgreSQL database
// (or search_path schema) dsn with pg_restore, in one transaction, without
// the original owners and grants (the objects belong to the connecting role),
// and puts the data files into dataDir.
func restorePostgres(ctx context.Context, r *archiveReader, dsn, dataDir string) error {
	if dataDir == "" {
		return patentbridge.FieldErrorf("data-dir", "恢复 PostgreSQL 备份须指定数据目录（--data-dir）")
	}
	bin, err := pgTool("pg_restore")
	if err != nil {
		return err
	}
	t, err := libpqTarget(dsn)
	if err != nil {
		return err
	}
	if r.m.Schema != t.schema {
		return patentbridge.Errorf(patentbridge.EINVALID,
			"备份取自模式 %q，而目标连接的 search_path 为 %q：pg_restore 只能恢复到同名的模式（或整库备份恢复到未设 search_path 的连接）",
			r.m.Schema, t.schema)
	}
	target, err := sql.Open("pgx", dsn)
	if err != nil {
		return fmt.Errorf("sqldb: restore: %w", err)
	}
	defer target.Close()
	var empty bool
	if err := target.QueryRowContext(ctx,
		"SELECT to_regclass('goose_db_version') IS NULL AND to_regclass('patents') IS NULL").Scan(&empty); err != nil {
		return fmt.Errorf("sqldb: restore: connect to PostgreSQL: %w", err)
	}
	if !empty {
		return patentbridge.Errorf(patentbridge.ECONFLICT,
			"目标数据库 %s 中已有 PatentBridge 的表：恢复不会覆盖已有数据。请恢复到新建的空数据库（createdb），"+
				"或在确认不再需要后删除其中的表", t.redacted)
	}
	stage, err := stageRestore(r, dataDir)
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	args := []string{"--no-owner", "--no-acl", "--single-transaction", "--exit-on-error",
		"--dbname=" + t.conn, filepath.Join(stage, postgresEntry)}
	if err := runPGTool(ctx, bin, args, t.password); err != nil {
		return err
	}
	tables, _, err := countTables(ctx, target, pgTablesSQL)
	if err != nil {
		return err
	}
	if err := sameCounts(r.file, r.m.Tables, tables); err != nil {
		return err
	}
	return placeFiles(r.m, stage, dataDir)
}
