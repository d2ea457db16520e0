package sqldb

import (
	"context"
	"fmt"
	"strings"
	"time"

	"patentbridge"
)

// UpdateSupplyList replaces a draft's title, description and items. The items
// must come from the draft (review removes patents, reorders them and adds
// notes): each keeps the data frozen at creation, with the new note. Returns
// EINVALID, EFORBIDDEN, ENOTFOUND, ECONFLICT when the list is no longer a draft.
func (db *DB) UpdateSupplyList(ctx context.Context, l *patentbridge.SupplyList) error {
	if err := validateSupplyText(l); err != nil {
		return err
	}
	if len(l.Items) == 0 {
		return patentbridge.FieldErrorf("items", "清单至少应保留一件专利")
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqldb: update supply list: %w", err)
	}
	defer tx.Rollback()
	cur, err := db.findSupplyList(ctx, tx, l.ID)
	if err != nil {
		return err
	}
	if err := cityScope(ctx, cur.CityCode); err != nil {
		return err
	}
	if cur.Status != patentbridge.ListDraft {
		return patentbridge.Errorf(patentbridge.ECONFLICT, "清单已发布（%s），内容已冻结，不能再修改", cur.NumberLabel())
	}
	frozen := make(map[string]patentbridge.SupplyItem, len(cur.Items))
	for _, it := range cur.Items {
		frozen[it.AppNo] = it
	}
	items := make([]patentbridge.SupplyItem, 0, len(l.Items))
	seen := map[string]bool{}
	for _, it := range l.Items {
		f, ok := frozen[it.AppNo]
		if !ok || seen[it.AppNo] {
			return patentbridge.FieldErrorf("items", "专利 %s 不在清单草稿中（或重复），只能移除或调整已选专利", patentbridge.FormatAppNo(it.AppNo))
		}
		seen[it.AppNo] = true
		f.Note = strings.TrimSpace(it.Note)
		items = append(items, f)
	}
	text, err := encodeSupplyItems(items)
	if err != nil {
		return err
	}
	q := db.dialect.newQuery().add("UPDATE supply_lists SET title = ?, description = ?, items = ? WHERE id = ?",
		l.Title, l.Description, text, l.ID)
	if _, err := tx.ExecContext(ctx, q.String(), q.args...); err != nil {
		return fmt.Errorf("sqldb: update supply list: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqldb: update supply list: %w", err)
	}
	l.Items = items
	return nil
}

// PublishSupplyList freezes a draft and gives it the next number of at's year;
// two lists published at once get different numbers (a unique index decides and
// the loser retries). Returns EFORBIDDEN, ENOTFOUND, ECONFLICT.
func (db *DB) PublishSupplyList(ctx context.Context, id int64, at time.Time) (*patentbridge.SupplyList, error) {
	for attempt := 1; ; attempt++ {
		l, err := db.publishOnce(ctx, id, at)
		if err != nil && isUniqueViolation(err) && attempt < 10 {
			continue
		}
		return l, err
	}
}

func (db *DB) publishOnce(ctx context.Context, id int64, at time.Time) (*patentbridge.SupplyList, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqldb: publish supply list: %w", err)
	}
	defer tx.Rollback()
	l, err := db.findSupplyList(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := cityScope(ctx, l.CityCode); err != nil {
		return nil, err
	}
	if l.Status != patentbridge.ListDraft {
		return nil, patentbridge.Errorf(patentbridge.ECONFLICT, "清单已于 %s 发布为%s，不能重复发布",
			patentbridge.FormatDate(l.PublishedAt), l.NumberLabel())
	}
	at = at.UTC().Truncate(time.Microsecond)
	year := at.Year()
	q := db.dialect.newQuery().add(`UPDATE supply_lists SET status = ?, year = ?,
		number = (SELECT COALESCE(MAX(number), 0) + 1 FROM supply_lists WHERE year = ?), published_at = ?
		WHERE id = ? AND status = ?`, patentbridge.ListPublished, year, year, formatTime(at), id, patentbridge.ListDraft)
	res, err := tx.ExecContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, err // a unique violation is retried by the caller
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return nil, patentbridge.Errorf(patentbridge.ECONFLICT, "清单 %d 正在被另一操作发布，请刷新后重试", id)
	}
	if l, err = db.findSupplyList(ctx, tx, id); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return l, nil
}

// WithdrawSupplyList marks a published list withdrawn with the reason; it stays
// visible with its number. Returns EINVALID, EFORBIDDEN, ENOTFOUND, ECONFLICT.
func (db *DB) WithdrawSupplyList(ctx context.Context, id int64, reason string, at time.Time) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return patentbridge.FieldErrorf("reason", "撤回清单须填写撤回原因")
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqldb: withdraw supply list: %w", err)
	}
	defer tx.Rollback()
	l, err := db.findSupplyList(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := cityScope(ctx, l.CityCode); err != nil {
		return err
	}
	if l.Status != patentbridge.ListPublished {
		return patentbridge.Errorf(patentbridge.ECONFLICT, "只能撤回已发布的清单（当前状态：%s）", l.StatusLabel())
	}
	q := db.dialect.newQuery().add("UPDATE supply_lists SET status = ?, withdrawn_at = ?, withdraw_reason = ? WHERE id = ?",
		patentbridge.ListWithdrawn, formatTime(at), reason, id)
	if _, err := tx.ExecContext(ctx, q.String(), q.args...); err != nil {
		return fmt.Errorf("sqldb: withdraw supply list: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqldb: withdraw supply list: %w", err)
	}
	return nil
}

// FindSupplyList returns a list with its items. Returns ENOTFOUND.
func (db *DB) FindSupplyList(ctx context.Context, id int64) (*patentbridge.SupplyList, error) {
	return db.findSupplyList(ctx, db.read, id)
}

// ListSupplyLists returns lists with their items, the latest published (drafts:
// created) first; without includeDrafts only published and withdrawn ones.
func (db *DB) ListSupplyLists(ctx context.Context, includeDrafts bool) ([]*patentbridge.SupplyList, error) {
	q := db.dialect.newQuery().add("SELECT " + supplyColumns + " FROM supply_lists")
	if !includeDrafts {
		q.add(" WHERE status <> ?", patentbridge.ListDraft)
	}
	q.add(" ORDER BY CASE WHEN published_at = '' THEN created_at ELSE published_at END DESC, id DESC")
	rs, err := db.read.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: list supply lists: %w", err)
	}
	defer rs.Close()
	out := []*patentbridge.SupplyList{}
	for rs.Next() {
		l, err := scanSupplyList(rs)
		if err != nil {
			return nil, fmt.Errorf("sqldb: list supply lists: %w", err)
		}
		out = append(out, l)
	}
	return out, rs.Err()
}

// CountPublishedLists returns how many lists were published in each year;
// withdrawn lists were published and keep their number, so they count.
func (db *DB) CountPublishedLists(ctx context.Context) (map[int]int, error) {
	rs, err := db.read.QueryContext(ctx, "SELECT year, COUNT(*) FROM supply_lists WHERE number > 0 GROUP BY year")
	if err != nil {
		return nil, fmt.Errorf("sqldb: count published lists: %w", err)
	}
	defer rs.Close()
	out := map[int]int{}
	for rs.Next() {
		var y, n int
		if err := rs.Scan(&y, &n); err != nil {
			return nil, fmt.Errorf("sqldb: count published lists: %w", err)
		}
		out[y] = n
	}
	return out, rs.Err()
}
