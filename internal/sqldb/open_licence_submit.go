package sqldb

import (
	"context"
	"fmt"
	"strings"

	"patentbridge"
)

// SubmitOpenLicence checks a draft — its fee terms, its patent's facts on the
// store's day (patentbridge.CheckOpenLicenceFacts) and every patentee
// organization's consent — and submits it for review, audited as
// "open_licence.submit". Returns EINVALID, EFORBIDDEN, ENOTFOUND, ECONFLICT
// (not a draft, or another declaration of the patent submitted or announced).
func (db *DB) SubmitOpenLicence(ctx context.Context, id int64) (*patentbridge.OpenLicence, error) {
	var out *patentbridge.OpenLicence
	err := db.WithTx(ctx, func(tx *Tx) error {
		cur, owners, err := tx.manageOpenLicence(ctx, id)
		if err != nil {
			return err
		}
		if cur.Status != patentbridge.OpenDraft {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "开放许可声明%s，不能重复提交", cur.StatusLabel())
		}
		if err := tx.checkOpenLicence(ctx, cur, owners); err != nil {
			return err
		}
		next := *cur
		next.Status, next.SubmittedAt = patentbridge.OpenSubmitted, tx.now
		if err := tx.setOpenLicenceStatus(ctx, cur, "submitted_at = ?", formatTime(tx.now), next.Status); err != nil {
			return err
		}
		out = &next
		return tx.audit(ctx, "open_licence.submit", openLicenceObject(id), auditOpenLicence(cur), auditOpenLicence(&next))
	})
	return out, err
}

// checkOpenLicence applies every rule of a declaration on the transaction's
// day: its terms, its patent's facts and every owner's consent. Returns EINVALID.
func (tx *Tx) checkOpenLicence(ctx context.Context, ol *patentbridge.OpenLicence, owners []ownerOrg) error {
	if err := patentbridge.ValidateOpenLicence(ol); err != nil {
		return err
	}
	p, _, err := tx.openLicencePatent(ctx, ol.AppNo)
	if err != nil {
		return err
	}
	recorded, err := tx.recordedLicences(ctx, ol.AppNo)
	if err != nil {
		return err
	}
	if err := patentbridge.CheckOpenLicenceFacts(p, ol, recorded, tx.now); err != nil {
		return err
	}
	if missing := missingConsents(ol, owners, patentbridge.ConsentDeclare); len(missing) > 0 {
		return patentbridge.FieldErrorf("consents", "依据《专利法实施细则》第八十五条，开放许可声明须经全体专利权人同意；尚未同意：%s",
			strings.Join(missing, "、"))
	}
	return nil
}

// recordedLicences returns the platform's licences of a patent.
func (tx *Tx) recordedLicences(ctx context.Context, appNo string) ([]patentbridge.RecordedLicence, error) {
	rs, err := tx.query(ctx, tx.q().add(`SELECT l.id, l.kind, l.status, l.term_start, l.term_end FROM licences l
		JOIN licence_patents lp ON lp.licence_id = l.id WHERE lp.app_no = ? ORDER BY l.id`, appNo))
	if err != nil {
		return nil, fmt.Errorf("sqldb: recorded licences: %w", err)
	}
	defer rs.Close()
	var out []patentbridge.RecordedLicence
	for rs.Next() {
		var l patentbridge.RecordedLicence
		var kind, start, end string
		if err := rs.Scan(&l.ID, &kind, &l.Status, &start, &end); err != nil {
			return nil, fmt.Errorf("sqldb: recorded licences: %w", err)
		}
		l.Kind = patentbridge.LicenceKind(kind)
		if l.TermStart, err = parseDate(start); err == nil {
			l.TermEnd, err = parseDate(end)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rs.Err()
}

// setOpenLicenceStatus moves a declaration from its current state to status,
// setting one more column (set is "col = ?"); a unique violation (another
// live declaration of the patent) is ECONFLICT.
func (tx *Tx) setOpenLicenceStatus(ctx context.Context, cur *patentbridge.OpenLicence, set string, value any, status string) error {
	q := tx.q().add("UPDATE open_licences SET status = ?, "+set+" WHERE id = ? AND status = ?", status, value, cur.ID, cur.Status)
	n, err := affected(tx.exec(ctx, q))
	if err != nil && isUniqueViolation(err) {
		return patentbridge.Errorf(patentbridge.ECONFLICT, "专利 %s 已有一份待审核或已公告的开放许可声明，同一专利同一时间只能有一份",
			patentbridge.FormatAppNo(cur.AppNo))
	}
	if err != nil {
		return fmt.Errorf("sqldb: open licence status: %w", err)
	}
	if n != 1 {
		return patentbridge.Errorf(patentbridge.ECONFLICT, "开放许可声明 %d 正在被另一操作修改，请刷新后重试", cur.ID)
	}
	return nil
}
