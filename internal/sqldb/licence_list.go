package sqldb

import (
	"context"
	"fmt"
	"time"

	"patentbridge"
)

// overdueCutoff is the first effective day whose recordation is not yet
// overdue on today: a licence effective before it was due (effective + 3
// months, AddMonths) before today.
func overdueCutoff(today time.Time) time.Time {
	e := patentbridge.AddMonths(today, -3).AddDate(0, 0, -4)
	for patentbridge.AddMonths(e, 3).Before(patentbridge.DateOf(today)) {
		e = e.AddDate(0, 0, 1)
	}
	return e
}

// ListLicences returns one page of the licences the signed-in user may see,
// newest first, and the total: its organization's as either party, all for
// the admin, its city's parties' for a city user; Overdue keeps the effective
// licences not recorded by their due date on the store's clock (admin and
// city only). Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) ListLicences(ctx context.Context, f patentbridge.LicenceFilter) ([]*patentbridge.Licence, int, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, 0, err
	}
	limit, err := pageLimit(f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	city := patentbridge.ScopeCity(u)
	manager := u.Role == patentbridge.RoleAdmin || city != ""
	if f.Overdue {
		if err := patentbridge.CityManager(u, "查看逾期未备案的许可"); err != nil {
			return nil, 0, err
		}
	}
	if !manager {
		if u.OrgID == 0 {
			return []*patentbridge.Licence{}, 0, nil
		}
		f.OrgID = u.OrgID
	}
	where := func(q *query) *query {
		q.add(" WHERE 1 = 1")
		if f.OrgID != 0 {
			q.add(` AND (l.licensor_org_id = ? OR l.licensee_org_id = ?
				OR l.pool_id IN (SELECT pool_id FROM pool_members WHERE org_id = ?))`, f.OrgID, f.OrgID, f.OrgID)
		}
		if city != "" && u.Role == patentbridge.RoleCity {
			c := city[:min(4, len(city))]
			q.add(" AND (lo.city_code = ? OR le.city_code = ?)", c, c)
		}
		if f.OpenLicenceID != 0 {
			q.add(" AND l.open_licence_id = ?", f.OpenLicenceID)
		}
		if f.PoolID != 0 {
			q.add(" AND l.pool_id = ?", f.PoolID)
		}
		if f.AppNo != "" {
			q.add(" AND l.id IN (SELECT licence_id FROM licence_patents WHERE app_no = ?)", f.AppNo)
		}
		if f.Overdue {
			q.add(" AND l.status = ? AND l.recordation_no = '' AND l.effective_at < ?",
				patentbridge.LicenceEffective, formatTime(patentbridge.DayStart(overdueCutoff(db.now()))))
		}
		return q
	}
	count := where(db.dialect.newQuery().add("SELECT COUNT(*)" + licenceFrom))
	list := where(db.dialect.newQuery().add("SELECT " + licenceColumns + licenceFrom))
	if f.Overdue {
		list.add(" ORDER BY l.effective_at, l.id")
	} else {
		list.add(" ORDER BY l.id DESC")
	}
	list.add(" LIMIT ? OFFSET ?", limit, f.Offset)
	rows, total, err := listPage(ctx, db, "licences", count, list, scanLicence)
	if err != nil {
		return nil, 0, err
	}
	out := make([]*patentbridge.Licence, len(rows))
	for i, r := range rows {
		if err := db.licenceDetails(ctx, db.read, r.l); err != nil {
			return nil, 0, err
		}
		out[i] = r.l
	}
	return out, total, nil
}

// RemindRecordations sends each party of an effective licence overdue for
// recordation (细则 art. 87) one reminder message, marks it reminded and
// returns how many licences it reminded; the platform's own act (a daily job),
// or the admin's.
func (db *DB) RemindRecordations(ctx context.Context) (int, error) {
	u, err := actor(ctx)
	if err != nil {
		return 0, err
	}
	if u.Role != patentbridge.RoleAdmin {
		return 0, patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只有省级管理员可以发送备案提醒")
	}
	n := 0
	err = db.WithTx(ctx, func(tx *Tx) error {
		q := tx.q().add("SELECT "+licenceColumns+licenceFrom+` WHERE l.status = ? AND l.recordation_no = ''
			AND l.recordation_reminded_at = '' AND l.effective_at < ? ORDER BY l.id`,
			patentbridge.LicenceEffective, formatTime(patentbridge.DayStart(overdueCutoff(tx.now))))
		var due []*patentbridge.Licence
		if err := eachRow(ctx, tx.tx, q, func(s scanner) error {
			r, err := scanLicence(s)
			due = append(due, r.l)
			return err
		}); err != nil {
			return fmt.Errorf("sqldb: overdue recordations: %w", err)
		}
		for _, l := range due {
			if err := tx.db.licencePatents(ctx, tx.tx, l); err != nil {
				return err
			}
			title := fmt.Sprintf("许可备案已逾期：专利 %s 的许可应于 %s 前备案", licenceAppNos(l), patentbridge.FormatDate(l.RecordationDue()))
			body := "依据《专利法实施细则》第八十七条，许可合同应自生效之日起三个月内向国务院专利行政部门备案。请尽快办理备案，并在许可记录页填写备案号。"
			for _, org := range []int64{l.LicensorOrgID, l.LicenseeOrgID} {
				if err := tx.notifyOrg(ctx, org, patentbridge.MessageLicence, title, body, fmt.Sprintf("/licences/%d", l.ID)); err != nil {
					return err
				}
			}
			if _, err := tx.exec(ctx, tx.q().add("UPDATE licences SET recordation_reminded_at = ? WHERE id = ?", formatTime(tx.now), l.ID)); err != nil {
				return fmt.Errorf("sqldb: mark reminded: %w", err)
			}
		}
		n = len(due)
		if n == 0 {
			return nil
		}
		return tx.audit(ctx, "licence.remind_recordation", "licences", nil, map[string]int{"reminded": n})
	})
	return n, err
}

// licenceAppNos is a licence's patents as written for people.
func licenceAppNos(l *patentbridge.Licence) string {
	s := ""
	for i, no := range l.AppNos {
		if i > 0 {
			s += "、"
		}
		s += patentbridge.FormatAppNo(no)
	}
	return s
}
