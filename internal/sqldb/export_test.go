package sqldb

import (
	"context"

	"golang.org/x/crypto/bcrypt"
)

// ExecForTest runs a statement on the write pool, for tests that break the
// database on purpose (an audit insert that fails, an entry that is edited).
func (db *DB) ExecForTest(ctx context.Context, sql string) error {
	_, err := db.write.ExecContext(ctx, sql)
	return err
}

// QueryIntForTest runs a one-number query on the write pool, for tests that
// check rows no service reads back.
func (db *DB) QueryIntForTest(ctx context.Context, sql string) (int, error) {
	var n int
	err := db.write.QueryRowContext(ctx, sql).Scan(&n)
	return n, err
}

// DummyHashCost returns the bcrypt cost of the hash that logins with an unknown
// username are checked against.
func DummyHashCost(db *DB) int {
	c, _ := bcrypt.Cost(dummyHash(db.PasswordCost))
	return c
}

// MigrateToForTest moves the schema down or up to version v, for tests of a
// migration over rows written before it.
func (db *DB) MigrateToForTest(ctx context.Context, v int64) error {
	p, err := db.provider()
	if err != nil {
		return err
	}
	cur, err := p.GetDBVersion(ctx)
	if err != nil {
		return err
	}
	if v < cur {
		_, err = p.DownTo(ctx, v)
	} else {
		_, err = p.UpTo(ctx, v)
	}
	return err
}

// NotifyOrgNamedForTest sends a message to a named organization the way the
// push-list code does, inside an act's transaction that then fails with fail
// (nil: commits).
func (db *DB) NotifyOrgNamedForTest(ctx context.Context, name, kind, title, link string, fail error) (bool, error) {
	var sent bool
	err := db.WithTx(ctx, func(tx *Tx) error {
		var err error
		if sent, err = tx.notifyOrgNamed(ctx, name, kind, title, "", link); err != nil {
			return err
		}
		return fail
	})
	return sent, err
}

// AppendLedgerForTest appends one ledger entry in a transaction of its own,
// for tests of the ledger itself.
func (db *DB) AppendLedgerForTest(ctx context.Context, kind, object string, data any) (int64, error) {
	var idx int64
	err := db.WithTx(ctx, func(tx *Tx) (err error) {
		idx, err = tx.appendLedger(ctx, kind, object, data)
		return err
	})
	return idx, err
}

// LedgerNoteForTest returns the signed checkpoint of the tree of size n.
func (db *DB) LedgerNoteForTest(ctx context.Context, n int64) (string, error) {
	var s string
	err := db.read.QueryRowContext(ctx, db.dialect.rebind(`SELECT note FROM ledger_checkpoints WHERE size = ?`), n).Scan(&s)
	return s, err
}

// LedgerRecordForTest returns the stored bytes of ledger entry idx.
func (db *DB) LedgerRecordForTest(ctx context.Context, idx int64) (string, error) {
	var s string
	err := db.read.QueryRowContext(ctx, db.dialect.rebind(`SELECT record FROM ledger_entries WHERE idx = ?`), idx).Scan(&s)
	return s, err
}
