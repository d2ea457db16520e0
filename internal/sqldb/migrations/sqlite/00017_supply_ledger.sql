-- +goose Up
-- A published supply list's entries in the public ledger (DESIGN §3.9): the
-- index of its publication and of its withdrawal; NULL until appended. Lists
-- published before the ledger existed are appended at the first start after
-- this migration, in their publication order (sqldb.BackfillSupplyLedger).
ALTER TABLE supply_lists ADD COLUMN ledger_index INTEGER;
ALTER TABLE supply_lists ADD COLUMN withdraw_ledger_index INTEGER;

-- +goose Down
ALTER TABLE supply_lists DROP COLUMN withdraw_ledger_index;
ALTER TABLE supply_lists DROP COLUMN ledger_index;
