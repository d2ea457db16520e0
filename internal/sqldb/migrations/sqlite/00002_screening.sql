-- +goose Up
-- Screening (DESIGN §3.4–3.6): runs, one result and one score per patent and run,
-- the institutions' declarations, the enterprises' ratings and the supply lists.

CREATE TABLE screening_runs (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	as_of           TEXT NOT NULL,
	rule_version    TEXT NOT NULL,
	weights_version TEXT NOT NULL,
	indicators      TEXT NOT NULL DEFAULT '', -- JSON: every indicator's name, group, label and weight in this run
	screened        INTEGER NOT NULL DEFAULT 0,
	sleeping        INTEGER NOT NULL DEFAULT 0,
	excluded        TEXT NOT NULL DEFAULT '{}',
	grades          TEXT NOT NULL DEFAULT '{}',
	started_at      TEXT NOT NULL,
	finished_at     TEXT NOT NULL DEFAULT ''
);

-- A run writes its results in scan order (patents.id), so both tables below only
-- ever append to the end of their primary key. patent_id has no foreign key: a
-- result is a snapshot, and a per-row parent check would slow the write down.
-- excluded_decl is '' unless the patent met every criterion but was excluded
-- through a declaration: 'reason' (a justified reason, criterion
-- no_justified_reason) or 'implemented' (an implementation declaration was the
-- only evidence against not_implemented); those rows make up the 已排除 list.
-- tags ('|s51:电子信息|a6:…|a103:川茶|sei:5|sei:5.2|f:海外同族|') is filled only
-- for listed rows (sleeping or excluded_decl <> '') and serves LIKE filters.
CREATE TABLE screening_results (
	run_id        INTEGER NOT NULL REFERENCES screening_runs (id) ON DELETE CASCADE,
	patent_id     INTEGER NOT NULL,
	sleeping      INTEGER NOT NULL,
	excluded_by   TEXT NOT NULL DEFAULT '',
	excluded_decl TEXT NOT NULL DEFAULT '',
	tags          TEXT NOT NULL DEFAULT '',
	criteria      TEXT NOT NULL, -- JSON [[criterion, outcome, evidence], …]
	classes       TEXT NOT NULL, -- JSON patentbridge.Classification
	flags         TEXT NOT NULL DEFAULT '[]',
	PRIMARY KEY (run_id, patent_id)
) WITHOUT ROWID;
-- Few distinct (sleeping, excluded_decl) values per run: entries append to a few runs of the index.
CREATE INDEX screening_results_listed ON screening_results (run_id, sleeping, excluded_decl);

-- vectors holds the normalized then the final raw indicator values as
-- little-endian float32, in the order of the run's indicators.
CREATE TABLE screening_scores (
	run_id    INTEGER NOT NULL REFERENCES screening_runs (id) ON DELETE CASCADE,
	patent_id INTEGER NOT NULL,
	grade     TEXT NOT NULL DEFAULT '',
	score     REAL NOT NULL,
	vectors   BLOB NOT NULL,
	PRIMARY KEY (run_id, patent_id)
) WITHOUT ROWID;

CREATE TABLE declarations (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	patent_id  INTEGER NOT NULL REFERENCES patents (id) ON DELETE CASCADE,
	kind       TEXT NOT NULL CHECK (kind IN ('implemented', 'reason')),
	reason     TEXT NOT NULL DEFAULT '',
	text       TEXT NOT NULL DEFAULT '',
	how        TEXT NOT NULL DEFAULT '',
	enterprise TEXT NOT NULL DEFAULT '',
	since      TEXT NOT NULL DEFAULT '',
	created_by INTEGER NOT NULL DEFAULT 0,
	org_name   TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	revoked_at TEXT NOT NULL DEFAULT '',
	revoked_by INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX declarations_patent_id ON declarations (patent_id);

CREATE TABLE ratings (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	patent_id   INTEGER NOT NULL REFERENCES patents (id) ON DELETE CASCADE,
	user_id     INTEGER NOT NULL,
	org_name    TEXT NOT NULL DEFAULT '',
	prospect    INTEGER NOT NULL CHECK (prospect BETWEEN 1 AND 5),
	improvement INTEGER NOT NULL CHECK (improvement BETWEEN 1 AND 5),
	cooperation INTEGER NOT NULL CHECK (cooperation BETWEEN 1 AND 5),
	comment     TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	UNIQUE (patent_id, user_id)
);

-- items is the JSON snapshot of the list's patents; number is unique within a
-- year once published.
CREATE TABLE supply_lists (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	title           TEXT NOT NULL,
	description     TEXT NOT NULL DEFAULT '',
	city_code       TEXT NOT NULL DEFAULT '',
	status          TEXT NOT NULL CHECK (status IN ('draft', 'published', 'withdrawn')),
	year            INTEGER NOT NULL DEFAULT 0,
	number          INTEGER NOT NULL DEFAULT 0,
	filter          TEXT NOT NULL DEFAULT '{}',
	items           TEXT NOT NULL DEFAULT '[]',
	created_by      INTEGER NOT NULL DEFAULT 0,
	created_at      TEXT NOT NULL,
	published_at    TEXT NOT NULL DEFAULT '',
	withdrawn_at    TEXT NOT NULL DEFAULT '',
	withdraw_reason TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX supply_lists_number ON supply_lists (year, number) WHERE number > 0;

-- +goose Down
DROP TABLE supply_lists;
DROP TABLE ratings;
DROP TABLE declarations;
DROP TABLE screening_scores;
DROP TABLE screening_results;
DROP TABLE screening_runs;
