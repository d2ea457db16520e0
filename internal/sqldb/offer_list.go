package sqldb

import (
	"context"
	"strings"

	"patentbridge"
)

// ListOffers returns one page of offers, the latest published (drafts: created)
// first, and the total: published and withdrawn ones, or with f.Mine those of
// the ctx user's organization (every offer for the admin) in every state.
// Returns EINVALID, EUNAUTHORIZED.
func (db *DB) ListOffers(ctx context.Context, f patentbridge.OfferFilter) ([]*patentbridge.Offer, int, error) {
	limit, err := pageLimit(f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	count := db.dialect.newQuery().add("SELECT COUNT(*) FROM offers o")
	if err := offerWhere(ctx, count, f); err != nil {
		return nil, 0, err
	}
	list := db.dialect.newQuery().add("SELECT " + offerColumns + " FROM offers o")
	offerWhere(ctx, list, f)
	list.add(" ORDER BY CASE WHEN published_at = '' THEN created_at ELSE published_at END DESC, id DESC LIMIT ? OFFSET ?", limit, f.Offset)
	os, total, err := listPage(ctx, db, "offers", count, list, scanOffer)
	if err != nil {
		return nil, 0, err
	}
	if err := db.offerPatents(ctx, db.read, os); err != nil {
		return nil, 0, err
	}
	for _, o := range os {
		if err := db.offerOpenLicences(ctx, db.read, o); err != nil {
			return nil, 0, err
		}
	}
	return os, total, nil
}

// offerWhere appends the WHERE clause of f to w.
func offerWhere(ctx context.Context, w *query, f patentbridge.OfferFilter) error {
	w.add(" WHERE 1 = 1")
	if f.Mine {
		u := patentbridge.UserFrom(ctx)
		if u == nil {
			return patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录")
		}
		if u.Role != patentbridge.RoleAdmin {
			w.add(" AND o.org_id = ?", u.OrgID)
		}
	} else {
		w.add(" AND o.status <> ?", patentbridge.OfferDraft)
	}
	switch f.Status {
	case "":
	case patentbridge.OfferDraft, patentbridge.OfferPublished, patentbridge.OfferWithdrawn:
		w.add(" AND o.status = ?", f.Status)
	default:
		return patentbridge.FieldErrorf("status", "状态应为 published 或 withdrawn")
	}
	if f.Kind != "" {
		if f.Kind.Label() == string(f.Kind) {
			return patentbridge.FieldErrorf("kind", "交易方式 %q 无效", patentbridge.ClipValue(string(f.Kind)))
		}
		w.add(" AND o.kind = ?", string(f.Kind))
	}
	if f.System != "" || f.Industry != "" {
		if f.System != "" && patentbridge.Industries(f.System) == nil {
			return patentbridge.FieldErrorf("system", "未知的产业体系 %q（可选：%s）", patentbridge.ClipValue(f.System), patentbridge.SystemChoices())
		}
		switch {
		case f.System != "" && f.Industry != "":
			w.add(" AND o.industries LIKE ? ESCAPE '\\'", likeTag(f.System+":"+f.Industry))
		case f.System != "":
			w.add(" AND o.industries LIKE ? ESCAPE '\\'", "%|"+escapeLike(f.System+":")+"%")
		default:
			w.add(" AND o.industries LIKE ? ESCAPE '\\'", "%:"+escapeLike(f.Industry)+"|%")
		}
	}
	if c := strings.TrimSpace(f.City); c != "" {
		w.add(" AND o.city_code = ?", c)
	}
	if f.MinFen < 0 || f.MaxFen < 0 || f.MaxFen > 0 && f.MinFen > f.MaxFen {
		return patentbridge.FieldErrorf("price", "价格区间无效")
	}
	if f.MinFen > 0 || f.MaxFen > 0 {
		w.add(" AND o.negotiable = 0 AND o.price_fen > 0 AND o.price_fen >= ?", f.MinFen)
		if f.MaxFen > 0 {
			w.add(" AND o.price_fen <= ?", f.MaxFen)
		}
	}
	if f.MinTRL != 0 {
		if f.MinTRL < 1 || f.MinTRL > 9 {
			return patentbridge.FieldErrorf("trl", "技术成熟度应为 1 到 9 级")
		}
		w.add(" AND o.trl >= ?", f.MinTRL)
	}
	if f.OrgType != "" {
		if err := patentbridge.CheckOrganizationType(f.OrgType); err != nil {
			return patentbridge.FieldErrorf("org_type", "%s", patentbridge.ErrorMessage(err))
		}
		w.add(" AND o.org_type = ?", string(f.OrgType))
	}
	if f.AppNo != "" {
		no, _, err := patentbridge.NormalizeAppNo(f.AppNo)
		if err != nil {
			return patentbridge.FieldErrorf("app_no", "申请号 %q 无效", patentbridge.ClipValue(f.AppNo))
		}
		w.add(" AND o.id IN (SELECT offer_id FROM offer_patents WHERE app_no = ?)", no)
	}
	if f.SOEShared {
		w.add(" AND o.soe_shared = 1")
	}
	return nil
}
