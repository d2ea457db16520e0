package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"patentbridge"
)

// CreateSupplyList selects up to Filter.Limit sleeping patents (default 100, at
// most 1000) of the filter's run and stores a draft that freezes them as items,
// audited as "supply.create" in the same transaction. The builder is the ctx
// user (patentbridge.AuthorizeSupplyList) or the platform; a city user's list is
// its city's and selects only its city's patents, whatever was asked. Returns
// EINVALID, EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND (no finished run).
func (db *DB) CreateSupplyList(ctx context.Context, l *patentbridge.SupplyList) error {
	u, err := supplyBuilder(ctx)
	if err != nil {
		return err
	}
	scopeNewSupplyList(u, l)
	if err := validateSupplyText(l); err != nil {
		return err
	}
	if err := db.selectSupplyItems(ctx, l); err != nil {
		return err
	}
	itemsJSON, err := encodeSupplyItems(l.Items)
	if err != nil {
		return err
	}
	filterJSON, err := json.Marshal(l.Filter)
	if err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		q := tx.q().add(`INSERT INTO supply_lists (title, description, city_code, issuer, status, filter, items,
			created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			l.Title, l.Description, l.CityCode, l.Issuer(), patentbridge.ListDraft, string(filterJSON), itemsJSON, l.CreatedBy, formatTime(tx.now))
		if err := tx.queryRow(ctx, q).Scan(&l.ID); err != nil {
			return fmt.Errorf("sqldb: create supply list: %w", err)
		}
		l.Status, l.CreatedAt = patentbridge.ListDraft, tx.now
		l.Year, l.Number, l.WithdrawReason = 0, 0, ""
		l.PublishedAt, l.WithdrawnAt = time.Time{}, time.Time{}
		return tx.audit(ctx, "supply.create", supplyObject(l.ID), nil, auditSupply(l))
	})
}

// selectSupplyItems freezes the sleeping patents of l's filter into its items
// and records the limit and the run they came from on the filter.
func (db *DB) selectSupplyItems(ctx context.Context, l *patentbridge.SupplyList) error {
	f := l.Filter
	switch {
	case f.Limit == 0:
		f.Limit = DefaultSupplyItems
	case f.Limit < 0 || f.Limit > MaxSupplyItems:
		return patentbridge.FieldErrorf("limit", "清单专利数量应为 1 到 %d", MaxSupplyItems)
	}
	f.Offset, f.Excluded = 0, false
	if f.RunID == 0 {
		run, err := db.LatestRun(ctx)
		if err != nil {
			return err
		}
		f.RunID = run.ID
	}
	items, _, err := db.ListSleeping(ctx, f)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		return patentbridge.FieldErrorf("filter", "筛选条件没有选中任何沉睡专利，请放宽条件")
	}
	l.Items = make([]patentbridge.SupplyItem, len(items))
	for i, it := range items {
		l.Items[i] = patentbridge.NewSupplyItem(it)
	}
	l.Filter.Limit, l.Filter.RunID = f.Limit, f.RunID
	return nil
}
