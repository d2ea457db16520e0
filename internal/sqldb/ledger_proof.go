package sqldb

import (
	"context"
	"fmt"

	"golang.org/x/mod/sumdb/tlog"

	"patentbridge"
	"patentbridge/internal/ledger"
)

// InclusionProof proves entry index is in the tree of size. Returns EINVALID
// for an index outside the tree and ENOTFOUND for a tree larger than the ledger.
func (db *DB) InclusionProof(ctx context.Context, index, size int64) (*patentbridge.LedgerProof, error) {
	if index < 0 || size < 1 || index >= size {
		return nil, patentbridge.Errorf(patentbridge.EINVALID, "序号 %d 不在大小为 %d 的账本树中（序号应满足 0 ≤ 序号 < 大小）", index, size)
	}
	if err := db.checkLedgerSize(ctx, size); err != nil {
		return nil, err
	}
	r := readHashReader{ctx, db}
	proof, err := tlog.ProveRecord(size, index, r)
	if err != nil {
		return nil, fmt.Errorf("sqldb: inclusion proof: %w", err)
	}
	root, err := tlog.TreeHash(size, r)
	if err != nil {
		return nil, fmt.Errorf("sqldb: inclusion proof: %w", err)
	}
	return &patentbridge.LedgerProof{Index: index, Size: size, RootHash: patentbridge.LedgerHash(root), Hashes: proofHashes(proof)}, nil
}

// ConsistencyProof proves the tree of first is a prefix of the tree of second.
// Returns EINVALID unless 1 ≤ first ≤ second, ENOTFOUND for a tree larger than the ledger.
func (db *DB) ConsistencyProof(ctx context.Context, first, second int64) (*patentbridge.LedgerProof, error) {
	if first < 1 || first > second {
		return nil, patentbridge.Errorf(patentbridge.EINVALID, "一致性证明要求 1 ≤ first ≤ second（收到 first=%d，second=%d）", first, second)
	}
	if err := db.checkLedgerSize(ctx, second); err != nil {
		return nil, err
	}
	r := readHashReader{ctx, db}
	proof, err := tlog.ProveTree(second, first, r)
	if err != nil {
		return nil, fmt.Errorf("sqldb: consistency proof: %w", err)
	}
	root, err := tlog.TreeHash(second, r)
	if err != nil {
		return nil, fmt.Errorf("sqldb: consistency proof: %w", err)
	}
	old, err := tlog.TreeHash(first, r)
	if err != nil {
		return nil, fmt.Errorf("sqldb: consistency proof: %w", err)
	}
	return &patentbridge.LedgerProof{Index: first, Size: second, RootHash: patentbridge.LedgerHash(root),
		OldRoot: patentbridge.LedgerHash(old), Hashes: proofHashes(proof)}, nil
}

// checkLedgerSize returns ENOTFOUND when the ledger has fewer than size entries.
func (db *DB) checkLedgerSize(ctx context.Context, size int64) error {
	n, err := db.ledgerSize(ctx)
	if err != nil {
		return err
	}
	if size > n {
		return patentbridge.Errorf(patentbridge.ENOTFOUND, "公共账本目前只有 %d 条记录，没有大小为 %d 的树", n, size)
	}
	return nil
}

func proofHashes[T ~[]tlog.Hash](p T) []patentbridge.LedgerHash {
	out := make([]patentbridge.LedgerHash, len(p))
	for i, h := range p {
		out[i] = patentbridge.LedgerHash(h)
	}
	return out
}

// readHashReader reads the ledger's stored hashes from the read pool; they are
// only ever inserted, so any tree no larger than a committed checkpoint reads
// the same hashes whatever is appended meanwhile.
type readHashReader struct {
	ctx context.Context
	db  *DB
}

// ReadHashes returns the stored hashes at the indexes, in order.
func (r readHashReader) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	if len(indexes) == 0 {
		return nil, nil
	}
	q := r.db.dialect.newQuery().add("SELECT idx, hash FROM ledger_hashes WHERE idx IN ").addIDs(indexes)
	rs, err := r.db.read.QueryContext(r.ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: ledger hashes: %w", err)
	}
	defer rs.Close()
	got := make(map[int64]tlog.Hash, len(indexes))
	for rs.Next() {
		var idx int64
		var s string
		if err := rs.Scan(&idx, &s); err != nil {
			return nil, fmt.Errorf("sqldb: ledger hashes: %w", err)
		}
		if got[idx], err = ledger.DecodeHash(s); err != nil {
			return nil, err
		}
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("sqldb: ledger hashes: %w", err)
	}
	out := make([]tlog.Hash, len(indexes))
	for i, idx := range indexes {
		h, ok := got[idx]
		if !ok {
			return nil, fmt.Errorf("sqldb: ledger hash %d missing", idx)
		}
		out[i] = h
	}
	return out, nil
}
