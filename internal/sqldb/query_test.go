package sqldb

import (
	"context"
	"path/filepath"
	"testing"

	"patentbridge"
)

func TestQueryNumbersPlaceholders(t *testing.T) {
	for _, tt := range []struct {
		d    *dialect
		want string
	}{
		{sqliteDialect, "SELECT 1 WHERE a = ? AND b IN (?, ?) LIMIT ?"},
		{postgresDialect, "SELECT 1 WHERE a = $1 AND b IN ($2, $3) LIMIT $4"},
	} {
		q := tt.d.newQuery().add("SELECT 1 WHERE a = ?", "x").add(" AND b IN ").addList([]string{"y", "z"}).add(" LIMIT ?", 5)
		if q.String() != tt.want || len(q.args) != 4 {
			t.Errorf("%s: %q with %d args, want %q with 4", tt.d.name, q.String(), len(q.args), tt.want)
		}
		if got := tt.d.rebind("a = ? AND b = ?"); got != map[bool]string{false: "a = ? AND b = ?", true: "a = $1 AND b = $2"}[tt.d.numbered] {
			t.Errorf("%s rebind = %q", tt.d.name, got)
		}
	}
}

func TestIPCRange(t *testing.T) {
	for _, tt := range []struct{ prefix, lo, hi string }{
		{"H01M", "H01M", "H01N"},
		{"h01m", "H01M", "H01N"},
		{"G06F16", "G06F16/", "G06F160"},
		{"G06F 16/35", "G06F16/35", "G06F16/36"},
		{"G", "G", "H"},
	} {
		lo, hi, err := ipcRange(tt.prefix)
		if err != nil || lo != tt.lo || hi != tt.hi {
			t.Errorf("ipcRange(%q) = %q, %q, %v; want %q, %q", tt.prefix, lo, hi, err, tt.lo, tt.hi)
		}
	}
	for _, bad := range []string{"电池", "G06F16/3X", "Z99"} {
		if _, _, err := ipcRange(bad); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
			t.Errorf("ipcRange(%q) error = %v, want EINVALID", bad, err)
		}
	}
}

func TestSQLiteDSNPutsBusyTimeoutFirst(t *testing.T) {
	dsn := sqliteDSN("data/patentbridge.db", true)
	if want := "file:data/patentbridge.db?_pragma=busy_timeout(10000)&"; dsn[:len(want)] != want {
		t.Errorf("sqliteDSN = %q, want it to start with %q", dsn, want)
	}
}

func TestSQLiteNewDatabasePageSizeAndWAL(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var size int
	var mode string
	if err := db.read.QueryRow("PRAGMA page_size").Scan(&size); err != nil {
		t.Fatal(err)
	}
	if err := db.read.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if size != sqlitePageSize || mode != "wal" {
		t.Fatalf("new database: page_size %d, journal_mode %q; want %d and wal", size, mode, sqlitePageSize)
	}
}
