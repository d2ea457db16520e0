-- +goose Up
-- The sleeping list says how many patents were imported or changed after the
-- run it shows (PatentsChangedSince): this index finds them by time without
-- reading the whole change table.
CREATE INDEX patent_changes_changed_at ON patent_changes (changed_at);

-- +goose Down
DROP INDEX patent_changes_changed_at;
