package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

// ownerOrg is one patentee of a patent as an organization of the registry.
type ownerOrg struct {
	ID, ParentID int64
	Name         string
}

// patentOwnerOrgs returns the organizations of a patent's current owners in
// their order, each once. Every owner must be an organization of the registry
// so that it can consent. Returns EINVALID.
func (db *DB) patentOwnerOrgs(ctx context.Context, qr queryer, pid int64) ([]ownerOrg, error) {
	q := db.dialect.newQuery().add(`SELECT po.name, COALESCE(po.org_id, 0), COALESCE(o.parent_id, 0), COALESCE(o.name, '')
		FROM patent_owners po LEFT JOIN organizations o ON o.id = po.org_id WHERE po.patent_id = ? ORDER BY po.pos`, pid)
	rs, err := qr.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: patent owners: %w", err)
	}
	defer rs.Close()
	var out []ownerOrg
	seen := map[int64]bool{}
	for rs.Next() {
		var name, orgName string
		var o ownerOrg
		if err := rs.Scan(&name, &o.ID, &o.ParentID, &orgName); err != nil {
			return nil, fmt.Errorf("sqldb: patent owners: %w", err)
		}
		if o.ID == 0 {
			return nil, patentbridge.FieldErrorf("app_no", "专利权人“%s”不是平台登记的单位，无法在平台确认同意；个人或未登记的共有人须先由管理员登记单位名录", name)
		}
		if !seen[o.ID] {
			seen[o.ID] = true
			o.Name = orgName
			out = append(out, o)
		}
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("sqldb: patent owners: %w", err)
	}
	if len(out) == 0 {
		return nil, patentbridge.FieldErrorf("app_no", "该专利没有登记的专利权人，不能声明开放许可")
	}
	return out, nil
}

// actsFor returns the owner organization the user acts for (its own, or its
// child's), 0 when none.
func actsFor(u *patentbridge.User, owners []ownerOrg) int64 {
	if u == nil || u.OrgID == 0 || (u.Role != patentbridge.RoleInstitution && u.Role != patentbridge.RoleEnterprise) {
		return 0
	}
	for _, o := range owners {
		if o.ID == u.OrgID || o.ParentID == u.OrgID {
			return o.ID
		}
	}
	return 0
}

// isAdminOrPlatform reports whether ctx is the admin's or the platform's act.
func isAdminOrPlatform(ctx context.Context) bool {
	u := patentbridge.UserFrom(ctx)
	return u == nil && patentbridge.IsPlatform(ctx) || u != nil && u.Role == patentbridge.RoleAdmin
}

// declarant checks that the ctx user may write declarations on a patent with
// the owners: a user of a patentee organization, the admin or the platform.
// Returns EUNAUTHORIZED, EFORBIDDEN.
func declarant(ctx context.Context, owners []ownerOrg) error {
	if isAdminOrPlatform(ctx) {
		return nil
	}
	u := patentbridge.UserFrom(ctx)
	if err := patentbridge.CanPost(u); err != nil {
		return err
	}
	if actsFor(u, owners) == 0 {
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只有该专利的专利权人单位的用户或省级管理员可以声明开放许可")
	}
	return nil
}

// ownersOf turns stored owner ids back into ownerOrgs (for scope checks).
func (db *DB) ownersOf(ctx context.Context, qr queryer, ids []int64) ([]ownerOrg, error) {
	out := make([]ownerOrg, 0, len(ids))
	for _, id := range ids {
		o := ownerOrg{ID: id}
		q := db.dialect.newQuery().add("SELECT COALESCE(parent_id, 0), name FROM organizations WHERE id = ?", id)
		if err := qr.QueryRowContext(ctx, q.String(), q.args...).Scan(&o.ParentID, &o.Name); err != nil {
			return nil, fmt.Errorf("sqldb: open licence owner %d: %w", id, err)
		}
		out = append(out, o)
	}
	return out, nil
}

// canSeeOpenLicence reports whether the ctx user may read the declaration:
// everyone an announced or withdrawn one, the others its patentees' users, the
// admin, the platform and the patent's city user.
func canSeeOpenLicence(ctx context.Context, r openLicenceRow, owners []ownerOrg) bool {
	if r.ol.Status == patentbridge.OpenAnnounced || r.ol.Status == patentbridge.OpenWithdrawn || isAdminOrPlatform(ctx) {
		return true
	}
	u := patentbridge.UserFrom(ctx)
	return canReviewOpenLicence(u, r) || actsFor(u, owners) != 0
}

// canReviewOpenLicence reports whether u reviews the declaration: the admin,
// or the city user of the patent's city.
func canReviewOpenLicence(u *patentbridge.User, r openLicenceRow) bool {
	return u != nil && (u.Role == patentbridge.RoleAdmin || u.Role == patentbridge.RoleCity && u.CityCode != "" && r.city == u.CityCode)
}

// visibleOpenLicences appends the WHERE condition of the declarations the ctx user may see.
func visibleOpenLicences(ctx context.Context, q *query) {
	if isAdminOrPlatform(ctx) {
		q.add(" WHERE 1 = 1")
		return
	}
	q.add(" WHERE (ol.status IN (?, ?)", patentbridge.OpenAnnounced, patentbridge.OpenWithdrawn)
	u := patentbridge.UserFrom(ctx)
	if u != nil && u.Role == patentbridge.RoleCity && u.CityCode != "" {
		q.add(" OR p.city_code = ?", u.CityCode)
	}
	if u != nil && u.OrgID != 0 && (u.Role == patentbridge.RoleInstitution || u.Role == patentbridge.RoleEnterprise) {
		q.add(` OR EXISTS (SELECT 1 FROM open_licence_owners w JOIN organizations wo ON wo.id = w.org_id
			WHERE w.open_licence_id = ol.id AND (w.org_id = ? OR wo.parent_id = ?))`, u.OrgID, u.OrgID)
	}
	q.add(")")
}
