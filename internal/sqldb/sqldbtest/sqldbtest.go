// Package sqldbtest opens throwaway PatentBridge databases for tests: a fresh
// SQLite file in t.TempDir(), and a fresh PostgreSQL schema when the environment
// variable PATENTBRIDGE_TEST_POSTGRES holds a server URL, e.g.
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable.
//
// Typical use runs one test body on every available database:
//
//	func TestSomething(t *testing.T) {
//		sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
//			// db is migrated and empty; it is closed (and dropped) at cleanup.
//		})
//	}
package sqldbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // "pgx" driver for the schema admin connection
	"golang.org/x/crypto/bcrypt"

	"patentbridge/internal/sqldb"
)

// PostgresEnv names the environment variable holding the PostgreSQL test URL.
const PostgresEnv = "PATENTBRIDGE_TEST_POSTGRES"

// Each runs fn as subtest "sqlite" on a fresh SQLite database and as subtest
// "postgres" on a fresh PostgreSQL schema, which is skipped with a message when
// PATENTBRIDGE_TEST_POSTGRES is unset.
func Each(t *testing.T, fn func(t *testing.T, db *sqldb.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite opens a fresh, migrated SQLite database in tb.TempDir(), with a fast
// password hash; it is closed at cleanup.
func SQLite(tb testing.TB) *sqldb.DB {
	tb.Helper()
	return open(tb, filepath.Join(tb.TempDir(), "patentbridge.db"))
}

// SQLiteDSN returns a fresh SQLite database name in tb.TempDir() for tests that
// open the database themselves (e.g. through the command line).
func SQLiteDSN(tb testing.TB) string {
	tb.Helper()
	return "sqlite:" + filepath.Join(tb.TempDir(), "patentbridge.db")
}

// Postgres opens a fresh, migrated PostgreSQL database isolated in its own schema,
// dropped at cleanup; it skips the test when PATENTBRIDGE_TEST_POSTGRES is unset.
func Postgres(tb testing.TB) *sqldb.DB {
	tb.Helper()
	return open(tb, PostgresDSN(tb))
}

// PostgresDSN creates a fresh schema (dropped at cleanup) and returns a URL whose
// search_path selects it; it skips the test when PATENTBRIDGE_TEST_POSTGRES is unset.
func PostgresDSN(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		tb.Skipf("PostgreSQL tests skipped: set %s to a server URL, e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable", PostgresEnv)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("open %s: %v", PostgresEnv, err)
	}
	tb.Cleanup(func() { admin.Close() })
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		tb.Fatalf("create test schema: %v", err)
	}
	tb.Cleanup(func() {
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			tb.Errorf("drop test schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("parse %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func open(tb testing.TB, dsn string) *sqldb.DB {
	tb.Helper()
	db, err := sqldb.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatalf("open test database: %v", err)
	}
	db.PasswordCost = bcrypt.MinCost
	db.Now = NewClock(Start)
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("close test database: %v", err)
		}
	})
	return db
}

// Start is the time at which every test database's clock starts: fixed, so that no
// store test depends on today's date.
var Start = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// NewClock returns a clock that starts at start and moves one millisecond forward
// at each reading, so that successive writes get distinct, ordered times.
func NewClock(start time.Time) func() time.Time {
	var mu sync.Mutex
	t := start
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t = t.Add(time.Millisecond)
		return t
	}
}
