package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"patentbridge"
)

// The demo's acts verify against their ledger records; a declaration's fee
// changed in the database after its announcement is found by ledger verify,
// named with its entry and the changed field.
func TestLedgerVerifyFindsADeclarationAlteredAfterAnnouncement(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	m := MustOpenMain(t, "sqlite:"+path, 400)
	ctx := platform(context.Background())
	rep, err := m.DB.VerifyLedger(ctx)
	if err != nil || !rep.OK() || rep.Acts < 10 {
		t.Fatalf("demo ledger: %+v, %v", rep, err)
	}
	ols, _, err := m.DB.ListOpenLicences(ctx, patentbridge.OpenLicenceFilter{Status: patentbridge.OpenAnnounced, Limit: 1})
	if err != nil || len(ols) == 0 || ols[0].LedgerIndex == nil {
		t.Fatalf("announced declarations: %v, %v", ols, err)
	}
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE open_licences SET fee_json = '{"method":"fixed","lump_sum_fen":90000000}' WHERE id = ?`, ols[0].ID); err != nil {
		t.Fatal(err)
	}
	code, out, _ := MustRun(t, nil, "ledger", "verify", "--db", "sqlite:"+path)
	if code == 0 || !strings.Contains(out, "开放许可声明") || !strings.Contains(out, "fee") {
		t.Fatalf("verify after the change: %d\n%s", code, out)
	}
	if !strings.Contains(out, "序号 "+itoa(int(*ols[0].LedgerIndex))+"：") {
		t.Errorf("the entry is not named:\n%s", out)
	}
}

// A key file that holds no verifier key is refused in Chinese, naming the file.
func TestLedgerVerifyRefusesABadKeyFile(t *testing.T) {
	dir := t.TempDir()
	dsn := "sqlite:" + filepath.Join(dir, "pb.db")
	MustOpenMain(t, dsn, 0)
	bad := filepath.Join(dir, "bad.pub")
	if err := os.WriteFile(bad, []byte("not a key\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := MustRun(t, nil, "ledger", "verify", "--db", dsn, "--key", bad)
	if code == 0 || !strings.Contains(errOut, "不是有效的账本公钥") || !strings.Contains(errOut, "bad.pub") {
		t.Fatalf("verify with a bad key file: %d %s", code, errOut)
	}
}
