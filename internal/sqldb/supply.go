package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"patentbridge"
)

// Supply-list sizes: the patents a list takes from its filter by default and at most.
const (
	DefaultSupplyItems = 100
	MaxSupplyItems     = 1000
)

// storedSupplyItem is a supply item as kept in the items JSON column, with its
// grant date (which patentbridge.SupplyItem leaves out of its JSON).
type storedSupplyItem struct {
	patentbridge.SupplyItem
	GrantDate string `json:"grant_date,omitempty"`
}

func encodeSupplyItems(items []patentbridge.SupplyItem) (string, error) {
	s := make([]storedSupplyItem, len(items))
	for i, it := range items {
		s[i] = storedSupplyItem{SupplyItem: it, GrantDate: patentbridge.FormatDate(it.GrantDate)}
	}
	b, err := json.Marshal(s)
	return string(b), err
}

func decodeSupplyItems(text string) ([]patentbridge.SupplyItem, error) {
	var s []storedSupplyItem
	if err := json.Unmarshal([]byte(text), &s); err != nil {
		return nil, fmt.Errorf("sqldb: stored supply items: %w", err)
	}
	out := make([]patentbridge.SupplyItem, len(s))
	for i, x := range s {
		out[i] = x.SupplyItem
		d, err := parseDate(x.GrantDate)
		if err != nil {
			return nil, err
		}
		out[i].GrantDate = d
	}
	return out, nil
}

// validateSupplyText trims and checks a list's title and description. Returns EINVALID.
func validateSupplyText(l *patentbridge.SupplyList) error {
	l.Title, l.Description = strings.TrimSpace(l.Title), strings.TrimSpace(l.Description)
	switch {
	case l.Title == "":
		return patentbridge.FieldErrorf("title", "请填写清单标题")
	case utf8.RuneCountInString(l.Title) > 100:
		return patentbridge.FieldErrorf("title", "清单标题不能超过100个字")
	case utf8.RuneCountInString(l.Description) > 2000:
		return patentbridge.FieldErrorf("description", "清单说明不能超过2000个字")
	}
	return nil
}

const supplyColumns = "id, title, description, city_code, status, year, number, filter, items, created_by, created_at, " +
	"published_at, withdrawn_at, withdraw_reason, ledger_index, withdraw_ledger_index"

func scanSupplyList(s scanner) (*patentbridge.SupplyList, error) {
	var l patentbridge.SupplyList
	var filter, items, created, published, withdrawn string
	var pubIdx, wdIdx sql.NullInt64
	if err := s.Scan(&l.ID, &l.Title, &l.Description, &l.CityCode, &l.Status, &l.Year, &l.Number, &filter, &items,
		&l.CreatedBy, &created, &published, &withdrawn, &l.WithdrawReason, &pubIdx, &wdIdx); err != nil {
		return nil, err
	}
	if pubIdx.Valid {
		l.LedgerIndex = &pubIdx.Int64
	}
	if wdIdx.Valid {
		l.WithdrawLedgerIndex = &wdIdx.Int64
	}
	if err := json.Unmarshal([]byte(filter), &l.Filter); err != nil {
		return nil, fmt.Errorf("sqldb: supply list %d: stored filter: %w", l.ID, err)
	}
	var err error
	if l.Items, err = decodeSupplyItems(items); err != nil {
		return nil, err
	}
	for _, t := range []struct {
		s   string
		dst *time.Time
	}{{created, &l.CreatedAt}, {published, &l.PublishedAt}, {withdrawn, &l.WithdrawnAt}} {
		if *t.dst, err = parseTime(t.s); err != nil {
			return nil, err
		}
	}
	return &l, nil
}

// findSupplyList reads a list with qr (the read pool or a transaction). Returns ENOTFOUND.
func (db *DB) findSupplyList(ctx context.Context, qr queryer, id int64) (*patentbridge.SupplyList, error) {
	q := db.dialect.newQuery().add("SELECT "+supplyColumns+" FROM supply_lists WHERE id = ?", id)
	l, err := scanSupplyList(qr.QueryRowContext(ctx, q.String(), q.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, supplyNotFound(id)
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: find supply list %d: %w", id, err)
	}
	return l, nil
}

// findSupplyList reads a list inside the transaction. Returns ENOTFOUND.
func (tx *Tx) findSupplyList(ctx context.Context, id int64) (*patentbridge.SupplyList, error) {
	return tx.db.findSupplyList(ctx, tx.tx, id)
}

func supplyNotFound(id int64) error {
	return patentbridge.Errorf(patentbridge.ENOTFOUND, "供给清单 %d 不存在", id)
}
