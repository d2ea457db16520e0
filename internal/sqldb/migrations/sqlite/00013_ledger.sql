-- +goose Up
-- The public ledger (DESIGN §3.9): an append-only RFC 6962 Merkle log. Entry idx
-- holds the exact bytes that were hashed (record) and its leaf hash; ledger_hashes
-- holds the tree's stored hashes in tlog's numbering (tlog.StoredHashIndex), so
-- proofs need no recomputation; ledger_checkpoints holds every signed tree head.
-- Rows are only ever inserted, in the transaction of the act they record.
CREATE TABLE ledger_entries (
	idx        INTEGER PRIMARY KEY,
	kind       TEXT NOT NULL,
	object     TEXT NOT NULL,
	record     TEXT NOT NULL,
	leaf_hash  TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX ledger_entries_object ON ledger_entries (object, idx);
CREATE TABLE ledger_hashes (
	idx  INTEGER PRIMARY KEY,
	hash TEXT NOT NULL
);
CREATE TABLE ledger_checkpoints (
	size       INTEGER PRIMARY KEY,
	root_hash  TEXT NOT NULL,
	note       TEXT NOT NULL,
	created_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE ledger_checkpoints;
DROP TABLE ledger_hashes;
DROP TABLE ledger_entries;
