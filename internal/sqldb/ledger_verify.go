package sqldb

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/mod/sumdb/note"

	"patentbridge"
	"patentbridge/internal/ledger"
)

// VerifyLedger recomputes every leaf, stored hash and tree head from the
// records and checks every stored checkpoint, and its signature with
// LedgerPublicKey when one is set; then it compares the acts still stored
// with their records (verifyActs). It reads the ledger in one read
// transaction, so appends meanwhile do not disturb it.
func (db *DB) VerifyLedger(ctx context.Context) (*patentbridge.LedgerReport, error) {
	var v note.Verifier
	if db.LedgerPublicKey != "" {
		var err error
		if v, err = note.NewVerifier(db.LedgerPublicKey); err != nil {
			return nil, patentbridge.Errorf(patentbridge.EINVALID, "公共账本的公钥无效：%v", err)
		}
	}
	s, err := db.storedLedger(ctx)
	if err != nil {
		return nil, err
	}
	rep := ledger.Verify(s, v)
	n, problems, err := db.verifyActs(ctx, s.Entries)
	if err != nil {
		return nil, err
	}
	rep.Acts, rep.Problems = n, append(rep.Problems, problems...)
	return rep, nil
}

// storedLedger reads every entry, stored hash and checkpoint in one read transaction.
func (db *DB) storedLedger(ctx context.Context) (ledger.Stored, error) {
	s := ledger.Stored{Hashes: map[int64]string{}}
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return s, fmt.Errorf("sqldb: verify ledger: %w", err)
	}
	defer tx.Rollback()
	rs, err := tx.QueryContext(ctx, "SELECT idx, record, leaf_hash FROM ledger_entries ORDER BY idx")
	if err != nil {
		return s, fmt.Errorf("sqldb: verify ledger: %w", err)
	}
	for rs.Next() {
		var e ledger.StoredEntry
		var rec string
		if err := rs.Scan(&e.Index, &rec, &e.LeafHash); err != nil {
			rs.Close()
			return s, fmt.Errorf("sqldb: verify ledger: %w", err)
		}
		e.Record = []byte(rec)
		s.Entries = append(s.Entries, e)
	}
	if err := errors.Join(rs.Err(), rs.Close()); err != nil {
		return s, fmt.Errorf("sqldb: verify ledger: %w", err)
	}
	if rs, err = tx.QueryContext(ctx, "SELECT idx, hash FROM ledger_hashes"); err != nil {
		return s, fmt.Errorf("sqldb: verify ledger: %w", err)
	}
	for rs.Next() {
		var i int64
		var h string
		if err := rs.Scan(&i, &h); err != nil {
			rs.Close()
			return s, fmt.Errorf("sqldb: verify ledger: %w", err)
		}
		s.Hashes[i] = h
	}
	if err := errors.Join(rs.Err(), rs.Close()); err != nil {
		return s, fmt.Errorf("sqldb: verify ledger: %w", err)
	}
	if rs, err = tx.QueryContext(ctx, "SELECT size, root_hash, note FROM ledger_checkpoints ORDER BY size"); err != nil {
		return s, fmt.Errorf("sqldb: verify ledger: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var c ledger.StoredCheckpoint
		if err := rs.Scan(&c.Size, &c.RootHash, &c.Note); err != nil {
			return s, fmt.Errorf("sqldb: verify ledger: %w", err)
		}
		s.Checkpoints = append(s.Checkpoints, c)
	}
	return s, rs.Err()
}
