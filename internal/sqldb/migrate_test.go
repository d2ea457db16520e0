package sqldb_test

import (
	"context"
	"path/filepath"
	"testing"

	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

func TestMigrationsIdempotentOnReopen(t *testing.T) {
	ctx := context.Background()
	dsns := map[string]func(testing.TB) string{
		"sqlite": func(tb testing.TB) string {
			// A plain path in a directory that does not exist yet.
			return filepath.Join(tb.TempDir(), "data", "patentbridge.db")
		},
		"postgres": sqldbtest.PostgresDSN,
	}
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			dsn := dsns[name](t)
			db, err := sqldb.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			if db.Dialect() != name {
				t.Errorf("Dialect = %q, want %q", db.Dialect(), name)
			}
			MustUpsert(t, db, newPatent(1))
			v1, err := db.MigrationVersion(ctx)
			if err != nil || v1 < 1 {
				t.Fatalf("MigrationVersion = %d, %v", v1, err)
			}
			db.Close()

			db, err = sqldb.Open(ctx, dsn)
			if err != nil {
				t.Fatalf("reopen: %v", err)
			}
			defer db.Close()
			if v2, err := db.MigrationVersion(ctx); err != nil || v2 != v1 {
				t.Errorf("MigrationVersion after reopen = %d, %v; want %d", v2, err, v1)
			}
			if n, _ := db.CountPatents(ctx); n != 1 {
				t.Errorf("CountPatents after reopen = %d, want 1", n)
			}
		})
	}
}
