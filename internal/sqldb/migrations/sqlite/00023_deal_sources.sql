-- +goose Up
-- Deal sources (DESIGN §3.10): every path by which a deal arrived — the form,
-- a row of an uploaded workbook (file and line), a legal event of an imported
-- patent export, a licence taken on the platform — so that one real deal
-- recorded twice is one deal with two sources. The deal's own source column
-- stays the first one. Deals stored before this table get their first source.
CREATE TABLE deal_sources (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	deal_id        BIGINT NOT NULL REFERENCES deals (id),
	source         TEXT NOT NULL CHECK (source IN ('form', 'import', 'legal_event', 'platform')),
	file           TEXT NOT NULL DEFAULT '',
	line           INTEGER NOT NULL DEFAULT 0,
	licence_id     BIGINT REFERENCES licences (id),
	recordation_no TEXT NOT NULL DEFAULT '',
	created_by     BIGINT NOT NULL DEFAULT 0,
	created_at     TEXT NOT NULL
);
CREATE INDEX deal_sources_deal ON deal_sources (deal_id, id);
INSERT INTO deal_sources (deal_id, source, licence_id, recordation_no, created_by, created_at)
	SELECT id, source, licence_id, recordation_no, created_by, created_at FROM deals ORDER BY id;

-- deal_event_cursor is how far the deals of imported legal events have been
-- recorded (RecordEventDeals): the last patent_changes seq read. It starts at
-- 0, so the first run also records the events of patents imported before.
CREATE TABLE deal_event_cursor (
	id  INTEGER PRIMARY KEY CHECK (id = 1),
	seq BIGINT NOT NULL
);
INSERT INTO deal_event_cursor (id, seq) VALUES (1, 0);

-- +goose Down
DROP TABLE deal_event_cursor;
DROP TABLE deal_sources;
