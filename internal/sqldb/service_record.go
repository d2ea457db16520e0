package sqldb

import (
	"context"
	"fmt"
	"strconv"

	"patentbridge"
)

const serviceColumns = `s.id, COALESCE(s.commissioner_id, 0), COALESCE(c.name, ''), COALESCE(c.org_name, ''), COALESCE(s.org_id, 0), s.org_name,
	s.city, s.served_on, s.service_type, s.outcome, s.created_by, s.created_at`

const serviceFrom = " FROM service_records s LEFT JOIN commissioners c ON c.id = s.commissioner_id"

func scanService(s scanner) (*patentbridge.ServiceRecord, error) {
	var r patentbridge.ServiceRecord
	var served, typ, created string
	if err := s.Scan(&r.ID, &r.CommissionerID, &r.CommissionerName, &r.CommissionerOrg, &r.OrgID, &r.OrgName,
		&r.City, &served, &typ, &r.Outcome, &r.CreatedBy, &created); err != nil {
		return nil, err
	}
	r.Type = patentbridge.ServiceType(typ)
	var err error
	if r.ServedOn, err = parseDate(served); err == nil {
		r.CreatedAt, err = parseTime(created)
	}
	return &r, err
}

// serviceObject names a service record in the audit log.
func serviceObject(id int64) string { return "service_record:" + strconv.FormatInt(id, 10) }

// serviceActor admits the platform, officials, and agency users (who act as
// the commissioner linked to their account). Returns EUNAUTHORIZED, EFORBIDDEN.
func serviceActor(ctx context.Context, what string) (*patentbridge.User, error) {
	u := patentbridge.UserFrom(ctx)
	if u != nil && u.Role == patentbridge.RoleAgency {
		return u, nil
	}
	return programmeRecorder(ctx, what)
}

