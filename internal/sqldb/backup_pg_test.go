package sqldb

import (
	"strings"
	"testing"

	"patentbridge"
)

// pg_dump and pg_restore get the URL without the password (it goes into
// PGPASSWORD) and without pgx's own parameters; search_path names the schema.
func TestLibpqTarget(t *testing.T) {
	got, err := libpqTarget("postgres://pb:s3cret@db.example:5433/patents?sslmode=verify-full&search_path=%22Sichuan%22,public&pool_max_conns=8")
	if err != nil {
		t.Fatal(err)
	}
	want := pgTarget{conn: "postgres://pb@db.example:5433/patents?sslmode=verify-full", password: "s3cret",
		schema: "Sichuan", redacted: "postgres://pb:xxxxx@db.example:5433/patents?sslmode=verify-full&search_path=%22Sichuan%22,public&pool_max_conns=8"}
	if got != want {
		t.Errorf("libpqTarget =\n %+v\nwant\n %+v", got, want)
	}
	if q := quoteIdent(got.schema); q != `"Sichuan"` {
		t.Errorf("schema pattern %s", q)
	}
}

// Without the PostgreSQL client tools the error names the package to install.
func TestPGToolMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := pgTool("pg_dump")
	if patentbridge.ErrorCode(err) != patentbridge.EINVALID {
		t.Fatalf("error %v, want EINVALID", err)
	}
	if msg := patentbridge.ErrorMessage(err); !strings.Contains(msg, "未找到 pg_dump") || !strings.Contains(msg, "postgresql-client") {
		t.Errorf("message %q does not say what to install", msg)
	}
}
