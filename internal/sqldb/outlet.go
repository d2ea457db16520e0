package sqldb

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"patentbridge"
)

var _ patentbridge.OutletService = (*DB)(nil)

const outletColumns = `id, name, kind, COALESCE(org_id, 0), org_name, city, opened_on, closed_on, created_by, created_at`

func scanOutlet(s scanner) (*patentbridge.ServiceOutlet, error) {
	var o patentbridge.ServiceOutlet
	var kind, opened, closed, created string
	if err := s.Scan(&o.ID, &o.Name, &kind, &o.OrgID, &o.OrgName, &o.City, &opened, &closed, &o.CreatedBy, &created); err != nil {
		return nil, err
	}
	o.Kind = patentbridge.OutletKind(kind)
	var err error
	if o.OpenedOn, err = parseDate(opened); err != nil {
		return nil, err
	}
	if o.ClosedOn, err = parseDate(closed); err != nil {
		return nil, err
	}
	o.CreatedAt, err = parseTime(created)
	return &o, err
}

const techManagerColumns = `id, name, COALESCE(org_id, 0), org_name, city, registered_on, created_by, created_at`

func scanTechManager(s scanner) (*patentbridge.TechManager, error) {
	var m patentbridge.TechManager
	var reg, created string
	if err := s.Scan(&m.ID, &m.Name, &m.OrgID, &m.OrgName, &m.City, &reg, &m.CreatedBy, &created); err != nil {
		return nil, err
	}
	var err error
	if m.RegisteredOn, err = parseDate(reg); err == nil {
		m.CreatedAt, err = parseTime(created)
	}
	return &m, err
}