// RecordService validates and stores a service record at the store's clock,
// audited as "service.record". The commissioner is found by id, else by name
// (and organization, when several share the name) among those the user may
// see; an agency user records only for the commissioner linked to its
// account, a city user only services counted in its city. The day must fall
// in the commissioner's service. The enterprise resolves to the registry by
// credit code, else name, and its city is where the service counts (else the
// commissioner's). Returns EINVALID, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) RecordService(ctx context.Context, r *patentbridge.ServiceRecord) error {
	u, err := serviceActor(ctx, "登记专员服务记录")
	if err != nil {
		return err
	}
	if err := r.Validate(db.now()); err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		c, err := tx.serviceCommissioner(ctx, u, r)
		if err != nil {
			return err
		}
		if !c.ServingOn(r.ServedOn) {
			return patentbridge.FieldErrorf("服务日期", "服务日期 %s 不在专员“%s”的任职期间（%s 起%s）", patentbridge.FormatDate(r.ServedOn),
				c.Name, patentbridge.FormatDate(c.RegisteredOn), leftSuffix(c))
		}
		r.CommissionerID, r.CommissionerName, r.CommissionerOrg = c.ID, c.Name, c.OrgName
		o, err := tx.orgByCodeOrName(ctx, r.CreditCode, r.OrgName)
		if err != nil {
			return err
		}
		r.OrgID, r.City = 0, c.City
		switch {
		case o != nil:
			r.OrgID, r.OrgName, r.CreditCode = o.ID, o.Name, o.CreditCode
			if o.CityCode != "" {
				r.City = o.CityCode
			}
		case r.OrgName == "":
			return patentbridge.FieldErrorf("统一社会信用代码", "机构名录中没有统一社会信用代码为 %s 的企业，请填写服务企业名称", r.CreditCode)
		}
		if err := outOfScope(u, r.City, "登记", "专员姓名"); err != nil {
			return err
		}
		var same int64
		err = tx.queryRow(ctx, tx.q().add("SELECT id FROM service_records WHERE commissioner_id = ? AND org_name = ? AND served_on = ? AND service_type = ?",
			r.CommissionerID, r.OrgName, patentbridge.FormatDate(r.ServedOn), string(r.Type))).Scan(&same)
		if err == nil {
			r.ID = same
			e := patentbridge.Errorf(patentbridge.ECONFLICT, "该服务已登记为服务记录 %d", same)
			e.Field = "服务类型"
			return e
		} else if !isNoRows(err) {
			return fmt.Errorf("sqldb: same service: %w", err)
		}
		r.CreatedBy, r.CreatedAt = userID(u), tx.now
		q := tx.q().add(`INSERT INTO service_records (commissioner_id, org_id, org_name, city, served_on, service_type, outcome, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, r.CommissionerID, nullID(r.OrgID), r.OrgName, r.City,
			patentbridge.FormatDate(r.ServedOn), string(r.Type), r.Outcome, r.CreatedBy, formatTime(tx.now))
		if err := tx.queryRow(ctx, q).Scan(&r.ID); err != nil {
			return fmt.Errorf("sqldb: record service: %w", err)
		}
		return tx.audit(ctx, "service.record", serviceObject(r.ID), nil, serviceAudit{r, patentbridge.FormatDate(r.ServedOn)})
	})
}

func leftSuffix(c *patentbridge.Commissioner) string {
	if c.LeftOn.IsZero() {
		return ""
	}
	return "，" + patentbridge.FormatDate(c.LeftOn) + " 离任"
}

// serviceCommissioner finds the record's commissioner among those u may
// record for. Returns EINVALID naming 专员姓名, EFORBIDDEN.
func (tx *Tx) serviceCommissioner(ctx context.Context, u *patentbridge.User, r *patentbridge.ServiceRecord) (*patentbridge.Commissioner, error) {
	q := tx.q().add("SELECT " + commissionerColumns + " FROM commissioners WHERE 1 = 1")
	if r.CommissionerID != 0 {
		q.add(" AND id = ?", r.CommissionerID)
	} else {
		q.add(" AND name = ?", r.CommissionerName)
		if r.CommissionerOrg != "" {
			q.add(" AND org_name = ?", r.CommissionerOrg)
		}
	}
	switch {
	case u != nil && u.Role == patentbridge.RoleAgency:
		q.add(" AND user_id = ?", u.ID)
	case patentbridge.ScopeCity(u) != "":
		q.add(" AND city = ?", patentbridge.ScopeCity(u))
	}
	q.add(" ORDER BY id")
	var found []*patentbridge.Commissioner
	err := eachRow(ctx, tx.tx, q, func(s scanner) error {
		c, err := scanCommissioner(s)
		if err == nil {
			found = append(found, c)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqldb: service commissioner: %w", err)
	}
	switch {
	case len(found) == 1:
		return found[0], nil
	case len(found) > 1:
		return nil, patentbridge.FieldErrorf("专员所属机构", "有 %d 位名为“%s”的专员，请填写专员所属机构", len(found), r.CommissionerName)
	case u != nil && u.Role == patentbridge.RoleAgency:
		return nil, patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：您的账号只能登记本人（所关联专员）的服务记录")
	case r.CommissionerID != 0:
		return nil, patentbridge.FieldErrorf("专员姓名", "未找到专员 %d", r.CommissionerID)
	}
	return nil, patentbridge.FieldErrorf("专员姓名", "未找到专员“%s”，请先登记该专员", r.CommissionerName)
}

// serviceScope narrows a service query to what u may read: an agency user's
// own commissioner's records, a city user's city.
func serviceScope(q *query, u *patentbridge.User) {
	switch {
	case u != nil && u.Role == patentbridge.RoleAgency:
		q.add(" AND c.user_id = ?", u.ID)
	case patentbridge.ScopeCity(u) != "":
		q.add(" AND s.city = ?", patentbridge.ScopeCity(u))
	}
}

// FindServiceRecord returns a service record to the admin, the city users of
// its city and its commissioner's account. Returns ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) FindServiceRecord(ctx context.Context, id int64) (*patentbridge.ServiceRecord, error) {
	u, err := serviceActor(ctx, "查看专员服务记录")
	if err != nil {
		return nil, err
	}
	q := db.dialect.newQuery().add("SELECT "+serviceColumns+serviceFrom+" WHERE s.id = ?", id)
	serviceScope(q, u)
	r, err := scanService(db.read.QueryRowContext(ctx, q.String(), q.args...))
	if isNoRows(err) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到服务记录 %d", id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqldb: find service record %d: %w", id, err)
	}
	return r, nil
}

// ListServiceRecords returns one page of service records, latest first, and
// the total: all to the admin, a city's to its users (another city's refused
// by scopeListCity), a commissioner's own to its account. Returns EINVALID,
// EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) ListServiceRecords(ctx context.Context, f patentbridge.ServiceFilter) ([]*patentbridge.ServiceRecord, int, error) {
	u, err := serviceActor(ctx, "查看专员服务记录")
	if err != nil {
		return nil, 0, err
	}
	if err := scopeListCity(u, &f.City); err != nil {
		return nil, 0, err
	}
	limit, err := pageLimit(f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	where := func(q *query) *query {
		cityYearWhere(q, "s.city", f.City, "s.served_on", f.Year)
		serviceScope(q, u)
		if f.CommissionerID != 0 {
			q.add(" AND s.commissioner_id = ?", f.CommissionerID)
		}
		if f.OrgID != 0 {
			q.add(" AND s.org_id = ?", f.OrgID)
		}
		if f.Type != "" {
			q.add(" AND s.service_type = ?", string(f.Type))
		}
		return q
	}
	count := where(db.dialect.newQuery().add("SELECT COUNT(*)" + serviceFrom))
	list := where(db.dialect.newQuery().add("SELECT "+serviceColumns+serviceFrom)).
		add(" ORDER BY s.served_on DESC, s.id DESC LIMIT ? OFFSET ?", limit, f.Offset)
	return listPage(ctx, db, "service records", count, list, scanService)
}
