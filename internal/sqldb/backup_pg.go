package sqldb

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"patentbridge"
)

// pgTablesSQL lists the tables of the connection's current schema.
const pgTablesSQL = `SELECT table_name FROM information_schema.tables
	WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`

// dumpPostgres dumps the database (or the first schema of the URL's
// search_path) into dir with pg_dump's custom format, uncompressed (the backup
// file is compressed as a whole). pg_dump reads a snapshot exported from a
// repeatable-read transaction in which the row counts are taken, so the
// manifest describes exactly what the dump holds.
func (db *DB) dumpPostgres(ctx context.Context, dir string, m *BackupManifest) (string, error) {
	bin, err := pgTool("pg_dump")
	if err != nil {
		return "", err
	}
	t, err := libpqTarget(db.dsn)
	if err != nil {
		return "", err
	}
	m.Source, m.Schema = t.redacted, t.schema
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return "", fmt.Errorf("sqldb: backup: %w", err)
	}
	defer tx.Rollback()
	var snapshot string
	if err := tx.QueryRowContext(ctx, "SELECT pg_export_snapshot()").Scan(&snapshot); err != nil {
		return "", fmt.Errorf("sqldb: backup: export snapshot: %w", err)
	}
	if m.Tables, m.MigrationVersion, err = countTables(ctx, tx, pgTablesSQL); err != nil {
		return "", err
	}
	out := filepath.Join(dir, postgresEntry)
	args := []string{"--format=custom", "--compress=0", "--snapshot=" + snapshot, "--file=" + out}
	if t.schema != "" {
		args = append(args, "--schema="+quoteIdent(t.schema))
	}
	if err := runPGTool(ctx, bin, append(args, "--dbname="+t.conn), t.password); err != nil {
		return "", err
	}
	return out, nil
}

// pgTool finds a PostgreSQL client program. Returns EINVALID naming what to install.
func pgTool(name string) (string, error) {
	p, err := exec.LookPath(name)
	if err != nil {
		return "", patentbridge.Errorf(patentbridge.EINVALID,
			"未找到 %s：PostgreSQL 数据库的备份与恢复要用 PostgreSQL 客户端工具 pg_dump 和 pg_restore。"+
				"请安装主版本与服务器相同（或更新）的客户端，如 Debian/Ubuntu：apt-get install postgresql-client，"+
				"麒麟/openEuler/CentOS：dnf install postgresql；并确认 %s 在 PATH 中", name, name)
	}
	return p, nil
}

// runPGTool runs a PostgreSQL client program, the password in its environment
// rather than on its command line. A failure is EINVALID with the program's
// own last words.
func runPGTool(ctx context.Context, bin string, args []string, password string) error {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = os.Environ()
	if password != "" {
		cmd.Env = append(cmd.Env, "PGPASSWORD="+password)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		name := filepath.Base(bin)
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 2000 {
			msg = "…" + msg[len(msg)-2000:]
		}
		if strings.Contains(msg, "version mismatch") {
			return patentbridge.Errorf(patentbridge.EINVALID,
				"%s 的版本低于 PostgreSQL 服务器：请安装主版本与服务器相同的 postgresql-client（%s）", name, msg)
		}
		if msg == "" {
			msg = err.Error()
		}
		return patentbridge.Errorf(patentbridge.EINVALID, "%s 失败：%s", name, msg)
	}
	return nil
}

// pgTarget is a database URL as libpq programs take it.
type pgTarget struct {
	conn     string // the URL without password and without parameters libpq does not know
	password string // for PGPASSWORD
	schema   string // the first schema of search_path, "" when none is set
	redacted string // the URL for the manifest and messages
}

// libpqParams are the URL parameters libpq accepts; pgx takes others (such as
// search_path) that would make pg_dump refuse the URL.
var libpqParams = map[string]bool{"host": true, "hostaddr": true, "port": true, "dbname": true, "user": true,
	"passfile": true, "connect_timeout": true, "client_encoding": true, "options": true, "application_name": true,
	"keepalives": true, "keepalives_idle": true, "keepalives_interval": true, "keepalives_count": true,
	"sslmode": true, "sslcert": true, "sslkey": true, "sslpassword": true, "sslrootcert": true, "sslcrl": true,
	"sslnegotiation": true, "requiressl": true, "gssencmode": true, "channel_binding": true,
	"krbsrvname": true, "service": true, "target_session_attrs": true, "load_balance_hosts": true}

// libpqTarget converts the pgx URL dsn for pg_dump and pg_restore.
func libpqTarget(dsn string) (pgTarget, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return pgTarget{}, patentbridge.Errorf(patentbridge.EINVALID, "无法识别数据库地址（%v）", err)
	}
	t := pgTarget{redacted: u.Redacted()}
	if pw, ok := u.User.Password(); ok {
		t.password = pw
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	if sp := q.Get("search_path"); sp != "" {
		t.schema = strings.Trim(strings.TrimSpace(strings.Split(sp, ",")[0]), `"`)
	}
	for k := range q {
		if !libpqParams[k] {
			q.Del(k)
		}
	}
	u.RawQuery = q.Encode()
	t.conn = u.String()
	return t, nil
}

// quoteIdent quotes a schema name for pg_dump's --schema pattern, so that it
// matches exactly that name.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
