package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
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

// TestServeSignsWithTheConfiguredKeyAndBackfillsOldLists: serve signs with
// --ledger-key's file (making none in the data directory) and serves its public
// key; a list published before the ledger existed is appended at the next start.
func TestServeSignsWithTheConfiguredKeyAndBackfillsOldLists(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pb.db")
	keyFile := filepath.Join(t.TempDir(), "platform.key")
	k, _, err := ledger.LoadOrCreateKey(keyFile, ledgerKeyName)
	if err != nil {
		t.Fatal(err)
	}
	withKey := func(c *config.Config) { c.LedgerKey = keyFile }
	m := MustOpenMain(t, "sqlite:"+path, 0, withKey)
	ctx := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	httpxtest.MustScreen(t, m.DB, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), httpxtest.SamplePatents()...)
	l := &patentbridge.SupplyList{Title: "旧清单", Filter: patentbridge.SleepingFilter{Limit: 1}}
	if err := m.DB.CreateSupplyList(ctx, l); err != nil {
		t.Fatal(err)
	}
	if _, err := m.DB.PublishSupplyList(ctx, l.ID, true); err != nil {
		t.Fatal(err)
	}
	res, err := http.Get(m.URL() + "/api/v1/ledger/key")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if strings.TrimSpace(string(body)) != k.VerifierKey {
		t.Fatalf("served key %q, want the configured %q", body, k.VerifierKey)
	}
	if _, err := os.Stat(filepath.Join(dir, ledger.KeyFile)); err == nil {
		t.Fatal("a key was made in the data directory although --ledger-key was given")
	}
	m.Close()

	raw, err := sql.Open("sqlite", path) // the database as it was before the ledger
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"DELETE FROM ledger_entries", "DELETE FROM ledger_hashes", "DELETE FROM ledger_checkpoints",
		"UPDATE supply_lists SET ledger_index = NULL"} {
		if _, err := raw.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	m = MustOpenMain(t, "sqlite:"+path, 0, withKey)
	got, err := m.DB.FindSupplyList(ctx, l.ID)
	if err != nil || got.LedgerIndex == nil || *got.LedgerIndex != 0 {
		t.Fatalf("after restart the old list's ledger index = %v (%v), want 0", got.LedgerIndex, err)
	}
	m.Close()
	pub := filepath.Join(t.TempDir(), "platform.pub")
	if err := os.WriteFile(pub, []byte(k.VerifierKey+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := MustRun(t, nil, "ledger", "verify", "--db", "sqlite:"+path, "--key", pub); code != 0 || !strings.Contains(out, "1 条记录") {
		t.Fatalf("verify after the backfill: %d\n%s%s", code, out, errOut)
	}
}
