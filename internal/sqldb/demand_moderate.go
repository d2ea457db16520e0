package sqldb

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"patentbridge"
)

// ModerateDemand publishes (now, by the store's clock) or rejects a pending
// demand, audited in the same transaction; a rejection needs a note, which the
// posting enterprise sees. The admin moderates any demand, a city user its own
// city's (patentbridge.CanModerateDemand). Returns EINVALID, ENOTFOUND,
// EUNAUTHORIZED, EFORBIDDEN, and ECONFLICT when the demand is no longer pending.
func (db *DB) ModerateDemand(ctx context.Context, id int64, publish bool, note string) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	note = strings.TrimSpace(note)
	if !publish && note == "" {
		return patentbridge.FieldErrorf("note", "退回需求时请填写原因，需求单位会看到它")
	}
	if utf8.RuneCountInString(note) > 500 {
		return patentbridge.FieldErrorf("note", "审核意见不能超过500个字")
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		d, err := db.findDemand(ctx, tx.tx, id)
		if err != nil {
			return err
		}
		if err := patentbridge.CanModerateDemand(u, d); err != nil {
			return err
		}
		if d.Status != patentbridge.DemandPending {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "需求 %d 已审核（%s），不能重复审核", id, patentbridge.DemandStatusLabel(d.Status))
		}
		before := auditDemand(d)
		action, published := "demand.reject", ""
		d.Status, d.RejectNote = patentbridge.DemandRejected, note
		if publish {
			action, published = "demand.publish", formatTime(tx.now)
			d.Status, d.RejectNote, d.PublishedAt = patentbridge.DemandPublished, "", tx.now
		}
		q := tx.q().add("UPDATE demands SET status = ?, reject_note = ?, published_at = ?, moderated_by = ? WHERE id = ? AND status = ?",
			d.Status, d.RejectNote, published, u.ID, id, patentbridge.DemandPending)
		if n, err := affected(tx.exec(ctx, q)); err != nil {
			return fmt.Errorf("sqldb: moderate demand %d: %w", id, err)
		} else if n != 1 {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "需求 %d 正在被另一操作审核，请刷新后重试", id)
		}
		return tx.audit(ctx, action, demandObject(id), before, auditDemand(d))
	})
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
