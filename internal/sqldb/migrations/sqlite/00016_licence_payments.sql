-- +goose Up
-- Licences taken and registered on the platform (00014), with what the
-- licensee sent and paid: the written notice (Patent Law art. 51), the
-- recordation date (细则 art. 87, recorded_at is when it was entered here) and
-- the one reminder sent when it is overdue.
ALTER TABLE licences ADD COLUMN notice_text TEXT NOT NULL DEFAULT '';
ALTER TABLE licences ADD COLUMN recordation_date TEXT NOT NULL DEFAULT '';
ALTER TABLE licences ADD COLUMN recordation_reminded_at TEXT NOT NULL DEFAULT '';
CREATE INDEX licences_licensor ON licences (licensor_org_id, id);
CREATE INDEX licences_recordation ON licences (status, recordation_no, effective_at);

-- Payments of a licence (amounts in fen, paid_on YYYY-MM-DD).
CREATE TABLE licence_payments (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	licence_id  BIGINT NOT NULL REFERENCES licences (id),
	amount_fen  BIGINT NOT NULL CHECK (amount_fen > 0),
	paid_on     TEXT NOT NULL,
	reference   TEXT NOT NULL,
	recorded_by BIGINT NOT NULL DEFAULT 0,
	created_at  TEXT NOT NULL
);
CREATE INDEX licence_payments_licence ON licence_payments (licence_id, id);

-- A royalty licensee's report of one scheduled period (base: net sales or
-- profit in fen) and the royalty it owes (0 while deferred).
CREATE TABLE licence_royalty_reports (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	licence_id   BIGINT NOT NULL REFERENCES licences (id),
	period_start TEXT NOT NULL,
	period_end   TEXT NOT NULL,
	base_fen     BIGINT NOT NULL,
	due_fen      BIGINT NOT NULL,
	reported_by  BIGINT NOT NULL DEFAULT 0,
	created_at   TEXT NOT NULL,
	UNIQUE (licence_id, period_start)
);

-- Disputes over a licence (Patent Law art. 52) and their outcome.
CREATE TABLE licence_disputes (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	licence_id  BIGINT NOT NULL REFERENCES licences (id),
	channel     TEXT NOT NULL CHECK (channel IN ('negotiation', 'mediation', 'litigation')),
	description TEXT NOT NULL,
	outcome     TEXT NOT NULL DEFAULT '',
	resolved_at TEXT NOT NULL DEFAULT '',
	created_by  BIGINT NOT NULL DEFAULT 0,
	created_at  TEXT NOT NULL
);
CREATE INDEX licence_disputes_licence ON licence_disputes (licence_id, id);

-- +goose Down
DROP TABLE licence_disputes;
DROP TABLE licence_royalty_reports;
DROP TABLE licence_payments;
DROP INDEX licences_recordation;
DROP INDEX licences_licensor;
ALTER TABLE licences DROP COLUMN recordation_reminded_at;
ALTER TABLE licences DROP COLUMN recordation_date;
ALTER TABLE licences DROP COLUMN notice_text;
