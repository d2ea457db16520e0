-- +goose Up
-- Dates are TEXT 'YYYY-MM-DD' ('' when unknown) and times TEXT
-- 'YYYY-MM-DDTHH:MM:SS.ffffffZ' in UTC, so both dialects compare them as strings.
-- Patents get increasing ids and child tables are keyed by patent_id, so a bulk
-- import of new patents appends to the end of every child table and index
-- instead of rewriting a page per random application number.
CREATE TABLE patents (
	id                 INTEGER PRIMARY KEY,
	app_no             TEXT NOT NULL UNIQUE CHECK (app_no <> ''),
	kind               TEXT NOT NULL CHECK (kind IN ('invention', 'utility', 'design', 'pct_invention', 'pct_utility')),
	pub_no             TEXT NOT NULL DEFAULT '',
	grant_no           TEXT NOT NULL DEFAULT '',
	title              TEXT NOT NULL DEFAULT '',
	abstract           TEXT NOT NULL DEFAULT '',
	first_claim        TEXT NOT NULL DEFAULT '',
	app_date           TEXT NOT NULL DEFAULT '',
	pub_date           TEXT NOT NULL DEFAULT '',
	grant_date         TEXT NOT NULL DEFAULT '',
	lapse_date         TEXT NOT NULL DEFAULT '',
	status             TEXT NOT NULL DEFAULT '' CHECK (status IN ('', 'in_force', 'pending', 'lapsed_unpaid', 'expired', 'invalidated', 'withdrawn_rejected')),
	status_text        TEXT NOT NULL DEFAULT '',
	main_ipc           TEXT NOT NULL DEFAULT '',
	ipc                TEXT NOT NULL DEFAULT '[]',
	region_code        TEXT NOT NULL DEFAULT '',
	city_code          TEXT NOT NULL DEFAULT '',
	address            TEXT NOT NULL DEFAULT '',
	agency             TEXT NOT NULL DEFAULT '',
	priority           TEXT NOT NULL DEFAULT '',
	pct_app_no         TEXT NOT NULL DEFAULT '',
	forward_citations  INTEGER NOT NULL DEFAULT 0,
	backward_citations INTEGER NOT NULL DEFAULT 0,
	family_size        INTEGER NOT NULL DEFAULT 0,
	claims_count       INTEGER NOT NULL DEFAULT 0,
	transfer_count     INTEGER NOT NULL DEFAULT 0,
	licence_count      INTEGER NOT NULL DEFAULT 0,
	pledge_count       INTEGER NOT NULL DEFAULT 0,
	applicants         TEXT NOT NULL DEFAULT '[]',
	patentees          TEXT NOT NULL DEFAULT '[]',
	inventors          TEXT NOT NULL DEFAULT '[]',
	events             TEXT NOT NULL DEFAULT '[]',
	extra              TEXT NOT NULL DEFAULT '{}',
	source             TEXT NOT NULL DEFAULT '',
	content_hash       TEXT NOT NULL,
	created_at         TEXT NOT NULL,
	updated_at         TEXT NOT NULL
);
CREATE INDEX patents_kind ON patents (kind);
CREATE INDEX patents_status ON patents (status);
CREATE INDEX patents_grant_date ON patents (grant_date);
CREATE INDEX patents_city_code ON patents (city_code);

-- Foreign keys are checked at commit, so that SQLite needs no statement journal
-- for the multi-row inserts of a batch.

-- patent_ipc holds every IPC code of a patent for prefix filters (code >= ? AND code < ?).
CREATE TABLE patent_ipc (
	patent_id INTEGER NOT NULL REFERENCES patents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
	code      TEXT NOT NULL,
	is_main   INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (patent_id, code)
) WITHOUT ROWID;
CREATE INDEX patent_ipc_code ON patent_ipc (code, patent_id);

-- patent_owners holds the current owners of each patent (the patentees, or the
-- applicants when no patentee is known) for the owner filters; applicants and
-- legal events stay in patents' JSON columns, which no filter needs. Owner names
-- are matched by substring, which no B-tree index serves, so name has none: it
-- would only slow every import down.
CREATE TABLE patent_owners (
	patent_id INTEGER NOT NULL REFERENCES patents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
	pos       INTEGER NOT NULL,
	name      TEXT NOT NULL,
	type      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (patent_id, pos)
) WITHOUT ROWID;
CREATE INDEX patent_owners_type ON patent_owners (type, patent_id);

-- patent_changes is the outbox that derived stores (the search index) tail by seq.
CREATE TABLE patent_changes (
	seq        INTEGER PRIMARY KEY AUTOINCREMENT,
	app_no     TEXT NOT NULL,
	op         TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
	changed_at TEXT NOT NULL
);

CREATE TABLE users (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	username      TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL DEFAULT '',
	role          TEXT NOT NULL CHECK (role IN ('admin', 'city', 'institution', 'enterprise', 'agency', 'financier')),
	org_name      TEXT NOT NULL DEFAULT '',
	city_code     TEXT NOT NULL DEFAULT '',
	password_hash TEXT NOT NULL,
	created_at    TEXT NOT NULL
);

CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE api_tokens (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	token_hash TEXT NOT NULL UNIQUE,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name       TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);
CREATE INDEX api_tokens_user_id ON api_tokens (user_id);

CREATE TABLE import_jobs (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	file_name   TEXT NOT NULL,
	status      TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
	summary     TEXT NOT NULL DEFAULT '{}',
	progress    REAL NOT NULL DEFAULT 0,
	error       TEXT NOT NULL DEFAULT '',
	created_by  INTEGER NOT NULL DEFAULT 0,
	created_at  TEXT NOT NULL,
	finished_at TEXT NOT NULL DEFAULT '',
	rejects     BLOB
);

CREATE TABLE audit_log (
	id      INTEGER PRIMARY KEY AUTOINCREMENT,
	at      TEXT NOT NULL,
	user_id INTEGER NOT NULL DEFAULT 0,
	action  TEXT NOT NULL,
	object  TEXT NOT NULL DEFAULT '',
	detail  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE import_jobs;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE patent_changes;
DROP TABLE patent_owners;
DROP TABLE patent_ipc;
DROP TABLE patents;
