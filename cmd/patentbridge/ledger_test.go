package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/config"
	"patentbridge/internal/httpx/httpxtest"
	"patentbridge/internal/ledger"
	"patentbridge/internal/sqldb"
)

// TestLedgerVerifyCommand: the platform's key is made in the data directory at
// first start; `ledger verify` passes on the published lists, names the entry
// whose record was altered in the database with a non-zero exit, and fails
// every checkpoint checked with another key.
func TestLedgerVerifyCommand(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pb.db")
	dsn := "sqlite:" + path
	ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if err := useLedgerKey(db, config.Config{DB: dsn}, newLogger(os.Stderr, 8)); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(dir, ledger.KeyFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", fi, err)
	}
	httpxtest.MustScreen(t, db, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), httpxtest.SamplePatents()...)
	for i := range 3 {
		l := &patentbridge.SupplyList{Title: fmt.Sprintf("清单%d", i), Filter: patentbridge.SleepingFilter{Limit: 1}}
		if err := db.CreateSupplyList(ctx, l); err != nil {
			t.Fatal(err)
		}
		if _, err := db.PublishSupplyList(ctx, l.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	code, out, errOut := MustRun(t, nil, "ledger", "verify", "--db", dsn)
	if code != 0 || !strings.HasPrefix(out, "OK") || !strings.Contains(out, "3 条记录") || errOut != "" {
		t.Fatalf("verify: %d\n%s\n%s", code, out, errOut)
	}

	other, _, err := ledger.LoadOrCreateKey(filepath.Join(t.TempDir(), "other.key"), ledgerKeyName)
	if err != nil {
		t.Fatal(err)
	}
	pub := filepath.Join(t.TempDir(), "other.pub")
	if err := os.WriteFile(pub, []byte(other.VerifierKey), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = MustRun(t, nil, "ledger", "verify", "--db", dsn, "--key", pub)
	if code != 1 || strings.Count(out, "签名无效") != 3 {
		t.Fatalf("verify with another key: %d\n%s", code, out)
	}

	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE ledger_entries SET record = REPLACE(record, '清单1', '清单9') WHERE idx = 1`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	code, out, _ = MustRun(t, nil, "ledger", "verify", "--db", dsn)
	if code != 1 || !strings.Contains(out, "序号 1：") || strings.Contains(out, "序号 0") || strings.Contains(out, "序号 2") {
		t.Fatalf("verify after altering entry 1: %d\n%s", code, out)
	}
}
