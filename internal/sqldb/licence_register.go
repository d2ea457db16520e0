package sqldb

import (
	"context"
	"fmt"
	"slices"

	"patentbridge"
)

// checkNegotiatedFee refuses fee terms no licence can have.
func checkNegotiatedFee(f patentbridge.FeeTerms) error {
	switch {
	case !slices.Contains(patentbridge.FeeMethods, f.Method):
		return patentbridge.FieldErrorf("fee.method", "付费方式 %q 无效", patentbridge.ClipValue(string(f.Method)))
	case f.LumpSumFen < 0 || f.EntryFeeFen < 0 || f.RateBP < 0 || f.RateBP > 10000:
		return patentbridge.FieldErrorf("fee", "许可使用费的金额不能为负数，费率应在 0 至 100%% 之间")
	case f.LumpSumFen > patentbridge.MaxRoyaltyBaseFen || f.EntryFeeFen > patentbridge.MaxRoyaltyBaseFen:
		return patentbridge.FieldErrorf("fee", "许可使用费金额超出范围")
	case f.Method == patentbridge.FeeDeferred && (f.Then == nil || f.Then.Method == patentbridge.FeeDeferred || f.Then.Method == patentbridge.FeeFree):
		return patentbridge.FieldErrorf("fee.then", "先使用后付费须写明期满后的付费方式（免费与先使用后付费除外）")
	}
	return nil
}

// licOwnerOrg reports whether the organization (or a child of it) currently
// owns the patent by the owners' registry links.
func (db *DB) licOwnerOrg(ctx context.Context, qr queryer, orgID int64, appNo string) (bool, error) {
	var n int
	q := db.dialect.newQuery().add(`SELECT COUNT(*) FROM patent_owners po JOIN patents p ON p.id = po.patent_id
		LEFT JOIN organizations o ON o.id = po.org_id WHERE p.app_no = ? AND (po.org_id = ? OR o.parent_id = ?)`, appNo, orgID, orgID)
	if err := qr.QueryRowContext(ctx, q.String(), q.args...).Scan(&n); err != nil {
		return false, fmt.Errorf("sqldb: owners of %s: %w", appNo, err)
	}
	return n > 0, nil
}

// RegisterLicence registers a negotiated licence (exclusive, sole or ordinary)
// on the patents l.AppNos by their owner organization (the signed-in user's;
// the admin or the platform names l.LicensorOrgID) to the organization
// l.LicenseeOrgID, in force from the store's clock, audited as
// "licence.register" with its ledger entry "licence.grant" (without the fee).
// A patent not in force is refused. While an open licence is announced on a
// patent exclusive and sole licences are refused (Patent Law art. 51(3)); so is a second exclusive or sole
// licence in force. Returns EINVALID, ENOTFOUND, ECONFLICT, EFORBIDDEN, EUNAUTHORIZED.
func (db *DB) RegisterLicence(ctx context.Context, l *patentbridge.Licence) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	if u.Role != patentbridge.RoleAdmin {
		if err := patentbridge.CanPost(u); err != nil {
			return err
		}
		if u.OrgID == 0 {
			return patentbridge.Errorf(patentbridge.EFORBIDDEN, "您的账号未关联单位，不能登记许可")
		}
		l.LicensorOrgID = u.OrgID
	}
	if err := patentbridge.CheckNegotiatedKind(l.Kind, false); err != nil {
		return err
	}
	if err := checkNegotiatedFee(l.Fee); err != nil {
		return err
	}
	if len(l.AppNos) == 0 || len(l.AppNos) > 100 {
		return patentbridge.FieldErrorf("app_nos", "请填写被许可的专利（1 至 100 件）")
	}
	switch {
	case l.LicensorOrgID == 0:
		return patentbridge.FieldErrorf("licensor_organization_id", "请指定许可人单位")
	case l.LicenseeOrgID == 0:
		return patentbridge.FieldErrorf("licensee_organization_id", "请指定被许可人单位")
	case l.LicenseeOrgID == l.LicensorOrgID:
		return patentbridge.FieldErrorf("licensee_organization_id", "被许可人不能是许可人本身")
	case l.TermStart.IsZero() || l.TermEnd.IsZero() || l.TermEnd.Before(l.TermStart):
		return patentbridge.FieldErrorf("term_end", "请填写许可期限（开始日不晚于结束日）")
	}
	nos := make([]string, len(l.AppNos))
	for i, s := range l.AppNos {
		no, _, err := patentbridge.NormalizeAppNo(s)
		if err != nil {
			return patentbridge.FieldErrorf("app_nos", "%s", patentbridge.ErrorMessage(err))
		}
		nos[i] = no
	}
	slices.Sort(nos)
	l.AppNos = slices.Compact(nos)
	return db.WithTx(ctx, func(tx *Tx) error {
		for _, no := range l.AppNos {
			if err := tx.checkRegistrable(ctx, l, no); err != nil {
				return err
			}
		}
		for i, id := range []int64{l.LicensorOrgID, l.LicenseeOrgID} {
			o, err := findOrg(ctx, tx.db, tx.tx, id)
			if err != nil {
				return err
			}
			if i == 0 {
				l.LicensorName = o.Name
			} else {
				l.LicenseeName = o.Name
			}
		}
		l.OpenLicenceID, l.Status, l.CreatedBy, l.CreatedAt = 0, patentbridge.LicenceEffective, u.ID, tx.now
		l.TermStart, l.TermEnd = patentbridge.DateOf(l.TermStart), patentbridge.DateOf(l.TermEnd)
		if err := tx.insertLicence(ctx, l); err != nil {
			return err
		}
		if err := tx.makeEffective(ctx, l); err != nil {
			return err
		}
		return tx.audit(ctx, "licence.register", licenceObject(l.ID), nil, auditLicence(l))
	})
}

