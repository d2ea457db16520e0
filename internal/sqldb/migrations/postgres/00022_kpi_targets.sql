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

-- +goose Down
DROP TABLE kpi_targets;
