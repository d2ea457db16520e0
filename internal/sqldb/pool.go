package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"patentbridge"
)

var _ patentbridge.PoolService = (*DB)(nil)

// CreatePool stores a draft pool, audited as "pool.create": the admin's (or the
// platform's), or an institution user's whose organization is a member; every
// patent must be currently owned by a member organization (or a child of one).
// Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND.
func (db *DB) CreatePool(ctx context.Context, p *patentbridge.Pool) error {
	u := patentbridge.UserFrom(ctx)
	if !patentbridge.IsPlatform(ctx) {
		if err := patentbridge.CanOffer(u); err != nil {
			return err
		}
	}
	if err := p.Validate(); err != nil {
		return err
	}
	fee := ""
	if p.Fee != nil {
		b, err := json.Marshal(p.Fee)
		if err != nil {
			return err
		}
		fee = string(b)
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		member := false
		for i := range p.Members {
			org, err := findOrg(ctx, db, tx.tx, p.Members[i].OrgID)
			if err != nil {
				return err
			}
			p.Members[i].Name = org.Name
			member = member || u == nil || u.Role == patentbridge.RoleAdmin || u.OrgID == org.ID
		}
		if !member {
			return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只有成员单位或省级管理员可以组建专利池")
		}
		p.Titles = make([]string, len(p.AppNos))
		for i, no := range p.AppNos {
			var err error
			if p.Titles[i], err = tx.poolPatent(ctx, p.Members, no); err != nil {
				return err
			}
		}
		if u != nil {
			p.CreatedBy = u.ID
		}
		q := tx.q().add(`INSERT INTO pools (name, field, terms, fee_json, status, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, p.Name, p.Field, p.Terms, fee, patentbridge.PoolDraft, p.CreatedBy, formatTime(tx.now))
		if err := tx.queryRow(ctx, q).Scan(&p.ID); err != nil {
			return fmt.Errorf("sqldb: create pool: %w", err)
		}
		for i, m := range p.Members {
			if _, err := tx.exec(ctx, tx.q().add("INSERT INTO pool_members (pool_id, pos, org_id, name) VALUES (?, ?, ?, ?)",
				p.ID, i, m.OrgID, m.Name)); err != nil {
				return fmt.Errorf("sqldb: create pool member: %w", err)
			}
		}
		for i, no := range p.AppNos {
			if _, err := tx.exec(ctx, tx.q().add("INSERT INTO pool_patents (pool_id, pos, app_no, title) VALUES (?, ?, ?, ?)",
				p.ID, i, no, p.Titles[i])); err != nil {
				return fmt.Errorf("sqldb: create pool patent: %w", err)
			}
		}
		p.Status, p.CreatedAt, p.LedgerIndex = patentbridge.PoolDraft, tx.now, nil
		return tx.audit(ctx, "pool.create", poolObject(p.ID), nil, p)
	})
}

// poolPatent returns the title of a patent owned by one of the members and
// by no organization outside the pool (a co-owned patent is licensed by the
// pool only when every co-owner is a member). Returns ENOTFOUND, EFORBIDDEN.
func (tx *Tx) poolPatent(ctx context.Context, members []patentbridge.PoolMember, appNo string) (string, error) {
	pid, err := tx.db.patentID(ctx, tx.tx, appNo)
	if err != nil {
		return "", err
	}
	ids := make([]int64, len(members))
	for i, m := range members {
		ids[i] = m.OrgID
	}
	var title string
	var n int
	q := tx.q().add(`SELECT p.title, (SELECT COUNT(*) FROM patent_owners po LEFT JOIN organizations o ON o.id = po.org_id
		WHERE po.patent_id = p.id AND (po.org_id IN `).addIDs(ids).add(" OR o.parent_id IN ").addIDs(ids).add(`))
		FROM patents p WHERE p.id = ?`, pid)
	if err := tx.queryRow(ctx, q).Scan(&title, &n); err != nil {
		return "", fmt.Errorf("sqldb: pool patent: %w", err)
	}
	if n == 0 {
		return "", patentbridge.Errorf(patentbridge.EFORBIDDEN, "专利 %s 不属于专利池的成员单位，不能入池", patentbridge.FormatAppNo(appNo))
	}
	var other string
	q = tx.q().add(`SELECT o.name FROM patent_owners po JOIN organizations o ON o.id = po.org_id
		WHERE po.patent_id = ? AND po.org_id NOT IN `, pid).addIDs(ids).add(" AND (o.parent_id IS NULL OR o.parent_id NOT IN ").addIDs(ids).add(`)
		ORDER BY o.name LIMIT 1`)
	switch err := tx.queryRow(ctx, q).Scan(&other); {
	case err == nil:
		return "", patentbridge.Errorf(patentbridge.EFORBIDDEN, "专利 %s 的共有人%s不是专利池的成员单位：共有专利入池须全体共有人加入专利池", patentbridge.FormatAppNo(appNo), other)
	case !isNoRows(err):
		return "", fmt.Errorf("sqldb: pool patent co-owners: %w", err)
	}
	return title, nil
}

// PublishPool publishes a draft pool at the store's clock, in one transaction
// with its audit row and its ledger entry ("pool.publish": name, field,
// members, patents, terms). Returns ECONFLICT, ENOTFOUND, EFORBIDDEN.
func (db *DB) PublishPool(ctx context.Context, id int64) (*patentbridge.Pool, error) {
	var out *patentbridge.Pool
	err := db.WithTx(ctx, func(tx *Tx) error {
		cur, err := db.findPool(ctx, tx.tx, id)
		if err != nil {
			return err
		}
		if err := managePool(ctx, cur); err != nil {
			return err
		}
		if cur.Status != patentbridge.PoolDraft {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "专利池 %d 已发布", id)
		}
		next := *cur
		next.Status, next.PublishedAt = patentbridge.PoolPublished, tx.now
		idx, err := tx.appendLedger(ctx, "pool.publish", poolObject(id), poolRecord(&next))
		if err != nil {
			return err
		}
		next.LedgerIndex = &idx
		if _, err := tx.exec(ctx, tx.q().add("UPDATE pools SET status = ?, published_at = ?, ledger_index = ? WHERE id = ?",
			patentbridge.PoolPublished, formatTime(tx.now), idx, id)); err != nil {
			return fmt.Errorf("sqldb: publish pool: %w", err)
		}
		out = &next
		return tx.audit(ctx, "pool.publish", poolObject(id), cur, &next)
	})
	return out, err
}

// poolRecord is the public content of a pool's publication on the ledger.
func poolRecord(p *patentbridge.Pool) map[string]any {
	return map[string]any{"id": p.ID, "name": p.Name, "field": p.Field, "members": p.Members, "app_nos": p.AppNos,
		"titles": p.Titles, "terms": p.Terms, "fee": p.Fee, "published_at": formatTime(p.PublishedAt)}
}

// managePool admits the platform, the admin and institution users of a member.
func managePool(ctx context.Context, p *patentbridge.Pool) error {
	if patentbridge.IsPlatform(ctx) {
		return nil
	}
	u := patentbridge.UserFrom(ctx)
	if err := patentbridge.CanOffer(u); err != nil {
		return err
	}
	for _, m := range p.Members {
		if u.Role == patentbridge.RoleAdmin || m.OrgID == u.OrgID {
			return nil
		}
	}
	return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只有成员单位或省级管理员可以管理专利池")
}

// poolObject names a pool in the audit log and the ledger.
func poolObject(id int64) string { return "pool:" + strconv.FormatInt(id, 10) }
