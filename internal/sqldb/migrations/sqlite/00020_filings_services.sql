-- +goose Up
-- 专利产品备案 (product filings, DESIGN §3.10): an enterprise's product and the
-- patents it uses, filed on filed_on in the enterprise's 市(州) (city), with its
-- yearly output and sales. Commissioners (知识产权专员), the services they
-- record, service agencies and outlets (网点) and technology managers
-- (技术经理人). The KPIs count filings by filed_on, services by served_on, and
-- commissioners, outlets and managers registered by a year's end.
CREATE TABLE product_filings (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	org_id       BIGINT NOT NULL REFERENCES organizations (id),
	org_name     TEXT NOT NULL,
	city         TEXT NOT NULL DEFAULT '',
	product_name TEXT NOT NULL,
	model        TEXT NOT NULL DEFAULT '',
	industry     TEXT NOT NULL DEFAULT '',
	filed_on     TEXT NOT NULL,
	created_by   BIGINT NOT NULL DEFAULT 0,
	created_at   TEXT NOT NULL
);
CREATE INDEX product_filings_city ON product_filings (city, filed_on);
CREATE INDEX product_filings_org ON product_filings (org_id, product_name);
CREATE TABLE product_filing_patents (
	filing_id BIGINT NOT NULL REFERENCES product_filings (id),
	app_no    TEXT NOT NULL,
	source    TEXT NOT NULL CHECK (source IN ('own', 'licensed', 'assigned')),
	deal_id   BIGINT REFERENCES deals (id),
	PRIMARY KEY (filing_id, app_no)
);
CREATE TABLE product_filing_years (
	filing_id  BIGINT NOT NULL REFERENCES product_filings (id),
	year       INTEGER NOT NULL,
	output_fen BIGINT NOT NULL DEFAULT 0,
	sales_fen  BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (filing_id, year)
);
CREATE TABLE commissioners (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	name          TEXT NOT NULL,
	org_id        BIGINT REFERENCES organizations (id),
	org_name      TEXT NOT NULL DEFAULT '',
	city          TEXT NOT NULL DEFAULT '',
	registered_on TEXT NOT NULL,
	left_on       TEXT NOT NULL DEFAULT '',
	user_id       BIGINT REFERENCES users (id),
	created_by    BIGINT NOT NULL DEFAULT 0,
	created_at    TEXT NOT NULL
);
CREATE INDEX commissioners_city ON commissioners (city, registered_on);
CREATE INDEX commissioners_user ON commissioners (user_id);
CREATE TABLE service_records (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	commissioner_id BIGINT REFERENCES commissioners (id),
	org_id          BIGINT REFERENCES organizations (id),
	org_name        TEXT NOT NULL,
	city            TEXT NOT NULL DEFAULT '',
	served_on       TEXT NOT NULL,
	service_type    TEXT NOT NULL CHECK (service_type IN ('disclosure', 'valuation', 'filing', 'conversion', 'negotiation')),
	outcome         TEXT NOT NULL DEFAULT '',
	created_by      BIGINT NOT NULL DEFAULT 0,
	created_at      TEXT NOT NULL
);
CREATE INDEX service_records_city ON service_records (city, served_on);
CREATE INDEX service_records_commissioner ON service_records (commissioner_id, served_on);
CREATE TABLE service_outlets (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	name       TEXT NOT NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('agency', 'outlet')),
	org_id     BIGINT REFERENCES organizations (id),
	org_name   TEXT NOT NULL DEFAULT '',
	city       TEXT NOT NULL DEFAULT '',
	opened_on  TEXT NOT NULL,
	closed_on  TEXT NOT NULL DEFAULT '',
	created_by BIGINT NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL
);
CREATE TABLE tech_managers (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	name          TEXT NOT NULL,
	org_id        BIGINT REFERENCES organizations (id),
	org_name      TEXT NOT NULL DEFAULT '',
	city          TEXT NOT NULL DEFAULT '',
	registered_on TEXT NOT NULL,
	created_by    BIGINT NOT NULL DEFAULT 0,
	created_at    TEXT NOT NULL
);

-- +goose Down
DROP TABLE tech_managers;
DROP TABLE service_outlets;
DROP TABLE service_records;
DROP TABLE commissioners;
DROP TABLE product_filing_years;
DROP TABLE product_filing_patents;
DROP TABLE product_filings;
