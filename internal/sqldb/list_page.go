package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

// pageLimit checks a list's offset and returns its limit clamped to
// [1, MaxListLimit], DefaultListLimit when unset. Returns EINVALID for a negative offset.
func pageLimit(limit, offset int) (int, error) {
	if offset < 0 {
		return 0, patentbridge.FieldErrorf("offset", "偏移量不能为负数")
	}
	if limit <= 0 {
		limit = DefaultListLimit
	}
	return min(limit, MaxListLimit), nil
}

// cityListPage checks that the user may read the programme's records (what
// names the act in a refusal), keeps a city user to its city's by
// scopeListCity, and returns the page limit. Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN.
func cityListPage(ctx context.Context, what string, city *string, limit, offset int) (int, error) {
	u, err := programmeRecorder(ctx, what)
	if err != nil {
		return 0, err
	}
	if err := scopeListCity(u, city); err != nil {
		return 0, err
	}
	return pageLimit(limit, offset)
}

// scopeListCity is the one rule of a list's 市(州) filter: a city user asking
// for another city's records is refused, and its filter, empty or its own, is
// set to its city; the others' filter stays as asked. Returns EFORBIDDEN
// naming "city".
func scopeListCity(u *patentbridge.User, city *string) error {
	c := patentbridge.ScopeCity(u)
	switch {
	case c == "":
		return nil
	case *city != "" && *city != c:
		return fieldError(patentbridge.EFORBIDDEN, "city", "没有权限：市（州）管理员只能查看本市（州）的记录")
	}
	*city = c
	return nil
}

// cityYearWhere starts a list's WHERE clause: the records of city (in column
// cityColumn) dated in year (in column dated), each only when set.
func cityYearWhere(q *query, cityColumn, city, dated string, year int) *query {
	q.add(" WHERE 1 = 1")
	if city != "" {
		q.add(" AND "+cityColumn+" = ?", city)
	}
	return yearRange(q, dated, year)
}

// listPage runs a count and a page query in one read transaction, so the total and
// the rows agree, and scans each row with scan; what names the rows in errors.
func listPage[T any](ctx context.Context, db *DB, what string, count, list *query, scan func(scanner) (T, error)) ([]T, int, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb: list %s: %w", what, err)
	}
	defer tx.Rollback()
	var total int
	if err := tx.QueryRowContext(ctx, count.String(), count.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqldb: count %s: %w", what, err)
	}
	rs, err := tx.QueryContext(ctx, list.String(), list.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb: list %s: %w", what, err)
	}
	defer rs.Close()
	out := []T{}
	for rs.Next() {
		v, err := scan(rs)
		if err != nil {
			return nil, 0, fmt.Errorf("sqldb: list %s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rs.Err(); err != nil {
		return nil, 0, fmt.Errorf("sqldb: list %s: %w", what, err)
	}
	return out, total, nil
}
