package sqldb

import (
	"context"
	"fmt"
	"strings"

	"patentbridge"
)

// ListEnterprises returns one page of the registry in import order, filtered by
// park, 4-digit city and a query (name, credit code or 经营范围), and the total;
// a city user sees its own city's enterprises only. Returns EINVALID for a negative offset.
func (db *DB) ListEnterprises(ctx context.Context, f patentbridge.EnterpriseFilter) ([]*patentbridge.Enterprise, int, error) {
	if city := patentbridge.ScopeCity(patentbridge.UserFrom(ctx)); city != "" {
		f.City = city
	}
	limit, err := pageLimit(f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	count := db.dialect.newQuery().add("SELECT COUNT(*) FROM enterprises WHERE 1 = 1")
	db.filterEnterprises(count, f)
	list := db.dialect.newQuery().add("SELECT " + enterpriseColumns + " FROM enterprises WHERE 1 = 1")
	db.filterEnterprises(list, f)
	list.add(" ORDER BY id LIMIT ? OFFSET ?", limit, f.Offset)

	return listPage(ctx, db, "enterprises", count, list, scanEnterprise)
}

// filterEnterprises appends one AND condition per set filter field.
func (db *DB) filterEnterprises(q *query, f patentbridge.EnterpriseFilter) {
	if s := strings.TrimSpace(f.Park); s != "" {
		q.add(" AND park = ?", s)
	}
	if f.City != "" {
		q.add(" AND city_code = ?", f.City[:min(4, len(f.City))])
	}
	if s := strings.TrimSpace(f.Query); s != "" {
		like := "%" + escapeLike(s) + "%"
		q.add(" AND (name "+db.dialect.like+" ? ESCAPE '\\' OR scope "+db.dialect.like+" ? ESCAPE '\\' OR credit_code = ?)",
			like, like, strings.ToUpper(s))
	}
}

// EachEnterprise calls fn for every enterprise in import order, stopping at the
// first error fn returns (which it returns).
func (db *DB) EachEnterprise(ctx context.Context, fn func(e *patentbridge.Enterprise) error) error {
	rs, err := db.read.QueryContext(ctx, "SELECT "+enterpriseColumns+" FROM enterprises ORDER BY id")
	if err != nil {
		return fmt.Errorf("sqldb: each enterprise: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		e, err := scanEnterprise(rs)
		if err != nil {
			return fmt.Errorf("sqldb: each enterprise: %w", err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rs.Err()
}

// EnterprisesVersion changes whenever the registry does: it is the number of
// enterprises, the newest id and the latest update time.
func (db *DB) EnterprisesVersion(ctx context.Context) (string, error) {
	var n, maxID int64
	var updated string
	err := db.read.QueryRowContext(ctx, "SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(MAX(updated_at), '') FROM enterprises").Scan(&n, &maxID, &updated)
	if err != nil {
		return "", fmt.Errorf("sqldb: enterprises version: %w", err)
	}
	return fmt.Sprintf("%d/%d/%s", n, maxID, updated), nil
}
