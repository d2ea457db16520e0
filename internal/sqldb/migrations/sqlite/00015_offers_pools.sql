-- +goose Up
-- Offers (转让/许可 价格提前发布; DESIGN §3.7): one patent or a package of its
-- organization's patents, offered for transfer, licence, open licence or 作价入股
-- at a price in fen (negotiable = 面议) or on terms. industries holds the
-- frozen industry tags "|sichuan_5_1:电子信息|…|"; times are RFC 3339 text, ''
-- while not yet.
CREATE TABLE offers (
	id                    INTEGER PRIMARY KEY AUTOINCREMENT,
	org_id                BIGINT NOT NULL REFERENCES organizations (id),
	org_name              TEXT NOT NULL,
	org_type              TEXT NOT NULL,
	city_code             TEXT NOT NULL DEFAULT '',
	kind                  TEXT NOT NULL CHECK (kind IN ('transfer', 'exclusive', 'sole', 'ordinary', 'open_licence', 'equity')),
	title                 TEXT NOT NULL,
	price_fen             BIGINT NOT NULL DEFAULT 0,
	negotiable            INTEGER NOT NULL DEFAULT 0,
	terms                 TEXT NOT NULL DEFAULT '',
	trl                   INTEGER NOT NULL,
	fields                TEXT NOT NULL,
	problem               TEXT NOT NULL,
	advantage             TEXT NOT NULL,
	contact               TEXT NOT NULL,
	industries            TEXT NOT NULL DEFAULT '|',
	soe_shared            INTEGER NOT NULL DEFAULT 0,
	status                TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'withdrawn')),
	created_by            BIGINT NOT NULL DEFAULT 0,
	created_at            TEXT NOT NULL,
	published_at          TEXT NOT NULL DEFAULT '',
	withdrawn_at          TEXT NOT NULL DEFAULT '',
	withdraw_reason       TEXT NOT NULL DEFAULT '',
	ledger_index          BIGINT,
	withdraw_ledger_index BIGINT
);
CREATE INDEX offers_status ON offers (status, published_at, id);
CREATE INDEX offers_org ON offers (org_id, id);
CREATE TABLE offer_patents (
	offer_id BIGINT NOT NULL REFERENCES offers (id),
	pos      INTEGER NOT NULL,
	app_no   TEXT NOT NULL,
	title    TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (offer_id, app_no)
);
CREATE INDEX offer_patents_app_no ON offer_patents (app_no);

-- An enterprise's question on, or interest (意向) in, a published offer, and
-- the offering organization's answer ('' until answered).
CREATE TABLE offer_questions (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	offer_id    BIGINT NOT NULL REFERENCES offers (id),
	kind        TEXT NOT NULL CHECK (kind IN ('question', 'interest')),
	text        TEXT NOT NULL DEFAULT '',
	org_id      BIGINT NOT NULL DEFAULT 0,
	org_name    TEXT NOT NULL DEFAULT '',
	user_id     BIGINT NOT NULL,
	answer      TEXT NOT NULL DEFAULT '',
	answered_by BIGINT NOT NULL DEFAULT 0,
	answered_at TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL
);
CREATE INDEX offer_questions_offer ON offer_questions (offer_id, id);

-- Patent pools (专利池): member organizations, their pooled patents and the
-- package licensing terms (fee_json is patentbridge.FeeTerms, '' for none).
CREATE TABLE pools (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	name         TEXT NOT NULL,
	field        TEXT NOT NULL,
	terms        TEXT NOT NULL,
	fee_json     TEXT NOT NULL DEFAULT '',
	status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
	created_by   BIGINT NOT NULL DEFAULT 0,
	created_at   TEXT NOT NULL,
	published_at TEXT NOT NULL DEFAULT '',
	ledger_index BIGINT
);
CREATE TABLE pool_members (
	pool_id BIGINT NOT NULL REFERENCES pools (id),
	pos     INTEGER NOT NULL,
	org_id  BIGINT NOT NULL REFERENCES organizations (id),
	name    TEXT NOT NULL,
	PRIMARY KEY (pool_id, org_id)
);
CREATE TABLE pool_patents (
	pool_id BIGINT NOT NULL REFERENCES pools (id),
	pos     INTEGER NOT NULL,
	app_no  TEXT NOT NULL,
	title   TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (pool_id, app_no)
);

-- +goose Down
DROP TABLE pool_patents;
DROP TABLE pool_members;
DROP TABLE pools;
DROP TABLE offer_questions;
DROP TABLE offer_patents;
DROP TABLE offers;
