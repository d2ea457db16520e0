package sqldb

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"patentbridge"
)

// ModerateDemand publishes (at) or rejects a pending demand; a rejection needs a
// note, which the posting enterprise sees. A city user (patentbridge.UserFrom)
// may only moderate demands of its own city. Returns EINVALID, ENOTFOUND,
// EFORBIDDEN, and ECONFLICT when the demand is no longer pending.
func (db *DB) ModerateDemand(ctx context.Context, id int64, publish bool, note string, at time.Time) error {
	note = strings.TrimSpace(note)
	if !publish && note == "" {
		return patentbridge.FieldErrorf("note", "退回需求时请填写原因，需求单位会看到它")
	}
	if utf8.RuneCountInString(note) > 500 {
		return patentbridge.FieldErrorf("note", "审核意见不能超过500个字")
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqldb: moderate demand: %w", err)
	}
	defer tx.Rollback()
	d, err := db.findDemand(ctx, tx, id)
	if err != nil {
		return err
	}
	var by int64
	if u := patentbridge.UserFrom(ctx); u != nil {
		by = u.ID
		if u.Role == patentbridge.RoleCity && (u.CityCode == "" || d.CityCode() != u.CityCode[:min(4, len(u.CityCode))]) {
			return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只能审核本市（州）的技术需求")
		}
	}
	if d.Status != patentbridge.DemandPending {
		return patentbridge.Errorf(patentbridge.ECONFLICT, "需求 %d 已审核（%s），不能重复审核", id, patentbridge.DemandStatusLabel(d.Status))
	}
	status, published := patentbridge.DemandRejected, ""
	if publish {
		status, published, note = patentbridge.DemandPublished, formatTime(at.UTC().Truncate(time.Microsecond)), ""
	}
	q := db.dialect.newQuery().add("UPDATE demands SET status = ?, reject_note = ?, published_at = ?, moderated_by = ? WHERE id = ? AND status = ?",
		status, note, published, by, id, patentbridge.DemandPending)
	res, err := tx.ExecContext(ctx, q.String(), q.args...)
	if err != nil {
		return fmt.Errorf("sqldb: moderate demand %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return patentbridge.Errorf(patentbridge.ECONFLICT, "需求 %d 正在被另一操作审核，请刷新后重试", id)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqldb: moderate demand %d: %w", id, err)
	}
	return nil
}

// CountPublishedDemands returns how many demands were published in each year.
func (db *DB) CountPublishedDemands(ctx context.Context) (map[int]int, error) {
	q := db.dialect.newQuery().add("SELECT substr(published_at, 1, 4), COUNT(*) FROM demands WHERE status = ? AND published_at <> '' GROUP BY substr(published_at, 1, 4)",
		patentbridge.DemandPublished)
	rs, err := db.read.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: count published demands: %w", err)
	}
	defer rs.Close()
	out := map[int]int{}
	for rs.Next() {
		var y string
		var n int
		if err := rs.Scan(&y, &n); err != nil {
			return nil, fmt.Errorf("sqldb: count published demands: %w", err)
		}
		year, err := strconv.Atoi(y)
		if err != nil {
			return nil, fmt.Errorf("sqldb: stored publication year %q: %w", y, err)
		}
		out[year] = n
	}
	return out, rs.Err()
}
