-- +goose Up
-- Background jobs (upload imports, screening runs) live in the database with a
-- lease: the process that claimed one (owner) renews lease_until while it
-- works; a job whose lease ran out belongs to a dead process and is marked
-- interrupted, to be resumed by another process or by an admin. Processes claim
-- jobs with SELECT … FOR UPDATE SKIP LOCKED. attempts counts the claims. An
-- import job keeps its upload's path (inside the jobs directory) until the job
-- ends or is discarded.
ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_status_check;
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_status_check
	CHECK (status IN ('queued', 'running', 'interrupted', 'done', 'failed', 'discarded'));
ALTER TABLE import_jobs ADD COLUMN upload TEXT NOT NULL DEFAULT '';
ALTER TABLE import_jobs ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE import_jobs ADD COLUMN lease_until TEXT NOT NULL DEFAULT '';
ALTER TABLE import_jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
-- Jobs queued or running before this version were held in the memory of a
-- process that is gone, with their upload in a temporary directory: they are
-- running without a lease, so the first sweep marks them interrupted.
UPDATE import_jobs SET status = 'running' WHERE status = 'queued';
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
DROP INDEX import_jobs_open;
UPDATE import_jobs SET status = 'failed' WHERE status IN ('interrupted', 'discarded');
ALTER TABLE import_jobs DROP COLUMN attempts;
ALTER TABLE import_jobs DROP COLUMN lease_until;
ALTER TABLE import_jobs DROP COLUMN owner;
ALTER TABLE import_jobs DROP COLUMN upload;
ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_status_check;
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_status_check CHECK (status IN ('queued', 'running', 'done', 'failed'));
