-- +goose Up
-- An old 8-digit application number (1985–2003) often comes without its check
-- character; the platform computes it and records here that it did, so pages can
-- say the character is the platform's, not the source's.
ALTER TABLE patents ADD COLUMN app_no_check_computed INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE patents DROP COLUMN app_no_check_computed;
