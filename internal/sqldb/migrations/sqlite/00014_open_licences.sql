-- +goose Up
-- Open-licence declarations (专利开放许可声明, 细则 art. 85; DESIGN §3.8): one
-- patent each, declared by its patentees' organizations, reviewed, announced and
-- perhaps withdrawn. fee_json is patentbridge.FeeTerms; patentees_json the names
-- every patentee had at declaration; confirmations_json what the patentee
-- confirmed where the platform knew nothing (细则 art. 88). Times are RFC 3339
-- text, '' while not yet; dates YYYY-MM-DD.
CREATE TABLE open_licences (
	id                    INTEGER PRIMARY KEY AUTOINCREMENT,
	app_no                TEXT NOT NULL,
	org_id                BIGINT NOT NULL REFERENCES organizations (id),
	status                TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'announced', 'withdrawn')),
	method                TEXT NOT NULL,
	fee_json              TEXT NOT NULL,
	fee_basis             TEXT NOT NULL DEFAULT '',
	fee_exception         TEXT NOT NULL DEFAULT '',
	term_start            TEXT NOT NULL,
	term_end              TEXT NOT NULL,
	conditions            TEXT NOT NULL DEFAULT '',
	patentees_json        TEXT NOT NULL,
	evaluation_report     TEXT NOT NULL DEFAULT '',
	evaluation_favourable INTEGER NOT NULL DEFAULT 0,
	pledgee_consent       TEXT NOT NULL DEFAULT '',
	confirmations_json    TEXT NOT NULL DEFAULT '[]',
	review_note           TEXT NOT NULL DEFAULT '',
	created_by            BIGINT NOT NULL DEFAULT 0,
	created_at            TEXT NOT NULL,
	submitted_at          TEXT NOT NULL DEFAULT '',
	announced_at          TEXT NOT NULL DEFAULT '',
	withdrawn_at          TEXT NOT NULL DEFAULT '',
	withdraw_reason       TEXT NOT NULL DEFAULT '',
	ledger_index          BIGINT,
	withdraw_ledger_index BIGINT
);
CREATE INDEX open_licences_app_no ON open_licences (app_no, status);
CREATE INDEX open_licences_status ON open_licences (status, announced_at, id);
CREATE INDEX open_licences_org ON open_licences (org_id, id);
-- One declaration per patent submitted or announced at a time.
CREATE UNIQUE INDEX open_licences_one_live ON open_licences (app_no) WHERE status IN ('submitted', 'announced');

-- The patentees' organizations of a declaration, in the patent's owner order:
-- each must consent to it and to its withdrawal.
CREATE TABLE open_licence_owners (
	open_licence_id BIGINT NOT NULL REFERENCES open_licences (id),
	org_id          BIGINT NOT NULL REFERENCES organizations (id),
	pos             INTEGER NOT NULL,
	PRIMARY KEY (open_licence_id, org_id)
);
CREATE INDEX open_licence_owners_org ON open_licence_owners (org_id, open_licence_id);

-- Each patentee organization's consent to a declaration ('declare') or to its
-- withdrawal ('withdraw'): given on the platform by one of its users, or
-- recorded by the admin from a written consent (written_ref names the file).
CREATE TABLE open_licence_consents (
	open_licence_id BIGINT NOT NULL REFERENCES open_licences (id),
	org_id          BIGINT NOT NULL REFERENCES organizations (id),
	purpose         TEXT NOT NULL CHECK (purpose IN ('declare', 'withdraw')),
	user_id         BIGINT NOT NULL DEFAULT 0,
	written_ref     TEXT NOT NULL DEFAULT '',
	at              TEXT NOT NULL,
	PRIMARY KEY (open_licence_id, org_id, purpose)
);

-- Licences granted or recorded on the platform: taken under an open licence
-- (kind 'open'), or exclusive / sole / ordinary licences on negotiated terms,
-- possibly of a package (licence_patents) or a pool. While an open licence is
-- announced no exclusive or sole licence may be registered on its patent, and
-- no open licence may be declared while one is in force (细则 art. 86(1)).
CREATE TABLE licences (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	kind            TEXT NOT NULL CHECK (kind IN ('open', 'exclusive', 'sole', 'ordinary')),
	open_licence_id BIGINT REFERENCES open_licences (id),
	offer_id        BIGINT,
	pool_id         BIGINT,
	licensor_org_id BIGINT NOT NULL REFERENCES organizations (id),
	licensee_org_id BIGINT NOT NULL REFERENCES organizations (id),
	fee_json        TEXT NOT NULL,
	term_start      TEXT NOT NULL,
	term_end        TEXT NOT NULL,
	status          TEXT NOT NULL CHECK (status IN ('noticed', 'effective', 'ended')),
	notice_at       TEXT NOT NULL DEFAULT '',
	effective_at    TEXT NOT NULL DEFAULT '',
	recordation_no  TEXT NOT NULL DEFAULT '',
	recorded_at     TEXT NOT NULL DEFAULT '',
	ledger_index    BIGINT,
	created_by      BIGINT NOT NULL DEFAULT 0,
	created_at      TEXT NOT NULL
);
CREATE INDEX licences_open_licence ON licences (open_licence_id);
CREATE INDEX licences_licensee ON licences (licensee_org_id, id);
CREATE TABLE licence_patents (
	licence_id BIGINT NOT NULL REFERENCES licences (id),
	app_no     TEXT NOT NULL,
	PRIMARY KEY (licence_id, app_no)
);
CREATE INDEX licence_patents_app_no ON licence_patents (app_no);

-- +goose Down
DROP TABLE licence_patents;
DROP TABLE licences;
DROP TABLE open_licence_consents;
DROP TABLE open_licence_owners;
DROP TABLE open_licences;
