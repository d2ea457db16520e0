package sqldb

import (
	"context"
	"database/sql"
	"fmt"

	"patentbridge"
	"patentbridge/internal/ledger"
)

var _ patentbridge.LedgerService = (*DB)(nil)

// Checkpoint returns the latest signed tree head. Returns ENOTFOUND while the ledger is empty.
func (db *DB) Checkpoint(ctx context.Context) (*patentbridge.LedgerCheckpoint, error) {
	var c patentbridge.LedgerCheckpoint
	var root, at string
	err := db.read.QueryRowContext(ctx, `SELECT size, root_hash, note, created_at FROM ledger_checkpoints
		ORDER BY size DESC LIMIT 1`).Scan(&c.Size, &root, &c.Note, &at)
	if isNoRows(err) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "公共账本还没有记录")
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: ledger checkpoint: %w", err)
	}
	h, err := ledger.DecodeHash(root)
	if err != nil {
		return nil, fmt.Errorf("sqldb: ledger checkpoint: %w", err)
	}
	c.RootHash = patentbridge.LedgerHash(h)
	c.At, err = parseTime(at)
	return &c, err
}

// ledgerSize is the size of the latest checkpoint, 0 when the ledger is empty.
func (db *DB) ledgerSize(ctx context.Context) (int64, error) {
	var n sql.NullInt64
	if err := db.read.QueryRowContext(ctx, `SELECT MAX(size) FROM ledger_checkpoints`).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqldb: ledger size: %w", err)
	}
	return n.Int64, nil
}

const ledgerEntryColumns = "idx, kind, object, record, leaf_hash, created_at"

// Entry returns the entry at index. Returns ENOTFOUND.
func (db *DB) Entry(ctx context.Context, index int64) (*patentbridge.LedgerEntry, error) {
	q := db.dialect.newQuery().add("SELECT "+ledgerEntryColumns+" FROM ledger_entries WHERE idx = ?", index)
	e, err := scanLedgerEntry(db.read.QueryRowContext(ctx, q.String(), q.args...))
	if isNoRows(err) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "公共账本中没有序号为 %d 的记录", index)
	}
	return e, err
}

// ListEntries returns one page of entries, newest first, and the total.
func (db *DB) ListEntries(ctx context.Context, offset, limit int) ([]*patentbridge.LedgerEntry, int64, error) {
	total, err := db.ledgerSize(ctx)
	if err != nil {
		return nil, 0, err
	}
	limit = min(max(limit, 1), 200)
	q := db.dialect.newQuery().add("SELECT "+ledgerEntryColumns+" FROM ledger_entries WHERE idx < ? ORDER BY idx DESC LIMIT ? OFFSET ?",
		total, limit, max(offset, 0))
	rs, err := db.read.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb: list ledger: %w", err)
	}
	defer rs.Close()
	out := []*patentbridge.LedgerEntry{}
	for rs.Next() {
		e, err := scanLedgerEntry(rs)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, e)
	}
	return out, total, rs.Err()
}

func scanLedgerEntry(r interface{ Scan(...any) error }) (*patentbridge.LedgerEntry, error) {
	var e patentbridge.LedgerEntry
	var record, leaf, at string
	if err := r.Scan(&e.Index, &e.Kind, &e.Object, &record, &leaf, &at); err != nil {
		if isNoRows(err) {
			return nil, err
		}
		return nil, fmt.Errorf("sqldb: ledger entry: %w", err)
	}
	e.Record = []byte(record)
	h, err := ledger.DecodeHash(leaf)
	if err != nil {
		return nil, fmt.Errorf("sqldb: ledger entry %d: %w", e.Index, err)
	}
	e.LeafHash = patentbridge.LedgerHash(h)
	e.At, err = parseTime(at)
	return &e, err
}

// LedgerVerifierKey returns the public key that checks the checkpoints ("" when unknown).
func (db *DB) LedgerVerifierKey() string {
	db.ledgerSigner() // a temporary key sets its own verifier key
	return db.LedgerPublicKey
}
