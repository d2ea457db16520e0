-- +goose Up
-- Background jobs (upload imports, screening runs) live in the database with a
-- lease: the process that claimed one (owner) renews lease_until while it
-- works; a job whose lease ran out belongs to a dead process and is marked
-- interrupted, to be resumed by another process or by an admin. attempts counts
-- the claims. An import job keeps its upload's path (inside the jobs
-- directory) until the job ends or is discarded.
CREATE TABLE import_jobs_new (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	file_name   TEXT NOT NULL,
	status      TEXT NOT NULL CHECK (status IN ('queued', 'running', 'interrupted', 'done', 'failed', 'discarded')),
	summary     TEXT NOT NULL DEFAULT '{}',
	progress    REAL NOT NULL DEFAULT 0,
	error       TEXT NOT NULL DEFAULT '',
	created_by  INTEGER NOT NULL DEFAULT 0,
	created_at  TEXT NOT NULL,
	finished_at TEXT NOT NULL DEFAULT '',
	rejects     BLOB,
	upload      TEXT NOT NULL DEFAULT '',
	owner       TEXT NOT NULL DEFAULT '',
	lease_until TEXT NOT NULL DEFAULT '',
	attempts    INTEGER NOT NULL DEFAULT 0
);
-- Jobs queued or running before this version were held in the memory of a
-- process that is gone, with their upload in a temporary directory: they are
-- running without a lease, so the first sweep marks them interrupted.
INSERT INTO import_jobs_new (id, file_name, status, summary, progress, error, created_by, created_at, finished_at, rejects)
	SELECT id, file_name, CASE WHEN status = 'queued' THEN 'running' ELSE status END,
		summary, progress, error, created_by, created_at, finished_at, rejects FROM import_jobs;
DROP TABLE import_jobs;
ALTER TABLE import_jobs_new RENAME TO import_jobs;
CREATE INDEX import_jobs_open ON import_jobs (status, id) WHERE status IN ('queued', 'running', 'interrupted');

ALTER TABLE screening_runs ADD COLUMN status TEXT NOT NULL DEFAULT 'running'
	CHECK (status IN ('queued', 'running', 'interrupted', 'done', 'failed'));
ALTER TABLE screening_runs ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE screening_runs ADD COLUMN lease_until TEXT NOT NULL DEFAULT '';
ALTER TABLE screening_runs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE screening_runs ADD COLUMN error TEXT NOT NULL DEFAULT '';
UPDATE screening_runs SET status = 'done' WHERE finished_at <> '';
CREATE INDEX screening_runs_open ON screening_runs (status, id) WHERE status IN ('queued', 'running', 'interrupted');

-- +goose Down
DROP INDEX screening_runs_open;
ALTER TABLE screening_runs DROP COLUMN error;
ALTER TABLE screening_runs DROP COLUMN attempts;
ALTER TABLE screening_runs DROP COLUMN lease_until;
ALTER TABLE screening_runs DROP COLUMN owner;
ALTER TABLE screening_runs DROP COLUMN status;

CREATE TABLE import_jobs_old (
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
INSERT INTO import_jobs_old (id, file_name, status, summary, progress, error, created_by, created_at, finished_at, rejects)
	SELECT id, file_name, CASE WHEN status IN ('interrupted', 'discarded') THEN 'failed' ELSE status END,
		summary, progress, error, created_by, created_at, finished_at, rejects FROM import_jobs;
DROP TABLE import_jobs;
ALTER TABLE import_jobs_old RENAME TO import_jobs;
