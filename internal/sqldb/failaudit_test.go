package sqldb_test

import (
	"context"
	"testing"

	"patentbridge/internal/sqldb"
)

// MustFailAudit makes every later audit insert of db fail, so that a test can
// check that an act whose audit row cannot be written leaves nothing behind.
func MustFailAudit(tb testing.TB, db *sqldb.DB) {
	tb.Helper()
	ctx := context.Background()
	stmts := []string{"CREATE TRIGGER audit_fail BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'injected'); END"}
	if db.Dialect() == "postgres" {
		stmts = []string{
			"CREATE FUNCTION audit_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected'; END; $$ LANGUAGE plpgsql",
			"CREATE TRIGGER audit_fail BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_fail()",
		}
	}
	for _, s := range stmts {
		if err := db.ExecForTest(ctx, s); err != nil {
			tb.Fatalf("inject audit failure: %v", err)
		}
	}
}

// MustFailLedger makes every later ledger insert of db fail.
func MustFailLedger(tb testing.TB, db *sqldb.DB) {
	tb.Helper()
	stmts := []string{"CREATE TRIGGER ledger_fail BEFORE INSERT ON ledger_entries BEGIN SELECT RAISE(ABORT, 'injected'); END"}
	if db.Dialect() == "postgres" {
		stmts = []string{
			"CREATE FUNCTION ledger_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected'; END; $$ LANGUAGE plpgsql",
			"CREATE TRIGGER ledger_fail BEFORE INSERT ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_fail()",
		}
	}
	for _, s := range stmts {
		if err := db.ExecForTest(context.Background(), s); err != nil {
			tb.Fatalf("inject ledger failure: %v", err)
		}
	}
}

// MustRestoreLedger undoes MustFailLedger.
func MustRestoreLedger(tb testing.TB, db *sqldb.DB) {
	tb.Helper()
	s := "DROP TRIGGER ledger_fail"
	if db.Dialect() == "postgres" {
		s += " ON ledger_entries"
	}
	if err := db.ExecForTest(context.Background(), s); err != nil {
		tb.Fatalf("restore ledger: %v", err)
	}
}
