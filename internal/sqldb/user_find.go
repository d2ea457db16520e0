package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"patentbridge"
)

// FindUser returns an account: any for the admin, its city's for a city user,
// one's own for anyone. Returns ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) FindUser(ctx context.Context, id int64) (*patentbridge.User, error) {
	actor := patentbridge.UserFrom(ctx)
	if actor == nil && !patentbridge.IsPlatform(ctx) {
		return nil, patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录")
	}
	u, err := findUser(ctx, db.read, db.dialect, id)
	if err != nil {
		return nil, err
	}
	if actor != nil && actor.ID != u.ID {
		if err := authorizeAccountView(actor, u); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// authorizeAccountView lets the admin see every account and a city user its city's.
func authorizeAccountView(actor, u *patentbridge.User) error {
	if actor.Role == patentbridge.RoleAdmin || (actor.Role == patentbridge.RoleCity && u.CityCode == actor.CityCode) {
		return nil
	}
	return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限查看该账号")
}

// querier is what findUser needs of a pool or a transaction.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func findUser(ctx context.Context, qr querier, d *dialect, id int64) (*patentbridge.User, error) {
	q := d.newQuery().add("SELECT "+userColumns+" FROM users WHERE id = ?", id)
	u, err := scanUser(qr.QueryRowContext(ctx, q.String(), q.args...))
	if isNoRows(err) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "用户 %d 不存在", id)
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: find user: %w", err)
	}
	return u, nil
}

// ListUsers returns one page of accounts, newest first, and the total: every
// account for the admin, its city's for a city user. Returns EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) ListUsers(ctx context.Context, f patentbridge.UserFilter) ([]*patentbridge.User, int, error) {
	actor := patentbridge.UserFrom(ctx)
	switch {
	case actor == nil:
		return nil, 0, patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录")
	case actor.Role == patentbridge.RoleCity:
		f.City = actor.CityCode
	case actor.Role != patentbridge.RoleAdmin:
		return nil, 0, patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：账号管理仅限管理员和市(州)管理员")
	}
	limit, err := pageLimit(f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	where := func(q *query) *query {
		q.add(" WHERE 1 = 1")
		if s := strings.TrimSpace(f.Query); s != "" {
			like := "%" + escapeLike(s) + "%"
			l := " " + db.dialect.like + " ? ESCAPE '\\'"
			q.add(" AND (username"+l+" OR name"+l+" OR org_name"+l+")", like, like, like)
		}
		if f.Role != "" {
			q.add(" AND role = ?", string(f.Role))
		}
		if f.City != "" {
			q.add(" AND city_code = ?", f.City)
		}
		if f.OrgID != 0 {
			q.add(" AND organization_id = ?", f.OrgID)
		}
		return q
	}
	count := where(db.dialect.newQuery().add("SELECT COUNT(*) FROM users"))
	list := where(db.dialect.newQuery().add("SELECT "+userColumns+" FROM users")).add(" ORDER BY id DESC LIMIT ? OFFSET ?", limit, f.Offset)
	return listPage(ctx, db, "users", count, list, func(s scanner) (*patentbridge.User, error) { return scanUser(s) })
}

// scanUser reads userColumns and then any extra destinations.
func scanUser(s scanner, extra ...any) (*patentbridge.User, error) {
	var u patentbridge.User
	var role, disabled, created string
	var mustChange int
	dest := append([]any{&u.ID, &u.Username, &u.Name, &role, &u.OrgID, &u.OrgName, &u.CityCode, &disabled, &mustChange, &created, &u.Registration}, extra...)
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	u.Role, u.Disabled, u.MustChangePassword = patentbridge.Role(role), disabled != "", mustChange != 0
	var err error
	if u.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	return &u, nil
}

// userObject names an account in the audit log.
func userObject(id int64) string { return "user:" + strconv.FormatInt(id, 10) }

// parseID reads a positive decimal id.
func parseID(s string) (int64, bool) {
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}