// CreateOutlet validates and stores a service agency or outlet at the
// store's clock, audited as "outlet.create"; a city user records only its
// city's; one of the name open in the city, or the same one (its opening day)
// closed since, is refused with o.ID set to it. Returns EINVALID, ECONFLICT,
// EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) CreateOutlet(ctx context.Context, o *patentbridge.ServiceOutlet) error {
	u, err := programmeRecorder(ctx, "登记服务机构和网点")
	if err != nil {
		return err
	}
	if err := o.Validate(db.now()); err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		if o.OrgID, o.City, err = tx.orgCity(ctx, o.OrgName, o.City); err != nil {
			return err
		}
		if o.City == "" {
			return patentbridge.FieldErrorf("所在市(州)", "请填写所在市（州）")
		}
		if err := outOfScope(u, o.City, "登记", "所在市(州)"); err != nil {
			return err
		}
		var same int64
		// One of the name open in the city, or the very outlet (its opening day) closed since.
		err := tx.queryRow(ctx, tx.q().add("SELECT id FROM service_outlets WHERE name = ? AND city = ? AND (closed_on = '' OR opened_on = ?) ORDER BY id LIMIT 1",
			o.Name, o.City, patentbridge.FormatDate(o.OpenedOn))).Scan(&same)
		if err == nil {
			o.ID = same
			e := patentbridge.Errorf(patentbridge.ECONFLICT, "“%s”已登记为%s %d", o.Name, o.Kind.Label(), same)
			e.Field = "名称"
			return e
		} else if !isNoRows(err) {
			return fmt.Errorf("sqldb: same outlet: %w", err)
		}
		o.CreatedBy, o.CreatedAt = userID(u), tx.now
		q := tx.q().add(`INSERT INTO service_outlets (name, kind, org_id, org_name, city, opened_on, closed_on, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, o.Name, string(o.Kind), nullID(o.OrgID), o.OrgName, o.City,
			patentbridge.FormatDate(o.OpenedOn), patentbridge.FormatDate(o.ClosedOn), o.CreatedBy, formatTime(tx.now))
		if err := tx.queryRow(ctx, q).Scan(&o.ID); err != nil {
			return fmt.Errorf("sqldb: create outlet: %w", err)
		}
		return tx.audit(ctx, "outlet.create", "service_outlet:"+strconv.FormatInt(o.ID, 10), nil, auditOutlet(o))
	})
}

// CloseOutlet records the day an agency or outlet closed, once, audited as
// "outlet.close" with the outlet before and after (nothing when that day is
// recorded already); a city user only its city's. Returns EINVALID,
// ECONFLICT, ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) CloseOutlet(ctx context.Context, id int64, day time.Time) (*patentbridge.ServiceOutlet, error) {
	u, err := programmeRecorder(ctx, "登记服务机构和网点撤销")
	if err != nil {
		return nil, err
	}
	var o *patentbridge.ServiceOutlet
	err = db.WithTx(ctx, func(tx *Tx) error {
		q := tx.q().add("SELECT "+outletColumns+" FROM service_outlets WHERE id = ?", id)
		before, err := scanOutlet(tx.queryRow(ctx, q))
		if isNoRows(err) || err == nil && patentbridge.ScopeCity(u) != "" && before.City != patentbridge.ScopeCity(u) {
			return patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到服务机构或网点 %d", id)
		} else if err != nil {
			return fmt.Errorf("sqldb: find outlet %d: %w", id, err)
		}
		after := *before
		changed, err := after.Close(day, tx.now)
		if o = &after; err != nil || !changed {
			return err
		}
		if _, err := tx.exec(ctx, tx.q().add("UPDATE service_outlets SET closed_on = ? WHERE id = ?", patentbridge.FormatDate(after.ClosedOn), id)); err != nil {
			return fmt.Errorf("sqldb: close outlet: %w", err)
		}
		return tx.audit(ctx, "outlet.close", "service_outlet:"+strconv.FormatInt(id, 10), auditOutlet(before), auditOutlet(o))
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// FindOutlet returns an agency or outlet to the admin and the city users of
// its city. Returns ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) FindOutlet(ctx context.Context, id int64) (*patentbridge.ServiceOutlet, error) {
	u, err := programmeRecorder(ctx, "查看服务机构和网点")
	if err != nil {
		return nil, err
	}
	q := db.dialect.newQuery().add("SELECT "+outletColumns+" FROM service_outlets WHERE id = ?", id)
	o, err := scanOutlet(db.read.QueryRowContext(ctx, q.String(), q.args...))
	if isNoRows(err) || err == nil && patentbridge.ScopeCity(u) != "" && o.City != patentbridge.ScopeCity(u) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到服务机构或网点 %d", id)
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: find outlet %d: %w", id, err)
	}
	return o, nil
}

// ListOutlets returns one page of outlets, latest opened first, and the
// total, to the admin (all) and city users (their city's). Returns EINVALID,
// EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) ListOutlets(ctx context.Context, f patentbridge.OutletFilter) ([]*patentbridge.ServiceOutlet, int, error) {
	limit, err := cityListPage(ctx, "查看服务机构和网点", &f.City, f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	where := func(q *query) *query {
		cityYearWhere(q, "city", f.City, "opened_on", f.Year)
		if f.Kind != "" {
			q.add(" AND kind = ?", string(f.Kind))
		}
		if f.Open {
			q.add(" AND closed_on = ''")
		}
		return q
	}
	count := where(db.dialect.newQuery().add("SELECT COUNT(*) FROM service_outlets"))
	list := where(db.dialect.newQuery().add("SELECT "+outletColumns+" FROM service_outlets")).
		add(" ORDER BY opened_on DESC, id DESC LIMIT ? OFFSET ?", limit, f.Offset)
	return listPage(ctx, db, "outlets", count, list, scanOutlet)
}

// CreateTechManager validates and registers a technology manager at the
// store's clock, audited as "tech_manager.create"; a city user registers
// only its city's. Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) CreateTechManager(ctx context.Context, m *patentbridge.TechManager) error {
	u, err := programmeRecorder(ctx, "登记技术经理人")
	if err != nil {
		return err
	}
	if err := m.Validate(db.now()); err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		if m.OrgID, m.City, err = tx.orgCity(ctx, m.OrgName, m.City); err != nil {
			return err
		}
		if m.City == "" {
			return patentbridge.FieldErrorf("所在市(州)", "请填写所在市（州）")
		}
		if err := outOfScope(u, m.City, "登记", "所在市(州)"); err != nil {
			return err
		}
		var same int64
		err := tx.queryRow(ctx, tx.q().add("SELECT id FROM tech_managers WHERE name = ? AND org_name = ? AND city = ? ORDER BY id LIMIT 1",
			m.Name, m.OrgName, m.City)).Scan(&same)
		if err == nil {
			m.ID = same
			e := patentbridge.Errorf(patentbridge.ECONFLICT, "技术经理人“%s”（%s）已登记为 %d", m.Name, m.OrgName, same)
			e.Field = "姓名"
			return e
		} else if !isNoRows(err) {
			return fmt.Errorf("sqldb: same tech manager: %w", err)
		}
		m.CreatedBy, m.CreatedAt = userID(u), tx.now
		q := tx.q().add(`INSERT INTO tech_managers (name, org_id, org_name, city, registered_on, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, m.Name, nullID(m.OrgID), m.OrgName, m.City,
			patentbridge.FormatDate(m.RegisteredOn), m.CreatedBy, formatTime(tx.now))
		if err := tx.queryRow(ctx, q).Scan(&m.ID); err != nil {
			return fmt.Errorf("sqldb: create tech manager: %w", err)
		}
		return tx.audit(ctx, "tech_manager.create", "tech_manager:"+strconv.FormatInt(m.ID, 10), nil, techManagerAudit{m, patentbridge.FormatDate(m.RegisteredOn)})
	})
}

// ListTechManagers returns one page of technology managers, latest
// registered first, and the total, to the admin (all) and city users (their
// city's). Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) ListTechManagers(ctx context.Context, f patentbridge.TechManagerFilter) ([]*patentbridge.TechManager, int, error) {
	limit, err := cityListPage(ctx, "查看技术经理人", &f.City, f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	where := func(q *query) *query {
		cityYearWhere(q, "city", f.City, "registered_on", f.Year)
		if f.OrgID != 0 {
			q.add(" AND org_id = ?", f.OrgID)
		}
		return q
	}
	count := where(db.dialect.newQuery().add("SELECT COUNT(*) FROM tech_managers"))
	list := where(db.dialect.newQuery().add("SELECT "+techManagerColumns+" FROM tech_managers")).
		add(" ORDER BY registered_on DESC, id DESC LIMIT ? OFFSET ?", limit, f.Offset)
	return listPage(ctx, db, "tech managers", count, list, scanTechManager)
}
