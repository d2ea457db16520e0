-- +goose Up
-- Demands get a draft state and the poster's closing note; the status CHECK
-- changes, which SQLite can only do by rebuilding the table. Dropping the old
-- table would cascade to the match verdicts, so they are kept aside and put back.
CREATE TABLE match_feedback_keep AS SELECT * FROM match_feedback;
CREATE TABLE demands_new (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	title        TEXT NOT NULL,
	description  TEXT NOT NULL,
	industry     TEXT NOT NULL DEFAULT '',
	region_code  TEXT NOT NULL DEFAULT '',
	city_code    TEXT NOT NULL DEFAULT '',
	budget_min   INTEGER NOT NULL DEFAULT 0,
	budget_max   INTEGER NOT NULL DEFAULT 0,
	deadline     TEXT NOT NULL DEFAULT '',
	contact      TEXT NOT NULL DEFAULT '',
	enterprise   TEXT NOT NULL DEFAULT '',
	status       TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'published', 'rejected', 'closed')),
	reject_note  TEXT NOT NULL DEFAULT '',
	created_by   INTEGER NOT NULL DEFAULT 0,
	created_at   TEXT NOT NULL,
	published_at TEXT NOT NULL DEFAULT '',
	moderated_by INTEGER NOT NULL DEFAULT 0,
	org_id       INTEGER REFERENCES organizations (id) ON DELETE SET NULL,
	close_note   TEXT NOT NULL DEFAULT '',
	closed_at    TEXT NOT NULL DEFAULT ''
);
INSERT INTO demands_new (id, title, description, industry, region_code, city_code, budget_min, budget_max, deadline,
	contact, enterprise, status, reject_note, created_by, created_at, published_at, moderated_by, org_id)
	SELECT id, title, description, industry, region_code, city_code, budget_min, budget_max, deadline,
		contact, enterprise, status, reject_note, created_by, created_at, published_at, moderated_by, org_id FROM demands;
DROP TABLE demands;
ALTER TABLE demands_new RENAME TO demands;
CREATE INDEX demands_status ON demands (status, published_at);
CREATE INDEX demands_city ON demands (city_code);
CREATE INDEX demands_org ON demands (org_id);
CREATE INDEX demands_created_by ON demands (created_by);
INSERT INTO match_feedback SELECT * FROM match_feedback_keep;
DROP TABLE match_feedback_keep;

-- Messages (站内信) go to a user or to an organization (every account of it);
-- message_reads holds, per account, the messages it has opened.
CREATE TABLE messages (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id    INTEGER REFERENCES users (id) ON DELETE CASCADE,
	org_id     INTEGER REFERENCES organizations (id) ON DELETE CASCADE,
	kind       TEXT NOT NULL,
	title      TEXT NOT NULL,
	body       TEXT NOT NULL DEFAULT '',
	link       TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	CHECK (user_id IS NOT NULL OR org_id IS NOT NULL)
);
CREATE INDEX messages_user ON messages (user_id, id);
CREATE INDEX messages_org ON messages (org_id, id);
CREATE TABLE message_reads (
	message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	read_at    TEXT NOT NULL,
	PRIMARY KEY (message_id, user_id)
);

-- +goose Down
DROP TABLE message_reads;
DROP TABLE messages;
DROP INDEX demands_created_by;
ALTER TABLE demands DROP COLUMN closed_at;
ALTER TABLE demands DROP COLUMN close_note;
