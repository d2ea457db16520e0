package sqldb

import (
	"context"
	"slices"

	"patentbridge"
)

// FindOpenLicence returns a declaration with its owners and consents; drafts
// and submitted ones are not found by those who may not see them. Returns ENOTFOUND.
func (db *DB) FindOpenLicence(ctx context.Context, id int64) (*patentbridge.OpenLicence, error) {
	r, err := db.findOpenLicence(ctx, db.read, id)
	if err != nil {
		return nil, err
	}
	owners, err := db.ownersOf(ctx, db.read, r.ol.OrgIDs)
	if err != nil {
		return nil, err
	}
	if !canSeeOpenLicence(ctx, r, owners) {
		return nil, openLicenceNotFound(id)
	}
	return r.ol, nil
}

// ListOpenLicences returns one page of the declarations the ctx user may see,
// the latest announced (else created) first, with their owners and consents,
// and the total. Returns EINVALID.
func (db *DB) ListOpenLicences(ctx context.Context, f patentbridge.OpenLicenceFilter) ([]*patentbridge.OpenLicence, int, error) {
	limit, err := pageLimit(f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	if f.Status != "" && !slices.Contains(patentbridge.OpenLicenceStatuses, f.Status) {
		return nil, 0, patentbridge.FieldErrorf("status", "状态 %q 无效：应为 draft、submitted、announced 或 withdrawn", patentbridge.ClipValue(f.Status))
	}
	if f.Method != "" && !slices.Contains(patentbridge.FeeMethods, f.Method) {
		return nil, 0, patentbridge.FieldErrorf("method", "支付方式 %q 无效", patentbridge.ClipValue(string(f.Method)))
	}
	where := func(q *query) *query {
		visibleOpenLicences(ctx, q)
		if f.Status != "" {
			q.add(" AND ol.status = ?", f.Status)
		}
		if f.Method != "" {
			q.add(" AND ol.method = ?", string(f.Method))
		}
		if f.AppNo != "" {
			no, _, err := patentbridge.NormalizeAppNo(f.AppNo)
			if err != nil {
				no = f.AppNo
			}
			q.add(" AND ol.app_no = ?", no)
		}
		if f.OrgID != 0 {
			q.add(" AND EXISTS (SELECT 1 FROM open_licence_owners fo WHERE fo.open_licence_id = ol.id AND fo.org_id = ?)", f.OrgID)
		}
		if f.City != "" {
			q.add(" AND p.city_code = ?", f.City)
		}
		if f.Kind != "" {
			q.add(" AND p.kind = ?", string(f.Kind))
		}
		return q
	}
	count := where(db.dialect.newQuery().add("SELECT COUNT(*)" + openLicenceFrom))
	list := where(db.dialect.newQuery().add("SELECT " + openLicenceColumns + openLicenceFrom))
	list.add(" ORDER BY CASE WHEN ol.announced_at = '' THEN ol.created_at ELSE ol.announced_at END DESC, ol.id DESC LIMIT ? OFFSET ?", limit, f.Offset)
	rows, total, err := listPage(ctx, db, "open licences", count, list, scanOpenLicence)
	if err != nil {
		return nil, 0, err
	}
	out := make([]*patentbridge.OpenLicence, len(rows))
	for i, r := range rows {
		if err := db.loadOpenLicenceParties(ctx, db.read, r.ol); err != nil {
			return nil, 0, err
		}
		out[i] = r.ol
	}
	return out, total, nil
}

var _ patentbridge.OpenLicenceService = (*DB)(nil)
