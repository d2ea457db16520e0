package sqldb

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"log/slog"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"patentbridge/internal/ledger"
)

// appendLedger appends the public record of an act to the ledger in the act's
// transaction and signs the new tree head: kind names the act
// ("open_licence.announce"), object what it is about ("open_licence:12"), data
// its public content. It returns the entry's index. If anything fails the
// error rolls back the act with it, so there is never an act without its entry.
func (tx *Tx) appendLedger(ctx context.Context, kind, object string, data any) (int64, error) {
	if q := tx.db.dialect.lockLedger; q != "" {
		if _, err := tx.exec(ctx, tx.q().add(q)); err != nil {
			return 0, fmt.Errorf("sqldb: lock ledger: %w", err)
		}
	}
	record, err := ledger.Canonical(ledger.Record{Kind: kind, Object: object, At: tx.now, Data: data})
	if err != nil {
		return 0, err
	}
	var n int64
	if err := tx.queryRow(ctx, tx.q().add(`SELECT COUNT(*) FROM ledger_entries`)).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqldb: ledger size: %w", err)
	}
	hashes, err := tlog.StoredHashes(n, record, txHashReader{ctx, tx})
	if err != nil {
		return 0, fmt.Errorf("sqldb: ledger hashes: %w", err)
	}
	leaf := tlog.RecordHash(record)
	if _, err := tx.exec(ctx, tx.q().add(`INSERT INTO ledger_entries (idx, kind, object, record, leaf_hash, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, n, kind, clip(object, 200), string(record), encodeHash(leaf), formatTime(tx.now))); err != nil {
		return 0, fmt.Errorf("sqldb: ledger entry: %w", err)
	}
	first := tlog.StoredHashIndex(0, n)
	for i, h := range hashes {
		if _, err := tx.exec(ctx, tx.q().add(`INSERT INTO ledger_hashes (idx, hash) VALUES (?, ?)`,
			first+int64(i), encodeHash(h))); err != nil {
			return 0, fmt.Errorf("sqldb: ledger hash: %w", err)
		}
	}
	return n, tx.signLedger(ctx, n+1)
}

// signLedger computes the head of the tree of size n and stores its signed checkpoint.
func (tx *Tx) signLedger(ctx context.Context, n int64) error {
	root, err := tlog.TreeHash(n, txHashReader{ctx, tx})
	if err != nil {
		return fmt.Errorf("sqldb: ledger root: %w", err)
	}
	msg, err := note.Sign(&note.Note{Text: string(ledger.FormatCheckpoint(tlog.Tree{N: n, Hash: root}))}, tx.db.ledgerSigner())
	if err != nil {
		return fmt.Errorf("sqldb: sign checkpoint: %w", err)
	}
	if _, err := tx.exec(ctx, tx.q().add(`INSERT INTO ledger_checkpoints (size, root_hash, note, created_at) VALUES (?, ?, ?, ?)`,
		n, encodeHash(root), string(msg), formatTime(tx.now))); err != nil {
		return fmt.Errorf("sqldb: ledger checkpoint: %w", err)
	}
	return nil
}

// ledgerSigner returns the configured signer, or a temporary one made once.
func (db *DB) ledgerSigner() note.Signer {
	db.ledgerOnce.Do(func() {
		if db.LedgerSigner != nil {
			return
		}
		skey, vkey, err := note.GenerateKey(rand.Reader, "patentbridge-temporary")
		db.LedgerPublicKey = vkey
		if err == nil {
			db.LedgerSigner, err = note.NewSigner(skey)
		}
		if err != nil {
			panic(fmt.Sprintf("sqldb: temporary ledger key: %v", err)) // crypto/rand never fails
		}
		slog.Warn("ledger: no signing key configured; checkpoints are signed with a temporary key")
	})
	return db.LedgerSigner
}

// txHashReader reads the ledger's stored hashes inside a transaction.
type txHashReader struct {
	ctx context.Context
	tx  *Tx
}

// ReadHashes returns the stored hashes at the indexes, in order.
func (r txHashReader) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, idx := range indexes {
		var s string
		if err := r.tx.queryRow(r.ctx, r.tx.q().add(`SELECT hash FROM ledger_hashes WHERE idx = ?`, idx)).Scan(&s); err != nil {
			return nil, fmt.Errorf("sqldb: ledger hash %d: %w", idx, err)
		}
		h, err := decodeHash(s)
		if err != nil {
			return nil, err
		}
		out[i] = h
	}
	return out, nil
}

// encodeHash is a tree hash as stored and served: standard base64.
func encodeHash(h tlog.Hash) string { return base64.StdEncoding.EncodeToString(h[:]) }

// decodeHash parses a stored hash.
func decodeHash(s string) (tlog.Hash, error) {
	var h tlog.Hash
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != len(h) {
		return h, fmt.Errorf("sqldb: bad stored hash %q", s)
	}
	copy(h[:], b)
	return h, nil
}
