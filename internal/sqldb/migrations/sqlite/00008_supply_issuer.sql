-- +goose Up
-- Each issuer numbers its own supply-list series per year: the province
-- (issuer '') and each city (its 4-digit code, the list's city). Lists
-- published before keep their numbers: they were unique per year, so they stay
-- unique per issuer and year.
ALTER TABLE supply_lists ADD COLUMN issuer TEXT NOT NULL DEFAULT '';
UPDATE supply_lists SET issuer = substr(city_code, 1, 4);
DROP INDEX supply_lists_number;
CREATE UNIQUE INDEX supply_lists_number ON supply_lists (issuer, year, number) WHERE number > 0;

-- +goose Down
DROP INDEX supply_lists_number;
CREATE UNIQUE INDEX supply_lists_number ON supply_lists (year, number) WHERE number > 0;
ALTER TABLE supply_lists DROP COLUMN issuer;
