-- +goose Up
-- Organizations: one registry of the institutions, SOEs, enterprises, hospitals
-- and offices that own patents and employ users. Names and aliases are stored
-- normalized (patentbridge.NormalizeOrgName); a credit code, when known, is unique.
CREATE TABLE organizations (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
	type        TEXT NOT NULL DEFAULT '',
	credit_code TEXT,
	city_code   TEXT NOT NULL DEFAULT '',
	sme         INTEGER NOT NULL DEFAULT 0,
	parent_id   INTEGER REFERENCES organizations (id) ON DELETE SET NULL,
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX organizations_credit_code ON organizations (credit_code) WHERE credit_code IS NOT NULL;
CREATE INDEX organizations_parent ON organizations (parent_id);

-- organization_aliases maps every other name of an organization (full-width and
-- bracket variants, former names) to it.
CREATE TABLE organization_aliases (
	alias  TEXT PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE
);
CREATE INDEX organization_aliases_org ON organization_aliases (org_id);

ALTER TABLE patent_owners ADD COLUMN org_id INTEGER;
CREATE INDEX patent_owners_org ON patent_owners (org_id, patent_id);

ALTER TABLE users ADD COLUMN organization_id INTEGER REFERENCES organizations (id);
ALTER TABLE users ADD COLUMN disabled_at TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
CREATE INDEX users_organization ON users (organization_id);

-- API tokens expire and can be revoked; last_used_at is shown to their owner.
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN revoked_at TEXT NOT NULL DEFAULT '';

-- The audit log records who (and in which role, organization and city), from
-- where, and the values before and after, written in the transaction of the
-- change. It is append-only: no statement may change or remove an entry.
ALTER TABLE audit_log ADD COLUMN actor TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN role TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN organization TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN city_code TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN before_json TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN after_json TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_log_object ON audit_log (object, id);
CREATE INDEX audit_log_actor ON audit_log (actor, id);

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER audit_log_no_delete;
DROP TRIGGER audit_log_no_update;
DROP INDEX audit_log_actor;
DROP INDEX audit_log_object;
DROP INDEX users_organization;
DROP INDEX patent_owners_org;
DROP TABLE organization_aliases;
DROP TABLE organizations;
