-- +goose Up
-- The patent list's default order is newest application first; without this index
-- every page of a million patents sorted the whole table (0.2–0.5 s).
CREATE INDEX patents_app_date ON patents (app_date);

-- +goose Down
DROP INDEX patents_app_date;
