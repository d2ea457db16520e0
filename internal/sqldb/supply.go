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

// cityScope returns EFORBIDDEN when the signed-in user is a city user and the
// list belongs to another city (or to the province).
func cityScope(ctx context.Context, cityCode string) error {
	if u := patentbridge.UserFrom(ctx); u != nil && u.Role == patentbridge.RoleCity && cityCode != u.CityCode {
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只能管理本市（州）的供给清单")
	}
	return nil
}

// CreateSupplyList selects up to Filter.Limit sleeping patents (default 100, at
// most 1000) of the filter's run and stores a draft that freezes them as items.
// A city user may only build a list of its own city. Returns EINVALID, EFORBIDDEN,
// ENOTFOUND (no finished run).
func (db *DB) CreateSupplyList(ctx context.Context, l *patentbridge.SupplyList) error {
	if err := validateSupplyText(l); err != nil {
		return err
	}
	if u := patentbridge.UserFrom(ctx); u != nil && u.Role == patentbridge.RoleCity && (l.CityCode != u.CityCode || l.Filter.City != u.CityCode) {
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只能为本市（州）编制供给清单")
	}
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
		f.RunID = run.ID // the list records the run its items came from
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
	itemsJSON, err := encodeSupplyItems(l.Items)
	if err != nil {
		return err
	}
	filterJSON, err := json.Marshal(l.Filter)
	if err != nil {
		return err
	}
	now := db.now()
	q := db.dialect.newQuery().add(`INSERT INTO supply_lists (title, description, city_code, status, filter, items,
		created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		l.Title, l.Description, l.CityCode, patentbridge.ListDraft, string(filterJSON), itemsJSON, l.CreatedBy, formatTime(now))
	if err := db.write.QueryRowContext(ctx, q.String(), q.args...).Scan(&l.ID); err != nil {
		return fmt.Errorf("sqldb: create supply list: %w", err)
	}
	l.Status, l.CreatedAt = patentbridge.ListDraft, now
	l.Year, l.Number, l.WithdrawReason = 0, 0, ""
	l.PublishedAt, l.WithdrawnAt = time.Time{}, time.Time{}
	return nil
}

const supplyColumns = "id, title, description, city_code, status, year, number, filter, items, created_by, created_at, " +
	"published_at, withdrawn_at, withdraw_reason"

func scanSupplyList(s scanner) (*patentbridge.SupplyList, error) {
	var l patentbridge.SupplyList
	var filter, items, created, published, withdrawn string
	if err := s.Scan(&l.ID, &l.Title, &l.Description, &l.CityCode, &l.Status, &l.Year, &l.Number, &filter, &items,
		&l.CreatedBy, &created, &published, &withdrawn, &l.WithdrawReason); err != nil {
		return nil, err
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

// findSupplyList reads a list inside tx. Returns ENOTFOUND.
func (db *DB) findSupplyList(ctx context.Context, qr queryer, id int64) (*patentbridge.SupplyList, error) {
	q := db.dialect.newQuery().add("SELECT "+supplyColumns+" FROM supply_lists WHERE id = ?", id)
	l, err := scanSupplyList(qr.QueryRowContext(ctx, q.String(), q.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "供给清单 %d 不存在", id)
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: find supply list %d: %w", id, err)
	}
	return l, nil
}
