-- +goose Up
-- Deals (转移转化, DESIGN §3.10): a patent transferred, licensed or contributed
-- as capital, with its parties (resolved to organizations when the registry
-- knows them), amount, contract date and recordation number, and where the
-- record came from. to_city is the receiving party's 4-digit 市(州) code (the
-- record's region code, else the registry's), by which the KPIs count it.
CREATE TABLE deals (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	app_no         TEXT NOT NULL,
	kind           TEXT NOT NULL CHECK (kind IN ('transfer', 'exclusive', 'sole', 'ordinary', 'open', 'equity')),
	from_name      TEXT NOT NULL,
	from_type      TEXT NOT NULL,
	from_org_id    BIGINT REFERENCES organizations (id),
	to_name        TEXT NOT NULL,
	to_credit_code TEXT NOT NULL DEFAULT '',
	to_type        TEXT NOT NULL,
	to_sme         INTEGER,
	to_region_code TEXT NOT NULL DEFAULT '',
	to_org_id      BIGINT REFERENCES organizations (id),
	to_city        TEXT NOT NULL DEFAULT '',
	amount_fen     BIGINT NOT NULL DEFAULT 0,
	contract_date  TEXT NOT NULL,
	recordation_no TEXT NOT NULL DEFAULT '',
	source         TEXT NOT NULL,
	licence_id     BIGINT REFERENCES licences (id),
	created_by     BIGINT NOT NULL DEFAULT 0,
	created_at     TEXT NOT NULL
);
CREATE INDEX deals_app_no ON deals (app_no, kind);
CREATE INDEX deals_contract ON deals (contract_date, id);
CREATE INDEX deals_city ON deals (to_city, contract_date);

-- +goose Down
DROP TABLE deals;
