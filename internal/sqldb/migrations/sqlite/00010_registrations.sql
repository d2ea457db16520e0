-- +goose Up
-- Self-registrations: an enterprise or institution registers itself with its
-- first account; the city office of its city (or the admin) approves it into
-- the organization registry (org_id) or rejects it with a reason. Until then
-- the account's registration column says 'pending' (or 'rejected') and it may
-- browse but not post (patentbridge.CanPost). One credit code waits for review
-- at most once.
CREATE TABLE registrations (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	org_name      TEXT NOT NULL CHECK (org_name <> ''),
	org_type      TEXT NOT NULL,
	credit_code   TEXT NOT NULL,
	contact       TEXT NOT NULL,
	phone         TEXT NOT NULL DEFAULT '',
	email         TEXT NOT NULL DEFAULT '',
	city_code     TEXT NOT NULL,
	user_id       INTEGER NOT NULL REFERENCES users (id),
	status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
	reject_reason TEXT NOT NULL DEFAULT '',
	org_id        INTEGER REFERENCES organizations (id) ON DELETE SET NULL,
	created_at    TEXT NOT NULL,
	decided_at    TEXT NOT NULL DEFAULT '',
	decided_by    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX registrations_city ON registrations (city_code, status, id);
CREATE INDEX registrations_user ON registrations (user_id);
CREATE UNIQUE INDEX registrations_pending_code ON registrations (credit_code) WHERE status = 'pending';

ALTER TABLE users ADD COLUMN registration TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE users DROP COLUMN registration;
DROP TABLE registrations;
