package sqldb

import (
	"context"
	"strings"

	"patentbridge"
)

// ListOrganizations returns one page of organizations ordered by name, with their
// aliases and patent counts, and the total. Returns EINVALID for a bad offset.
func (db *DB) ListOrganizations(ctx context.Context, f patentbridge.OrganizationFilter) ([]*patentbridge.Organization, int, error) {
	limit, err := pageLimit(f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	if f.Type != "" {
		if err := patentbridge.CheckOrganizationType(f.Type); err != nil {
			return nil, 0, err
		}
	}
	count := db.filterOrgs(db.dialect.newQuery().add("SELECT COUNT(*) FROM organizations o"), f)
	list := db.filterOrgs(db.dialect.newQuery().add("SELECT "+orgColumns+" FROM organizations o"), f).
		add(" ORDER BY o.name, o.id LIMIT ? OFFSET ?", limit, f.Offset)
	os, total, err := listPage(ctx, db, "organizations", count, list, scanOrganization)
	if err != nil {
		return nil, 0, err
	}
	byID := make(map[int64]*patentbridge.Organization, len(os))
	for _, o := range os {
		byID[o.ID] = o
	}
	if err := loadAliases(ctx, db, db.read, byID); err != nil {
		return nil, 0, err
	}
	return os, total, nil
}

// filterOrgs appends the filter's conditions to q.
func (db *DB) filterOrgs(q *query, f patentbridge.OrganizationFilter) *query {
	q.add(" WHERE 1 = 1")
	if s := patentbridge.NormalizeOrgName(f.Query); s != "" {
		pat := "%" + escapeLike(s) + "%"
		q.add(" AND (o.name "+db.dialect.like+" ? ESCAPE '\\' OR o.id IN (SELECT org_id FROM organization_aliases WHERE alias "+
			db.dialect.like+" ? ESCAPE '\\'))", pat, pat)
	}
	if f.Type != "" {
		q.add(" AND o.type = ?", string(f.Type))
	}
	if c := strings.TrimSpace(f.City); c != "" {
		q.add(" AND o.city_code = ?", c)
	}
	return q
}
