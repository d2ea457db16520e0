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
	remainder_to  TEXT NOT NULL DEFAULT 'bank' CHECK (remainder_to IN ('insurer', 'bank', 'government')),
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
	guarantor       TEXT NOT NULL DEFAULT '',
	cover_percent   INTEGER NOT NULL DEFAULT 0,
	valuation_method TEXT NOT NULL DEFAULT '',
	valuation_fen   BIGINT NOT NULL DEFAULT 0,
	valuer          TEXT NOT NULL DEFAULT '',
	registration_no TEXT NOT NULL DEFAULT '',
	registered_on   TEXT NOT NULL DEFAULT '',
	valued_on       TEXT NOT NULL DEFAULT '',
	approved_on     TEXT NOT NULL DEFAULT '',
	closed_on       TEXT NOT NULL DEFAULT '',
	no_suspension   INTEGER NOT NULL DEFAULT 0,
	invalidation_consent INTEGER NOT NULL DEFAULT 0,
	refusal         TEXT NOT NULL DEFAULT '',
	source          TEXT NOT NULL DEFAULT 'form',
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
-- loan_compensations holds the risk compensation claim of a defaulted loan:
-- its principal loss split insurer : bank : government by the pool's shares.
-- The pool's compensated losses (toward its loss cap) are the sum of loss_fen.
CREATE TABLE loan_compensations (
	loan_id      BIGINT PRIMARY KEY REFERENCES loans (id),
	risk_pool_id BIGINT NOT NULL REFERENCES risk_pools (id),
	loss_fen     BIGINT NOT NULL,
	insurer_fen  BIGINT NOT NULL,
	bank_fen     BIGINT NOT NULL,
	gov_fen      BIGINT NOT NULL,
	remainder_to TEXT NOT NULL,
	claimed_on   TEXT NOT NULL,
	created_by   BIGINT NOT NULL DEFAULT 0,
	created_at   TEXT NOT NULL
);
CREATE INDEX loan_compensations_pool ON loan_compensations (risk_pool_id);
-- risk_pool_movements is the pool's account: its opening balance (kind
-- 'open'), each top-up ('deposit') and each government share drawn for a
-- compensation ('compensation', negative); balance_fen is their sum.
CREATE TABLE risk_pool_movements (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	risk_pool_id BIGINT NOT NULL REFERENCES risk_pools (id),
	kind         TEXT NOT NULL CHECK (kind IN ('open', 'deposit', 'compensation')),
	amount_fen   BIGINT NOT NULL,
	loan_id      BIGINT REFERENCES loans (id),
	moved_on     TEXT NOT NULL,
	created_by   BIGINT NOT NULL DEFAULT 0,
	created_at   TEXT NOT NULL
);
CREATE INDEX risk_pool_movements_pool ON risk_pool_movements (risk_pool_id, id);

-- +goose Down
DROP TABLE risk_pool_movements;
DROP TABLE loan_compensations;
DROP TABLE loan_patents;
DROP TABLE loans;
DROP TABLE risk_pools;
