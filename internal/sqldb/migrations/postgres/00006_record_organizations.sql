-- +goose Up
-- Declarations and demands name their organization by id as well as by name, so
-- that ownership does not hang on a name and a merge moves them with the rest.
ALTER TABLE declarations ADD COLUMN org_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL;
CREATE INDEX declarations_org ON declarations (org_id);
ALTER TABLE demands ADD COLUMN org_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL;
CREATE INDEX demands_org ON demands (org_id);

-- +goose Down
DROP INDEX demands_org;
DROP INDEX declarations_org;
