-- +goose Up
-- Pledge loans (专利权质押融资, DESIGN §3.10): a borrower's loan secured by its
-- patents, through application, valuation, approval, pledge registration,
-- disbursement and repayment or default and compensation, backed by a risk
-- pool. city is the borrower's 4-digit 市(州) code, by which the KPIs count the
-- loan in the year of disbursed_on.
CREATE TABLE risk_pools (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	name          TEXT NOT NULL,
	city          TEXT NOT NULL DEFAULT '',
	balance_fen   BIGINT NOT NULL DEFAULT 0,
	leverage      INTEGER NOT NULL DEFAULT 10,
	loss_cap_fen  BIGINT NOT NULL DEFAULT 0,
	insurer_share INTEGER NOT NULL DEFAULT 3,
	bank_share    INTEGER NOT NULL DEFAULT 2,
	gov_share     INTEGER NOT NULL DEFAULT 5,
	created_by    BIGINT NOT NULL DEFAULT 0,
	created_at    TEXT NOT NULL
);
CREATE TABLE loans (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	borrower_org_id BIGINT NOT NULL REFERENCES organizations (id),
	borrower_name   TEXT NOT NULL,
	city            TEXT NOT NULL DEFAULT '',
	bank_name       TEXT NOT NULL,
	amount_fen      BIGINT NOT NULL,
	term_months     INTEGER NOT NULL,
	status          TEXT NOT NULL CHECK (status IN ('applied', 'valued', 'approved', 'registered', 'disbursed', 'repaid', 'defaulted', 'compensated', 'refused')),
	risk_pool_id    BIGINT REFERENCES risk_pools (id),
	applied_on      TEXT NOT NULL,
	disbursed_on    TEXT NOT NULL DEFAULT '',
	created_by      BIGINT NOT NULL DEFAULT 0,
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL
);
CREATE INDEX loans_disbursed ON loans (city, disbursed_on);
CREATE INDEX loans_borrower ON loans (borrower_org_id);
CREATE TABLE loan_patents (
	loan_id BIGINT NOT NULL REFERENCES loans (id),
	app_no  TEXT NOT NULL,
	PRIMARY KEY (loan_id, app_no)
);
CREATE INDEX loan_patents_app_no ON loan_patents (app_no);

-- +goose Down
DROP TABLE loan_patents;
DROP TABLE loans;
DROP TABLE risk_pools;
