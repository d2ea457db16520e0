package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"patentbridge/internal/config"
)

// testDSNs returns a fresh SQLite database, and a fresh PostgreSQL schema when
// PATENTBRIDGE_TEST_POSTGRES holds a server URL.
func testDSNs(tb testing.TB) []string {
	tb.Helper()
	dsns := []string{"sqlite:" + filepath.Join(tb.TempDir(), "pb.db")}
	if pg := os.Getenv("PATENTBRIDGE_TEST_POSTGRES"); pg != "" {
		dsns = append(dsns, MustPostgresSchema(tb, pg))
	} else {
		tb.Log("PATENTBRIDGE_TEST_POSTGRES not set: PostgreSQL variant skipped")
	}
	return dsns
}

// MustPostgresSchema creates a throw-away schema on the server and returns a DSN
// whose search_path points at it; the schema is dropped when the test ends.
func MustPostgresSchema(tb testing.TB, base string) string {
	tb.Helper()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "pbtest_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		_, _ = admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func dsnLabel(dsn string) string {
	if strings.HasPrefix(dsn, "postgres") {
		return "postgres"
	}
	return "sqlite"
}

// MustOpenMain starts the real server on a free port with the given database;
// options adjust its configuration.
func MustOpenMain(tb testing.TB, dsn string, demoN int, options ...func(*config.Config)) *Main {
	tb.Helper()
	m := &Main{
		Config: config.Config{DB: dsn, Addr: "127.0.0.1:0", AdminPassword: "admin-secret-1", IndexDir: filepath.Join(tb.TempDir(), "index"),
			Demo: demoN > 0, DemoN: demoN},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	for _, o := range options {
		o(&m.Config)
	}
	if testing.Verbose() {
		m.Logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	if err := m.Open(context.Background()); err != nil {
		_ = m.Close()
		tb.Fatalf("open: %v", err)
	}
	go func() { _ = m.Serve() }()
	tb.Cleanup(func() { _ = m.Close() })
	return m
}
