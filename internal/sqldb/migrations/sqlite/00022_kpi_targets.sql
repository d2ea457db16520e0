-- +goose Up
-- KPI targets (DESIGN §3.11): the admin's target of an indicator for a year,
-- for the province (city '') or one 市(州). The indicator set itself is the
-- seeded list in patentbridge.Indicators; a row here overrides its default
-- target for that year.
CREATE TABLE kpi_targets (
	indicator  TEXT NOT NULL,
	year       INTEGER NOT NULL,
	city       TEXT NOT NULL DEFAULT '',
	target     DOUBLE PRECISION NOT NULL,
	updated_by BIGINT NOT NULL DEFAULT 0,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (indicator, year, city)
);

-- kpi_publications holds a year's figures as published to the public ledger
-- (the report's JSON), so that the ledger check compares the entry with it.
CREATE TABLE kpi_publications (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	year         INTEGER NOT NULL,
	figures      TEXT NOT NULL,
	published_by BIGINT NOT NULL DEFAULT 0,
	published_at TEXT NOT NULL,
	ledger_index BIGINT NOT NULL
);
CREATE INDEX kpi_publications_year ON kpi_publications (year, id);

-- +goose Down
DROP TABLE kpi_publications;
DROP TABLE kpi_targets;