// checkRegistrable refuses registering l on one patent: a patent not in
// force (patentbridge.CheckLicensable), one the licensor does not own, a term past its expiry, an exclusive or sole licence while an
// open licence is announced or another exclusive or sole licence is in force.
func (tx *Tx) checkRegistrable(ctx context.Context, l *patentbridge.Licence, no string) error {
	p, err := tx.licPatent(ctx, no)
	if err != nil {
		return err
	}
	if err := patentbridge.CheckLicensable(p); err != nil {
		return err
	}
	own, err := tx.db.licOwnerOrg(ctx, tx.tx, l.LicensorOrgID, no)
	if err != nil {
		return err
	}
	if !own {
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "许可人单位不是专利 %s 的当前权利人，不能登记其许可", patentbridge.FormatAppNo(no))
	}
	if last := patentbridge.LastDayOfTerm(p); !last.IsZero() && l.TermEnd.After(last) {
		return patentbridge.FieldErrorf("term_end", "许可期限不能超过专利 %s 的保护期（至 %s）", patentbridge.FormatAppNo(no), patentbridge.FormatDate(last))
	}
	announced, err := tx.db.licAnnouncedOn(ctx, tx.tx, no)
	if err != nil {
		return err
	}
	if err := patentbridge.CheckNegotiatedKind(l.Kind, announced); err != nil {
		return err
	}
	if l.Kind == patentbridge.LicenceOrdinary {
		return nil
	}
	var n int
	q := tx.q().add(`SELECT COUNT(*) FROM licences l JOIN licence_patents lp ON lp.licence_id = l.id
		WHERE lp.app_no = ? AND l.kind IN (?, ?) AND l.status = ? AND l.term_end >= ?`,
		no, string(patentbridge.LicenceExclusive), string(patentbridge.LicenceSole), patentbridge.LicenceEffective, patentbridge.FormatDate(l.TermStart))
	if err := tx.queryRow(ctx, q).Scan(&n); err != nil {
		return fmt.Errorf("sqldb: exclusive licences of %s: %w", no, err)
	}
	if n > 0 {
		return patentbridge.Errorf(patentbridge.ECONFLICT, "专利 %s 已有生效的独占或排他许可，不能再给予独占或排他许可", patentbridge.FormatAppNo(no))
	}
	return nil
}

// licPatent reads a patent in the act's transaction. Returns ENOTFOUND.
func (tx *Tx) licPatent(ctx context.Context, no string) (*patentbridge.Patent, error) {
	p, err := scanPatent(tx.queryRow(ctx, tx.q().add("SELECT "+readColumns+" FROM patents WHERE app_no = ?", no)))
	if isNoRows(err) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到申请号为 %s 的专利", patentbridge.FormatAppNo(no))
	}
	if err != nil {
		return nil, fmt.Errorf("sqldb: find patent %s: %w", no, err)
	}
	return p, nil
}
