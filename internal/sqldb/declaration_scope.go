package sqldb

import (
	"context"
	"fmt"
	"strings"

	"patentbridge"
)

// CanDeclare reports whether the signed-in user may record declarations on the
// patent: an institution user of an organization that currently owns it, or the admin.
func (db *DB) CanDeclare(ctx context.Context, appNo string) (bool, error) {
	u := patentbridge.UserFrom(ctx)
	if u == nil {
		return false, nil
	}
	_, err := db.declarable(ctx, db.read, u, appNo)
	switch patentbridge.ErrorCode(err) {
	case "":
		return true, nil
	case patentbridge.EFORBIDDEN:
		return false, nil
	}
	return false, err
}

// declarable returns the id of the patent if u may declare on it: the admin
// any patent, an institution user a patent whose current owners include its
// organization or a child of it, by the owners' registry links, or by normalized
// name for owners not linked yet. Returns ENOTFOUND, EFORBIDDEN.
func (db *DB) declarable(ctx context.Context, qr queryer, u *patentbridge.User, appNo string) (int64, error) {
	pid, err := db.patentID(ctx, qr, appNo)
	if err != nil || u.Role == patentbridge.RoleAdmin {
		return pid, err
	}
	if err := patentbridge.CanPost(u); err != nil {
		return 0, err
	}
	if u.Role != patentbridge.RoleInstitution {
		return 0, patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只有该专利的权利人单位（高校院所用户）或省级管理员可以登记实施情况或正当理由")
	}
	q := db.dialect.newQuery().add(`SELECT po.name, COALESCE(po.org_id, 0), COALESCE(o.parent_id, 0)
		FROM patent_owners po LEFT JOIN organizations o ON o.id = po.org_id WHERE po.patent_id = ? ORDER BY po.pos`, pid)
	rs, err := qr.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return 0, fmt.Errorf("sqldb: patent owners: %w", err)
	}
	defer rs.Close()
	var names []string
	owned := false
	myName := patentbridge.NormalizeOrgName(u.OrgName)
	for rs.Next() {
		var name string
		var org, parent int64
		if err := rs.Scan(&name, &org, &parent); err != nil {
			return 0, fmt.Errorf("sqldb: patent owners: %w", err)
		}
		names = append(names, name)
		if org != 0 {
			owned = owned || u.OrgID != 0 && (org == u.OrgID || parent == u.OrgID)
		} else {
			owned = owned || myName != "" && patentbridge.NormalizeOrgName(name) == myName
		}
	}
	if err := rs.Err(); err != nil {
		return 0, fmt.Errorf("sqldb: patent owners: %w", err)
	}
	if !owned {
		return 0, patentbridge.Errorf(patentbridge.EFORBIDDEN, "本单位不是该专利的当前权利人（当前权利人：%s）；只有该专利的权利人单位（高校院所用户）或省级管理员可以登记实施情况或正当理由",
			strings.Join(names, "；"))
	}
	return pid, nil
}

// patentID returns the id of the patent with the application number (in any
// usual form). Returns EINVALID, ENOTFOUND.
func (db *DB) patentID(ctx context.Context, qr queryer, appNo string) (int64, error) {
	no, _, err := patentbridge.NormalizeAppNo(appNo)
	if err != nil {
		return 0, err
	}
	var id int64
	q := db.dialect.newQuery().add("SELECT id FROM patents WHERE app_no = ?", no)
	err = qr.QueryRowContext(ctx, q.String(), q.args...).Scan(&id)
	if isNoRows(err) {
		return 0, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到申请号为 %s 的专利", patentbridge.FormatAppNo(no))
	}
	if err != nil {
		return 0, fmt.Errorf("sqldb: find patent %s: %w", no, err)
	}
	return id, nil
}
