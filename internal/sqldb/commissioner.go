package sqldb

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"patentbridge"
)

var _ patentbridge.CommissionerService = (*DB)(nil)

const commissionerColumns = `id, name, COALESCE(org_id, 0), org_name, city, registered_on, left_on, COALESCE(user_id, 0), created_by, created_at`

func scanCommissioner(s scanner) (*patentbridge.Commissioner, error) {
	var c patentbridge.Commissioner
	var reg, left, created string
	if err := s.Scan(&c.ID, &c.Name, &c.OrgID, &c.OrgName, &c.City, &reg, &left, &c.UserID, &c.CreatedBy, &created); err != nil {
		return nil, err
	}
	var err error
	if c.RegisteredOn, err = parseDate(reg); err != nil {
		return nil, err
	}
	if c.LeftOn, err = parseDate(left); err != nil {
		return nil, err
	}
	c.CreatedAt, err = parseTime(created)
	return &c, err
}

// commissionerObject names a commissioner in the audit log.
func commissionerObject(id int64) string { return "commissioner:" + strconv.FormatInt(id, 10) }

// CreateCommissioner validates and registers a commissioner at the store's
// clock, audited as "commissioner.create": its organization resolves to the
// registry and gives the city when none is given; a city user registers only
// its city's; a linked account must be an agency user the acting user may
// manage (else ENOTFOUND) not linked to another commissioner. Returns
// EINVALID, ECONFLICT, ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) CreateCommissioner(ctx context.Context, c *patentbridge.Commissioner) error {
	u, err := programmeRecorder(ctx, "登记知识产权专员")
	if err != nil {
		return err
	}
	if err := c.Validate(db.now()); err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		if c.OrgID, c.City, err = tx.orgCity(ctx, c.OrgName, c.City); err != nil {
			return err
		}
		if c.City == "" {
			return patentbridge.FieldErrorf("所在市(州)", "请填写专员所在市（州）（所属机构未登记所在地）")
		}
		if err := outOfScope(u, c.City, "登记", "所在市(州)"); err != nil {
			return err
		}
		if c.UserID != 0 {
			if err := tx.checkCommissionerAccount(ctx, u, c.UserID); err != nil {
				return err
			}
		}
		var same int64
		err := tx.queryRow(ctx, tx.q().add(`SELECT id FROM commissioners WHERE name = ? AND org_name = ? AND city = ?
			AND (left_on = '' OR registered_on = ?) ORDER BY id LIMIT 1`,
			c.Name, c.OrgName, c.City, patentbridge.FormatDate(c.RegisteredOn))).Scan(&same)
		if err == nil {
			c.ID = same
			e := patentbridge.Errorf(patentbridge.ECONFLICT, "专员“%s”（%s）已登记为专员 %d", c.Name, c.OrgName, same)
			e.Field = "专员姓名"
			return e
		} else if !isNoRows(err) {
			return fmt.Errorf("sqldb: same commissioner: %w", err)
		}
		c.CreatedBy, c.CreatedAt = userID(u), tx.now
		q := tx.q().add(`INSERT INTO commissioners (name, org_id, org_name, city, registered_on, left_on, user_id, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, c.Name, nullID(c.OrgID), c.OrgName, c.City,
			patentbridge.FormatDate(c.RegisteredOn), patentbridge.FormatDate(c.LeftOn), nullID(c.UserID), c.CreatedBy, formatTime(tx.now))
		if err := tx.queryRow(ctx, q).Scan(&c.ID); err != nil {
			return fmt.Errorf("sqldb: create commissioner: %w", err)
		}
		return tx.audit(ctx, "commissioner.create", commissionerObject(c.ID), nil, auditCommissioner(c))
	})
}

// checkCommissionerAccount admits an agency account that u (nil: the
// platform) may manage, by the rule of authorizeAccount, linked to no other
// commissioner. An account u may not manage is refused as if it did not
// exist, and another commissioner is named only when u may see it. Returns
// ENOTFOUND, EINVALID naming 账号.
func (tx *Tx) checkCommissionerAccount(ctx context.Context, u *patentbridge.User, id int64) error {
	acc, err := findUser(ctx, tx.tx, tx.db.dialect, id)
	if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND || err == nil && authorizeAccount(u, acc) != nil {
		return fieldError(patentbridge.ENOTFOUND, "账号", "账号 %d 不存在", id)
	} else if err != nil {
		return err
	}
	if acc.Role != patentbridge.RoleAgency {
		return patentbridge.FieldErrorf("账号", "专员账号应为“%s”角色", patentbridge.RoleAgency.Label())
	}
	var other int64
	var city string
	err = tx.queryRow(ctx, tx.q().add("SELECT id, city FROM commissioners WHERE user_id = ?", id)).Scan(&other, &city)
	switch {
	case isNoRows(err):
		return nil
	case err != nil:
		return fmt.Errorf("sqldb: commissioner account: %w", err)
	case patentbridge.ScopeCity(u) != "" && city != patentbridge.ScopeCity(u):
		return patentbridge.FieldErrorf("账号", "该账号已关联其他专员")
	}
	return patentbridge.FieldErrorf("账号", "该账号已关联专员 %d", other)
}

// LeaveCommissioner records the day a commissioner left, once, not before
// its latest service, audited as "commissioner.leave" with the commissioner
// before and after (nothing when that day is recorded already); a city user
// only its city's. Returns EINVALID, ECONFLICT, ENOTFOUND, EUNAUTHORIZED,
// EFORBIDDEN.
func (db *DB) LeaveCommissioner(ctx context.Context, id int64, day time.Time) (*patentbridge.Commissioner, error) {
	u, err := programmeRecorder(ctx, "登记专员离任")
	if err != nil {
		return nil, err
	}
	var c *patentbridge.Commissioner
	err = db.WithTx(ctx, func(tx *Tx) error {
		q := tx.q().add("SELECT "+commissionerColumns+" FROM commissioners WHERE id = ?", id)
		before, err := scanCommissioner(tx.queryRow(ctx, q))
		if isNoRows(err) || err == nil && patentbridge.ScopeCity(u) != "" && before.City != patentbridge.ScopeCity(u) {
			return patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到专员 %d", id)
		} else if err != nil {
			return fmt.Errorf("sqldb: find commissioner %d: %w", id, err)
		}
		var last string
		if err := tx.queryRow(ctx, tx.q().add("SELECT COALESCE(MAX(served_on), '') FROM service_records WHERE commissioner_id = ?", id)).Scan(&last); err != nil {
			return fmt.Errorf("sqldb: commissioner %d latest service: %w", id, err)
		}
		lastServed, err := parseDate(last)
		if err != nil {
			return fmt.Errorf("sqldb: commissioner %d latest service: %w", id, err)
		}
		after := *before
		changed, err := after.Leave(day, lastServed, tx.now)
		if c = &after; err != nil || !changed {
			return err
		}
		if _, err := tx.exec(ctx, tx.q().add("UPDATE commissioners SET left_on = ? WHERE id = ?", patentbridge.FormatDate(after.LeftOn), id)); err != nil {
			return fmt.Errorf("sqldb: commissioner leaves: %w", err)
		}
		return tx.audit(ctx, "commissioner.leave", commissionerObject(id), auditCommissioner(before), auditCommissioner(c))
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// FindCommissioner returns a commissioner to the admin, the city users of its
// city and its own account. Returns ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) FindCommissioner(ctx context.Context, id int64) (*patentbridge.Commissioner, error) {
	u := patentbridge.UserFrom(ctx)
	q := db.dialect.newQuery().add("SELECT "+commissionerColumns+" FROM commissioners WHERE id = ?", id)
	c, err := scanCommissioner(db.read.QueryRowContext(ctx, q.String(), q.args...))
	if isNoRows(err) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到专员 %d", id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqldb: find commissioner %d: %w", id, err)
	}
	if u != nil && c.UserID == u.ID {
		return c, nil
	}
	if _, err := programmeRecorder(ctx, "查看知识产权专员"); err != nil {
		return nil, err
	}
	if sc := patentbridge.ScopeCity(u); sc != "" && c.City != sc {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到专员 %d", id)
	}
	return c, nil
}

// ListCommissioners returns one page of commissioners, latest registered
// first, and the total, to the admin (all) and city users (their city's).
// Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) ListCommissioners(ctx context.Context, f patentbridge.CommissionerFilter) ([]*patentbridge.Commissioner, int, error) {
	limit, err := cityListPage(ctx, "查看知识产权专员", &f.City, f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	where := func(q *query) *query {
		cityYearWhere(q, "city", f.City, "registered_on", f.Year)
		if f.OrgID != 0 {
			q.add(" AND org_id = ?", f.OrgID)
		}
		if f.Name != "" {
			q.add(" AND name = ?", f.Name)
		}
		if f.Serving {
			q.add(" AND left_on = ''")
		}
		return q
	}
	count := where(db.dialect.newQuery().add("SELECT COUNT(*) FROM commissioners"))
	list := where(db.dialect.newQuery().add("SELECT "+commissionerColumns+" FROM commissioners")).
		add(" ORDER BY registered_on DESC, id DESC LIMIT ? OFFSET ?", limit, f.Offset)
	return listPage(ctx, db, "commissioners", count, list, scanCommissioner)
}
