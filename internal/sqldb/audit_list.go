package sqldb

import (
	"context"
	"encoding/json"
	"strings"

	"patentbridge"
)

var _ patentbridge.AuditService = (*DB)(nil)

const auditColumns = "id, at, user_id, actor, role, organization, city_code, address, user_agent, action, object, before_json, after_json"

// ListAudit returns one page of audit entries, newest first, and the total: all
// of them for the admin, those of its city's users for a city user. Returns
// EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) ListAudit(ctx context.Context, f patentbridge.AuditFilter) ([]*patentbridge.AuditEntry, int, error) {
	u := patentbridge.UserFrom(ctx)
	switch {
	case u == nil:
		return nil, 0, patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录")
	case u.Role == patentbridge.RoleCity:
		f.City = u.CityCode
	case u.Role != patentbridge.RoleAdmin:
		return nil, 0, patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：操作日志仅限管理员和市(州)管理员查看")
	}
	limit, err := pageLimit(f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	count := auditWhere(db.dialect.newQuery().add("SELECT COUNT(*) FROM audit_log"), f)
	list := auditWhere(db.dialect.newQuery().add("SELECT "+auditColumns+" FROM audit_log"), f).
		add(" ORDER BY id DESC LIMIT ? OFFSET ?", limit, f.Offset)
	return listPage(ctx, db, "audit log", count, list, scanAuditEntry)
}

// auditWhere appends the filter's conditions to q.
func auditWhere(q *query, f patentbridge.AuditFilter) *query {
	where := q.add(" WHERE 1 = 1")
	if f.Actor != "" {
		where.add(" AND actor = ?", strings.TrimSpace(f.Actor))
	}
	if prefix, ok := strings.CutSuffix(f.Object, ":"); ok {
		where.add(" AND object >= ? AND object < ?", prefix+":", prefix+";")
	} else if f.Object != "" {
		where.add(" AND object = ?", f.Object)
	}
	if prefix, ok := strings.CutSuffix(f.Action, "."); ok {
		where.add(" AND action >= ? AND action < ?", prefix+".", prefix+"/")
	} else if f.Action != "" {
		where.add(" AND action = ?", f.Action)
	}
	if !f.From.IsZero() {
		where.add(" AND at >= ?", formatTime(f.From.UTC()))
	}
	if !f.To.IsZero() {
		where.add(" AND at < ?", formatTime(f.To.UTC()))
	}
	if f.City != "" {
		where.add(" AND city_code = ?", f.City)
	}
	return where
}

func scanAuditEntry(s scanner) (*patentbridge.AuditEntry, error) {
	var e patentbridge.AuditEntry
	var at, role, before, after string
	if err := s.Scan(&e.ID, &at, &e.ActorID, &e.Actor, &role, &e.Organization, &e.CityCode, &e.Address,
		&e.UserAgent, &e.Action, &e.Object, &before, &after); err != nil {
		return nil, err
	}
	e.Role = patentbridge.Role(role)
	var err error
	if e.At, err = parseTime(at); err != nil {
		return nil, err
	}
	e.Before, e.After = rawJSON(before), rawJSON(after)
	return &e, nil
}

// rawJSON returns a stored audit value, null for none.
func rawJSON(s string) json.RawMessage {
	if s == "" {
		return json.RawMessage("null")
	}
	return json.RawMessage(s)
}
