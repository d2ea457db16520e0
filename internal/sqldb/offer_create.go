package sqldb

import (
	"context"
	"fmt"
	"strings"

	"patentbridge"
)

// CreateOffer validates and stores a draft offer of the ctx user's organization
// (the admin's for o.OrgID, or for the first registered owner of the first
// patent): every patent must be currently owned by that organization (or a
// child of it) and pass patentbridge.CheckOfferPatent. It freezes the
// patents' titles and the industries of their latest screening, and is
// audited as "offer.create". Returns EINVALID, ECONFLICT, EUNAUTHORIZED,
// EFORBIDDEN, ENOTFOUND.
func (db *DB) CreateOffer(ctx context.Context, o *patentbridge.Offer) error {
	u := patentbridge.UserFrom(ctx)
	if !patentbridge.IsPlatform(ctx) {
		if err := patentbridge.CanOffer(u); err != nil {
			return err
		}
	}
	if err := o.Validate(); err != nil {
		return err
	}
	if u != nil && u.Role != patentbridge.RoleAdmin {
		o.OrgID = u.OrgID
	}
	industries := db.offerIndustries(ctx, o.AppNos)
	return db.WithTx(ctx, func(tx *Tx) error {
		titles, err := tx.offeredPatents(ctx, o)
		if err != nil {
			return err
		}
		org, err := findOrg(ctx, db, tx.tx, o.OrgID)
		if err != nil {
			return err
		}
		o.OrgName, o.OrgType, o.CityCode, o.Titles = org.Name, org.Type, org.CityCode, titles
		if err := db.checkOfferPatents(ctx, tx.tx, o.Kind, o.AppNos); err != nil {
			return err
		}
		if err := patentbridge.CheckSOEShared(o); err != nil {
			return err
		}
		if o.Title == "" {
			o.Title = titles[0]
			if len(titles) > 1 {
				o.Title = fmt.Sprintf("%s等%d件专利", titles[0], len(titles))
			}
			o.Title = clip(o.Title, patentbridge.OfferTitleMax)
		}
		if u != nil {
			o.CreatedBy = u.ID
		}
		q := tx.q().add(`INSERT INTO offers (org_id, org_name, org_type, city_code, kind, title, price_fen, negotiable, terms,
			trl, fields, problem, advantage, contact, industries, soe_shared, status, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			o.OrgID, o.OrgName, string(o.OrgType), o.CityCode, string(o.Kind), o.Title, o.PriceFen, boolInt(o.Negotiable), o.Terms,
			o.TRL, o.Fields, o.Problem, o.Advantage, o.Contact, "|"+strings.Join(industries, "|")+"|", boolInt(o.SOEShared),
			patentbridge.OfferDraft, o.CreatedBy, formatTime(tx.now))
		if err := tx.queryRow(ctx, q).Scan(&o.ID); err != nil {
			return fmt.Errorf("sqldb: create offer: %w", err)
		}
		for i, no := range o.AppNos {
			if _, err := tx.exec(ctx, tx.q().add("INSERT INTO offer_patents (offer_id, pos, app_no, title) VALUES (?, ?, ?, ?)",
				o.ID, i, no, titles[i])); err != nil {
				return fmt.Errorf("sqldb: create offer patent: %w", err)
			}
		}
		o.Industries, o.Status, o.CreatedAt = industries, patentbridge.OfferDraft, tx.now
		o.LedgerIndex, o.WithdrawLedgerIndex = nil, nil
		if err := db.offerOpenLicences(ctx, tx.tx, o); err != nil {
			return err
		}
		return tx.audit(ctx, "offer.create", offerObject(o.ID), nil, o)
	})
}

// offeredPatents checks that every patent of o is currently owned by
// o.OrgID (by registry link, a child organization, or the organization's name
// for owners not linked yet) and returns their titles; an admin offer without
// an organization takes the first patent's first registered owner. Returns
// ENOTFOUND, EFORBIDDEN, EINVALID.
func (tx *Tx) offeredPatents(ctx context.Context, o *patentbridge.Offer) ([]string, error) {
	titles := make([]string, len(o.AppNos))
	for i, no := range o.AppNos {
		pid, err := tx.db.patentID(ctx, tx.tx, no)
		if err != nil {
			return nil, err
		}
		if err := tx.queryRow(ctx, tx.q().add("SELECT title FROM patents WHERE id = ?", pid)).Scan(&titles[i]); err != nil {
			return nil, fmt.Errorf("sqldb: offered patent: %w", err)
		}
		rs, err := tx.query(ctx, tx.q().add(`SELECT po.name, COALESCE(po.org_id, 0), COALESCE(o.parent_id, 0)
			FROM patent_owners po LEFT JOIN organizations o ON o.id = po.org_id WHERE po.patent_id = ? ORDER BY po.pos`, pid))
		if err != nil {
			return nil, fmt.Errorf("sqldb: offered patent owners: %w", err)
		}
		type owner struct {
			name        string
			org, parent int64
		}
		var owners []owner
		for rs.Next() {
			var w owner
			if err := rs.Scan(&w.name, &w.org, &w.parent); err != nil {
				rs.Close()
				return nil, fmt.Errorf("sqldb: offered patent owners: %w", err)
			}
			owners = append(owners, w)
		}
		rs.Close()
		if o.OrgID == 0 {
			for _, w := range owners {
				if w.org != 0 {
					o.OrgID = w.org
					break
				}
			}
			if o.OrgID == 0 {
				return nil, patentbridge.FieldErrorf("organization_id", "专利 %s 的权利人尚未登记为单位，请先同步单位名录或指定报价单位", patentbridge.FormatAppNo(no))
			}
		}
		var orgName string
		if err := tx.queryRow(ctx, tx.q().add("SELECT name FROM organizations WHERE id = ?", o.OrgID)).Scan(&orgName); err != nil {
			if isNoRows(err) {
				return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到单位 %d", o.OrgID)
			}
			return nil, fmt.Errorf("sqldb: offering organization: %w", err)
		}
		owned, names := false, make([]string, len(owners))
		for j, w := range owners {
			names[j] = w.name
			if w.org != 0 {
				owned = owned || w.org == o.OrgID || w.parent == o.OrgID
			} else {
				owned = owned || patentbridge.NormalizeOrgName(w.name) == orgName
			}
		}
		if !owned {
			return nil, patentbridge.Errorf(patentbridge.EFORBIDDEN, "%s不是专利 %s 的当前权利人（当前权利人：%s），不能报价",
				orgName, patentbridge.FormatAppNo(no), strings.Join(names, "；"))
		}
	}
	return titles, nil
}

// offerIndustries returns the industry keys ("sichuan_5_1:电子信息") of the
// patents' results in the latest screening run, in first-seen order; patents
// not screened add none.
func (db *DB) offerIndustries(ctx context.Context, appNos []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, no := range appNos {
		r, err := db.FindScreeningResult(ctx, 0, no)
		if err != nil {
			continue
		}
		for _, s := range []struct {
			system string
			names  []string
		}{{patentbridge.System51, r.Classes.Sichuan51}, {patentbridge.SystemAdvantage6, r.Classes.Advantage6},
			{patentbridge.SystemAgri103, r.Classes.Agri103}} {
			for _, n := range s.names {
				if k := s.system + ":" + n; !seen[k] {
					seen[k] = true
					out = append(out, k)
				}
			}
		}
	}
	return out
}
