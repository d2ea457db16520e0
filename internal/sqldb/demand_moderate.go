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
// city's (patentbridge.CanModerateDemand); a demand the user may not see is
// not found. Returns EINVALID, ENOTFOUND,
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
		d, err := db.demandForAct(ctx, tx, u, id, patentbridge.CanModerateDemand, patentbridge.DemandActModerate)
		if err != nil {
			return err
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
		if err := tx.notifyPoster(ctx, u, d); err != nil {
			return err
		}
		return tx.audit(ctx, action, demandObject(id), before, auditDemand(d))
	})
}

// notifyPoster tells a moderated demand's poster the outcome: its organization
// when registered, else the account that posted it (unless the moderator
// posted it).
func (tx *Tx) notifyPoster(ctx context.Context, moderator *patentbridge.User, d *patentbridge.Demand) error {
	m := &patentbridge.Message{OrgID: d.OrgID, Link: "/demands/" + strconv.FormatInt(d.ID, 10),
		Kind: patentbridge.MessageDemandPublished, Title: "您的技术需求《" + clipRunes(d.Title, 60) + "》已审核通过并公开发布"}
	if d.Status == patentbridge.DemandRejected {
		m.Kind, m.Title = patentbridge.MessageDemandReturned, "您的技术需求《"+clipRunes(d.Title, 60)+"》被退回，请修改后重新提交"
		m.Body = "退回原因：" + d.RejectNote
	}
	if m.OrgID == 0 {
		if d.CreatedBy == 0 || d.CreatedBy == moderator.ID {
			return nil
		}
		m.UserID = d.CreatedBy
	}
	return tx.notify(ctx, m)
}

// clipRunes cuts s to at most n characters, marking a cut with "…".
func clipRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
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
