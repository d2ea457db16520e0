package sqldb

import (
	"context"
	"fmt"
	"slices"

	"patentbridge"
)

// findLicence reads a licence with its patents, payments, reports and
// disputes, and its parties' cities. Returns ENOTFOUND.
func (db *DB) findLicence(ctx context.Context, qr queryer, id int64) (licRow, error) {
	q := db.dialect.newQuery().add("SELECT "+licenceColumns+licenceFrom+" WHERE l.id = ?", id)
	r, err := scanLicence(qr.QueryRowContext(ctx, q.String(), q.args...))
	if isNoRows(err) {
		return r, licenceNotFound(id)
	}
	if err != nil {
		return r, fmt.Errorf("sqldb: find licence %d: %w", id, err)
	}
	if r.l.PoolID != 0 {
		q := db.dialect.newQuery().add("SELECT org_id FROM pool_members WHERE pool_id = ?", r.l.PoolID)
		err := eachRow(ctx, qr, q, func(s scanner) error {
			var id int64
			err := s.Scan(&id)
			r.members = append(r.members, id)
			return err
		})
		if err != nil {
			return r, fmt.Errorf("sqldb: pool members of licence %d: %w", id, err)
		}
	}
	return r, db.licenceDetails(ctx, qr, r.l)
}

// licenceDetails fills a licence's patents (and the first one's title),
// payments, reports and disputes.
func (db *DB) licenceDetails(ctx context.Context, qr queryer, l *patentbridge.Licence) error {
	if err := db.licencePatents(ctx, qr, l); err != nil {
		return err
	}
	q := db.dialect.newQuery().add(`SELECT id, amount_fen, paid_on, reference, recorded_by, created_at
		FROM licence_payments WHERE licence_id = ? ORDER BY id`, l.ID)
	err := eachRow(ctx, qr, q, func(s scanner) error {
		var p patentbridge.LicencePayment
		var on, at string
		if err := s.Scan(&p.ID, &p.AmountFen, &on, &p.Reference, &p.RecordedBy, &at); err != nil {
			return err
		}
		var err error
		if p.PaidOn, err = parseDate(on); err == nil {
			p.CreatedAt, err = parseTime(at)
		}
		l.Payments = append(l.Payments, p)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqldb: licence %d payments: %w", l.ID, err)
	}
	q = db.dialect.newQuery().add(`SELECT id, period_start, period_end, base_fen, due_fen, reported_by, created_at
		FROM licence_royalty_reports WHERE licence_id = ? ORDER BY period_start`, l.ID)
	err = eachRow(ctx, qr, q, func(s scanner) error {
		var r patentbridge.RoyaltyReport
		var ps, pe, at string
		if err := s.Scan(&r.ID, &ps, &pe, &r.BaseFen, &r.DueFen, &r.ReportedBy, &at); err != nil {
			return err
		}
		var err error
		if r.PeriodStart, err = parseDate(ps); err == nil {
			if r.PeriodEnd, err = parseDate(pe); err == nil {
				r.CreatedAt, err = parseTime(at)
			}
		}
		l.Reports = append(l.Reports, r)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqldb: licence %d reports: %w", l.ID, err)
	}
	q = db.dialect.newQuery().add(`SELECT id, channel, description, outcome, resolved_at, created_by, created_at
		FROM licence_disputes WHERE licence_id = ? ORDER BY id`, l.ID)
	err = eachRow(ctx, qr, q, func(s scanner) error {
		var d patentbridge.LicenceDispute
		var res, at string
		if err := s.Scan(&d.ID, &d.Channel, &d.Description, &d.Outcome, &res, &d.CreatedBy, &at); err != nil {
			return err
		}
		var err error
		if d.ResolvedAt, err = parseTime(res); err == nil {
			d.CreatedAt, err = parseTime(at)
		}
		l.Disputes = append(l.Disputes, d)
		return err
	})
	if err != nil {
		return fmt.Errorf("sqldb: licence %d disputes: %w", l.ID, err)
	}
	return nil
}

// licencePatents fills a licence's application numbers and the first one's title.
func (db *DB) licencePatents(ctx context.Context, qr queryer, l *patentbridge.Licence) error {
	l.AppNos = []string{}
	q := db.dialect.newQuery().add(`SELECT lp.app_no, COALESCE(p.title, '') FROM licence_patents lp
		LEFT JOIN patents p ON p.app_no = lp.app_no WHERE lp.licence_id = ? ORDER BY lp.app_no`, l.ID)
	return eachRow(ctx, qr, q, func(s scanner) error {
		var no, title string
		if err := s.Scan(&no, &title); err != nil {
			return err
		}
		if len(l.AppNos) == 0 {
			l.Title = title
		}
		l.AppNos = append(l.AppNos, no)
		return nil
	})
}

// eachRow runs q and calls fn for each row.
func eachRow(ctx context.Context, qr queryer, q *query, fn func(scanner) error) error {
	rs, err := qr.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		if err := fn(rs); err != nil {
			return err
		}
	}
	return rs.Err()
}

// licenceParty reports whether u belongs to one of the licence's parties.
func licenceParty(u *patentbridge.User, l *patentbridge.Licence) bool {
	return u.OrgID != 0 && (u.OrgID == l.LicensorOrgID || u.OrgID == l.LicenseeOrgID)
}

// seeLicence decides whether the ctx user (or the platform) may see r: its
// parties, a pool licence's member organizations (whose patents it licenses),
// the admin, and city users of a party's city. Returns ENOTFOUND (never
// telling others it exists), EUNAUTHORIZED.
func seeLicence(ctx context.Context, r licRow) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	if u.Role == patentbridge.RoleAdmin || licenceParty(u, r.l) || u.OrgID != 0 && slices.Contains(r.members, u.OrgID) {
		return nil
	}
	if c := patentbridge.ScopeCity(u); c != "" && (patentbridge.InCity(r.cities[0], c[:min(4, len(c))]) || patentbridge.InCity(r.cities[1], c[:min(4, len(c))])) {
		return nil
	}
	return licenceNotFound(r.l.ID)
}

// actOnLicence loads a licence in the act's transaction and checks that the
// ctx user may act on it: a party (only the licensee when licenseeOnly), the
// admin or the platform. Returns ENOTFOUND, EFORBIDDEN, EUNAUTHORIZED.
func (tx *Tx) actOnLicence(ctx context.Context, id int64, licenseeOnly bool) (*patentbridge.Licence, error) {
	r, err := tx.db.findLicence(ctx, tx.tx, id)
	if err != nil {
		return nil, err
	}
	if err := seeLicence(ctx, r); err != nil {
		return nil, err
	}
	u, _ := actor(ctx)
	switch {
	case u.Role == patentbridge.RoleAdmin:
	case licenseeOnly && u.OrgID != r.l.LicenseeOrgID:
		return nil, patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只有被许可人（%s）可以办理此事项", r.l.LicenseeName)
	case !licenceParty(u, r.l):
		return nil, patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只有许可双方或省级管理员可以办理此事项")
	default:
		if err := patentbridge.CanPost(u); err != nil {
			return nil, err
		}
	}
	return r.l, nil
}

// FindLicence returns a licence to its parties, the admin and city users of a
// party's city. Returns ENOTFOUND (also to others), EUNAUTHORIZED.
func (db *DB) FindLicence(ctx context.Context, id int64) (*patentbridge.Licence, error) {
	r, err := db.findLicence(ctx, db.read, id)
	if err != nil {
		return nil, err
	}
	if err := seeLicence(ctx, r); err != nil {
		return nil, err
	}
	return r.l, nil
}
