-- +goose Up
-- Matching events (路演, 对接会, 入园惠企, 高校专利展示) with the projects presented
-- and the deals that followed; typical cases (典型案例) with their deals; pilot
-- bases (中试熟化基地); the 科创板 pipeline (screened -> followed -> listed).
-- city is the 4-digit 市(州) code the KPIs count each record in.
CREATE TABLE events (
	id               INTEGER PRIMARY KEY AUTOINCREMENT,
	kind             TEXT NOT NULL CHECK (kind IN ('roadshow', 'fair', 'park_visit', 'campus_show')),
	title            TEXT NOT NULL,
	city             TEXT NOT NULL DEFAULT '',
	held_on          TEXT NOT NULL,
	organizer_name   TEXT NOT NULL,
	organizer_org_id BIGINT REFERENCES organizations (id),
	organizer_type   TEXT NOT NULL DEFAULT '',
	participants     INTEGER NOT NULL DEFAULT 0,
	created_by       BIGINT NOT NULL DEFAULT 0,
	created_at       TEXT NOT NULL
);
CREATE INDEX events_city ON events (city, held_on);
CREATE TABLE event_projects (
	id       INTEGER PRIMARY KEY AUTOINCREMENT,
	event_id BIGINT NOT NULL REFERENCES events (id),
	title    TEXT NOT NULL,
	app_no   TEXT NOT NULL DEFAULT '',
	org_name TEXT NOT NULL DEFAULT '',
	org_id   BIGINT REFERENCES organizations (id)
);
CREATE INDEX event_projects_event ON event_projects (event_id);
CREATE TABLE event_deals (
	event_id BIGINT NOT NULL REFERENCES events (id),
	deal_id  BIGINT NOT NULL REFERENCES deals (id),
	PRIMARY KEY (event_id, deal_id)
);
CREATE TABLE cases (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	title        TEXT NOT NULL,
	body         TEXT NOT NULL,
	city         TEXT NOT NULL DEFAULT '',
	published_on TEXT NOT NULL,
	created_by   BIGINT NOT NULL DEFAULT 0,
	created_at   TEXT NOT NULL
);
CREATE TABLE case_deals (
	case_id BIGINT NOT NULL REFERENCES cases (id),
	deal_id BIGINT NOT NULL REFERENCES deals (id),
	PRIMARY KEY (case_id, deal_id)
);
CREATE TABLE pilot_bases (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	name           TEXT NOT NULL,
	org_id         BIGINT REFERENCES organizations (id),
	org_name       TEXT NOT NULL DEFAULT '',
	city           TEXT NOT NULL DEFAULT '',
	established_on TEXT NOT NULL,
	created_by     BIGINT NOT NULL DEFAULT 0,
	created_at     TEXT NOT NULL
);
CREATE TABLE listing_pipeline (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	org_id      BIGINT NOT NULL REFERENCES organizations (id),
	org_name    TEXT NOT NULL,
	city        TEXT NOT NULL DEFAULT '',
	stage       TEXT NOT NULL CHECK (stage IN ('screened', 'followed', 'listed')),
	screened_on TEXT NOT NULL,
	followed_on TEXT NOT NULL DEFAULT '',
	listed_on   TEXT NOT NULL DEFAULT '',
	created_by  BIGINT NOT NULL DEFAULT 0,
	created_at  TEXT NOT NULL
);

-- One event per title and day (an event file's rows of one event add its
-- projects), one pipeline record per enterprise, one pilot base per name.
CREATE UNIQUE INDEX events_title_day ON events (title, held_on);
CREATE UNIQUE INDEX listing_pipeline_org ON listing_pipeline (org_id);
CREATE UNIQUE INDEX pilot_bases_name ON pilot_bases (name);
CREATE INDEX cases_published ON cases (published_on);

-- +goose Down
DROP TABLE listing_pipeline;
DROP TABLE pilot_bases;
DROP TABLE case_deals;
DROP TABLE cases;
DROP TABLE event_deals;
DROP TABLE event_projects;
DROP TABLE events;
