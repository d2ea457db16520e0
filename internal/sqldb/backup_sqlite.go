package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
)

// copySQLite writes a consistent copy of the SQLite database into dir with
// VACUUM INTO, on a connection of its own: it reads one snapshot (in WAL mode
// the writer goes on committing meanwhile, and the copy holds exactly the
// transactions committed before it began), then checks the copy and records
// its schema version and row counts in m.
func (db *DB) copySQLite(ctx context.Context, dir string, m *BackupManifest) (string, error) {
	src, err := filepath.Abs(SQLiteFile(db.dsn))
	if err != nil {
		return "", fmt.Errorf("sqldb: backup: %w", err)
	}
	m.Source = src
	dst := filepath.Join(dir, sqliteEntry)
	// The readers are query_only, which forbids VACUUM INTO.
	c, err := sql.Open("sqlite", sqliteFileDSN(src, "_pragma=busy_timeout(10000)"))
	if err != nil {
		return "", fmt.Errorf("sqldb: backup: %w", err)
	}
	defer c.Close()
	c.SetMaxOpenConns(1)
	if _, err := c.ExecContext(ctx, "VACUUM INTO ?", dst); err != nil {
		return "", fmt.Errorf("sqldb: backup: VACUUM INTO: %w", err)
	}
	if m.Tables, m.MigrationVersion, err = inspectSQLite(ctx, dst, src, "quick_check"); err != nil {
		return "", err
	}
	return dst, nil
}

// inspectSQLite opens the SQLite file at path read-only, runs the check
// pragma (quick_check or integrity_check) and returns every table's row count
// and the schema version. A failed check is an EINVALID error about the file
// named origin, quoting SQLite.
func inspectSQLite(ctx context.Context, path, origin, check string) (map[string]int64, int64, error) {
	c, err := sql.Open("sqlite", sqliteFileDSN(path, "mode=ro"))
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb: open copy: %w", err)
	}
	defer c.Close()
	c.SetMaxOpenConns(1)
	problems, err := checkSQLite(ctx, c, check)
	if err != nil {
		problems = []string{err.Error()}
	}
	if len(problems) > 0 {
		return nil, 0, corruptBackup(origin,
			fmt.Sprintf("数据库未通过完整性检查（PRAGMA %s：%s）", check, strings.Join(problems, "；")))
	}
	return countTables(ctx, c, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
}

// checkSQLite runs PRAGMA check and returns up to five problems it reports.
func checkSQLite(ctx context.Context, c *sql.DB, check string) ([]string, error) {
	rs, err := c.QueryContext(ctx, "PRAGMA "+check)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var problems []string
	for rs.Next() {
		var s string
		if err := rs.Scan(&s); err != nil {
			return nil, err
		}
		if s != "ok" && len(problems) < 5 {
			problems = append(problems, s)
		}
	}
	return problems, rs.Err()
}

// tableReader is what countTables reads through: a pool or a transaction.
type tableReader interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// countTables returns the row count of every table that list names, and the
// newest applied migration.
func countTables(ctx context.Context, q tableReader, list string) (map[string]int64, int64, error) {
	rs, err := q.QueryContext(ctx, list)
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb: list tables: %w", err)
	}
	var names []string
	for rs.Next() {
		var n string
		if err := rs.Scan(&n); err != nil {
			rs.Close()
			return nil, 0, fmt.Errorf("sqldb: list tables: %w", err)
		}
		names = append(names, n)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, 0, fmt.Errorf("sqldb: list tables: %w", err)
	}
	counts := make(map[string]int64, len(names))
	for _, n := range names {
		var c int64
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM "`+strings.ReplaceAll(n, `"`, `""`)+`"`).Scan(&c); err != nil {
			return nil, 0, fmt.Errorf("sqldb: count %s: %w", n, err)
		}
		counts[n] = c
	}
	var v sql.NullInt64
	if _, ok := counts["goose_db_version"]; ok {
		if err := q.QueryRowContext(ctx, "SELECT max(version_id) FROM goose_db_version WHERE is_applied").Scan(&v); err != nil {
			return nil, 0, fmt.Errorf("sqldb: schema version: %w", err)
		}
	}
	return counts, v.Int64, nil
}

// sqliteFileDSN names the SQLite file at path for the driver, with the query
// parameters params.
func sqliteFileDSN(path string, params ...string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + strings.Join(params, "&")
}
