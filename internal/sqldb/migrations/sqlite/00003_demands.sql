-- +goose Up
-- Demands (技术需求, DESIGN §3.7), the enterprises' verdicts on the patents matched
-- to them, and the enterprise registry an operator imports (专利进园区企业).

CREATE TABLE demands (
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
	status       TEXT NOT NULL CHECK (status IN ('pending', 'published', 'rejected', 'closed')),
	reject_note  TEXT NOT NULL DEFAULT '',
	created_by   INTEGER NOT NULL DEFAULT 0,
	created_at   TEXT NOT NULL,
	published_at TEXT NOT NULL DEFAULT '',
	moderated_by INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX demands_status ON demands (status, published_at);
CREATE INDEX demands_city ON demands (city_code);

-- One verdict per user, demand and patent; a new verdict replaces the old one.
CREATE TABLE match_feedback (
	demand_id  INTEGER NOT NULL REFERENCES demands (id) ON DELETE CASCADE,
	app_no     TEXT NOT NULL,
	user_id    INTEGER NOT NULL,
	verdict    TEXT NOT NULL CHECK (verdict IN ('interested', 'irrelevant')),
	created_at TEXT NOT NULL,
	PRIMARY KEY (demand_id, app_no, user_id)
);
CREATE INDEX match_feedback_app_no ON match_feedback (app_no);

CREATE TABLE enterprises (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	name        TEXT NOT NULL,
	credit_code TEXT NOT NULL UNIQUE,
	scope       TEXT NOT NULL DEFAULT '',
	industry    TEXT NOT NULL DEFAULT '',
	region_code TEXT NOT NULL DEFAULT '',
	city_code   TEXT NOT NULL DEFAULT '',
	sme         INTEGER NOT NULL DEFAULT 0,
	park        TEXT NOT NULL DEFAULT '',
	updated_at  TEXT NOT NULL
);
CREATE INDEX enterprises_park ON enterprises (park);
CREATE INDEX enterprises_city ON enterprises (city_code);

-- +goose Down
DROP TABLE enterprises;
DROP TABLE match_feedback;
DROP TABLE demands;
