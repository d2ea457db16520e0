package sqldb

import (
	"context"
	"fmt"
	"time"

	"patentbridge"
)

// poolTakeTerms checks taking pool p on the store's day and returns the
// licence to store: an ordinary licence of all the pool's patents from its
// first member, on the pool's fee, with the acceptance text. Returns
// EINVALID, ECONFLICT.
func (db *DB) poolTakeTerms(ctx context.Context, qr queryer, p *patentbridge.Pool, u *patentbridge.User, t patentbridge.TakeOpenLicence, now time.Time) (*patentbridge.Licence, error) {
	last, err := db.poolLastDay(ctx, qr, p)
	if err != nil {
		return nil, err
	}
	start, end := patentbridge.PoolLicenceTerm(p.Fee, now, t.TermEnd, last)
	if err := patentbridge.CheckTakePoolLicence(p, u.OrgID, start, end, last); err != nil {
		return nil, err
	}
	lead := p.PoolLicensor()
	l := &patentbridge.Licence{Kind: patentbridge.LicenceOrdinary, AppNos: append([]string(nil), p.AppNos...),
		PoolID: p.ID, PoolName: p.Name, PoolLedgerIndex: p.LedgerIndex, LicensorOrgID: lead.OrgID, LicensorName: lead.Name,
		LicenseeOrgID: u.OrgID, LicenseeName: u.OrgName, Fee: *p.Fee, TermStart: start, TermEnd: end,
		NoticeText: patentbridge.PoolLicenceNoticeText(p, u.OrgName, start, end), CreatedBy: u.ID}
	if len(p.Titles) > 0 {
		l.Title = p.Titles[0]
	}
	return l, nil
}

// poolLastDay returns the last day on which one of the pool's patents can be
// in force (zero when none has an application date).
func (db *DB) poolLastDay(ctx context.Context, qr queryer, p *patentbridge.Pool) (time.Time, error) {
	var last time.Time
	q := db.dialect.newQuery().add("SELECT " + readColumns + " FROM patents WHERE app_no IN ").addList(p.AppNos)
	err := eachRow(ctx, qr, q, func(s scanner) error {
		pt, err := scanPatent(s)
		if err != nil {
			return err
		}
		if d := patentbridge.LastDayOfTerm(pt); d.After(last) {
			last = d
		}
		return nil
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("sqldb: pool %d patents: %w", p.ID, err)
	}
	return last, nil
}

// PoolLicenceNotice returns the acceptance text the signed-in user's
// organization would send to take the published pool's package licence.
// Returns EINVALID, ENOTFOUND, ECONFLICT, EFORBIDDEN, EUNAUTHORIZED.
func (db *DB) PoolLicenceNotice(ctx context.Context, poolID int64, t patentbridge.TakeOpenLicence) (string, error) {
	if _, err := actor(ctx); err != nil {
		return "", err
	}
	p, err := db.FindPool(ctx, poolID)
	if err != nil {
		return "", err
	}
	u, err := licensee(ctx)
	if err != nil {
		return "", err
	}
	l, err := db.poolTakeTerms(ctx, db.read, p, u, t, db.now())
	if err != nil {
		return "", err
	}
	return l.NoticeText, nil
}

// TakePoolLicence takes the published pool's package licence for the
// signed-in enterprise user's organization, audited as "pool_licence.take":
// an ordinary licence of every patent of the pool from its first member on
// the pool's published fee, 'noticed' until the payment due up front is
// recorded and effective at once when nothing is, with its ledger entry
// "pool_licence.grant". It is refused while a patent of the pool is under an
// exclusive or sole licence in force during the term, and to an organization
// already holding the pool's licence in force. Returns EINVALID (also without
// confirmation), ENOTFOUND, ECONFLICT, EFORBIDDEN, EUNAUTHORIZED.
func (db *DB) TakePoolLicence(ctx context.Context, poolID int64, t patentbridge.TakeOpenLicence) (*patentbridge.Licence, error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	if !t.Confirmed {
		return nil, patentbridge.FieldErrorf("confirm", "请阅读并确认接受专利池打包许可条件的书面通知")
	}
	var l *patentbridge.Licence
	err := db.WithTx(ctx, func(tx *Tx) error {
		p, err := db.findPool(ctx, tx.tx, poolID)
		if err != nil {
			return err
		}
		if p.Status != patentbridge.PoolPublished {
			return patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到专利池 %d", poolID)
		}
		u, err := licensee(ctx)
		if err != nil {
			return err
		}
		if l, err = db.poolTakeTerms(ctx, tx.tx, p, u, t, tx.now); err != nil {
			return err
		}
		if err := tx.poolTakeConflicts(ctx, l); err != nil {
			return err
		}
		return tx.storeTaken(ctx, l, "pool_licence.take", fmt.Sprintf("%s接受专利池“%s”的打包许可条件", l.LicenseeName, p.Name),
			"被许可人已书面通知接受专利池的打包许可条件，付费后许可生效。")
	})
	if err != nil {
		return nil, err
	}
	return db.findLicenceFor(ctx, l.ID)
}

// poolTakeConflicts refuses a pool licence the licensee already holds in
// force, and one whose patents include one under an exclusive or sole
// licence in force during its term (the patentee may not license others).
// Returns ECONFLICT.
func (tx *Tx) poolTakeConflicts(ctx context.Context, l *patentbridge.Licence) error {
	var n int
	q := tx.q().add(`SELECT COUNT(*) FROM licences WHERE pool_id = ? AND licensee_org_id = ? AND status IN (?, ?)`,
		l.PoolID, l.LicenseeOrgID, patentbridge.LicenceNoticed, patentbridge.LicenceEffective)
	if err := tx.queryRow(ctx, q).Scan(&n); err != nil {
		return fmt.Errorf("sqldb: licences of pool %d: %w", l.PoolID, err)
	}
	if n > 0 {
		return patentbridge.Errorf(patentbridge.ECONFLICT, "本单位已取得或正在办理该专利池的许可，不能重复办理")
	}
	var no string
	q = tx.q().add(`SELECT lp.app_no FROM licences l JOIN licence_patents lp ON lp.licence_id = l.id
		WHERE lp.app_no IN `).addList(l.AppNos).add(` AND l.kind IN (?, ?) AND l.status = ? AND l.term_end >= ? AND l.term_start <= ?
		ORDER BY lp.app_no LIMIT 1`, string(patentbridge.LicenceExclusive), string(patentbridge.LicenceSole),
		patentbridge.LicenceEffective, patentbridge.FormatDate(l.TermStart), patentbridge.FormatDate(l.TermEnd))
	err := tx.queryRow(ctx, q).Scan(&no)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("sqldb: exclusive licences in pool %d: %w", l.PoolID, err)
	}
	return patentbridge.Errorf(patentbridge.ECONFLICT, "专利池中的专利 %s 有正在实施的独占或排他许可，许可期间不能再许可他人实施", patentbridge.FormatAppNo(no))
}
