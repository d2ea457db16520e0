package sqldb

import (
	"context"
	"fmt"
	"strings"

	"patentbridge"
)

// declarationAudit is the audited value of a declaration.
type declarationAudit struct {
	Declaration int64  `json:"declaration"`
	Kind        string `json:"kind"`
	Reason      string `json:"reason,omitempty"`
	Text        string `json:"text,omitempty"`
	How         string `json:"how,omitempty"`
	Enterprise  string `json:"enterprise,omitempty"`
	Since       string `json:"since,omitempty"`
	OrgName     string `json:"org_name"`
	Revoked     bool   `json:"revoked"`
}

func auditDeclaration(d *patentbridge.Declaration) declarationAudit {
	return declarationAudit{Declaration: d.ID, Kind: string(d.Kind), Reason: d.Reason, Text: d.Text, How: d.How,
		Enterprise: d.Enterprise, Since: patentbridge.FormatDate(d.Since), OrgName: d.OrgName, Revoked: !d.RevokedAt.IsZero()}
}

// CreateDeclaration validates d and stores it as the declaration of the
// signed-in user's organization (OrgName and CreatedBy come from ctx), audited
// in the same transaction; it sets its ID and CreatedAt. Returns EINVALID,
// ENOTFOUND (patent), EUNAUTHORIZED, EFORBIDDEN (see declarable).
func (db *DB) CreateDeclaration(ctx context.Context, d *patentbridge.Declaration) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	if err := d.Validate(db.now()); err != nil {
		return err
	}
	d.AppNo, _, _ = patentbridge.NormalizeAppNo(d.AppNo)
	d.Text, d.How, d.Enterprise = strings.TrimSpace(d.Text), strings.TrimSpace(d.How), strings.TrimSpace(d.Enterprise)
	d.CreatedBy, d.OrgName = u.ID, u.OrgName
	if d.OrgName == "" {
		d.OrgName = u.Role.Label()
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		pid, err := db.declarable(ctx, tx.tx, u, d.AppNo)
		if err != nil {
			return err
		}
		q := tx.q().add(`INSERT INTO declarations (patent_id, kind, reason, text, how, enterprise, since,
			created_by, org_id, org_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			pid, string(d.Kind), d.Reason, d.Text, d.How, d.Enterprise,
			patentbridge.FormatDate(d.Since), d.CreatedBy, nullID(u.OrgID), d.OrgName, formatTime(tx.now))
		if err := tx.queryRow(ctx, q).Scan(&d.ID); err != nil {
			return fmt.Errorf("sqldb: create declaration: %w", err)
		}
		d.CreatedAt = tx.now
		return tx.audit(ctx, "declaration.create", "patent:"+d.AppNo, nil, auditDeclaration(d))
	})
}

// RevokeDeclaration withdraws a declaration in effect on the patent, so that
// the next run screens the patent again, audited in the same transaction. An
// organization revokes only its own declarations (the admin any). Returns
// ENOTFOUND when it is unknown, of another patent or already revoked,
// EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) RevokeDeclaration(ctx context.Context, appNo string, id int64) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	no, _, err := patentbridge.NormalizeAppNo(appNo)
	if err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		q := tx.q().add("SELECT "+declColumns+" FROM declarations d JOIN patents p ON p.id = d.patent_id"+
			" WHERE d.id = ? AND p.app_no = ? AND d.revoked_at = ''", id, no)
		ds, err := db.queryDeclarations(ctx, tx.tx, q)
		if err != nil {
			return err
		}
		if len(ds) == 0 {
			return patentbridge.Errorf(patentbridge.ENOTFOUND, "该专利没有编号为 %d 的有效声明", id)
		}
		d := ds[0]
		if err := tx.ownDeclaration(ctx, u, d); err != nil {
			return err
		}
		before := auditDeclaration(d)
		upd := tx.q().add("UPDATE declarations SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at = ''",
			formatTime(tx.now), u.ID, id)
		if n, err := affected(tx.exec(ctx, upd)); err != nil {
			return fmt.Errorf("sqldb: revoke declaration %d: %w", id, err)
		} else if n == 0 {
			return patentbridge.Errorf(patentbridge.ENOTFOUND, "声明 %d 不存在或已撤销", id)
		}
		d.RevokedAt = tx.now
		return tx.audit(ctx, "declaration.revoke", "patent:"+no, before, auditDeclaration(d))
	})
}

// ownDeclaration admits the admin, and a user of the organization that made d:
// the one recorded with it, else (declarations from before organizations were
// recorded) the one its OrgName names by name or alias, else its author's.
// Returns EFORBIDDEN.
func (tx *Tx) ownDeclaration(ctx context.Context, u *patentbridge.User, d *patentbridge.Declaration) error {
	if u.Role == patentbridge.RoleAdmin {
		return nil
	}
	var org int64
	q := tx.q().add(`SELECT COALESCE((SELECT org_id FROM declarations WHERE id = ?), (SELECT id FROM organizations WHERE name = ?),
		(SELECT org_id FROM organization_aliases WHERE alias = ?),
		(SELECT organization_id FROM users WHERE id = ?), 0)`, d.ID, d.OrgName, d.OrgName, d.CreatedBy)
	if err := tx.queryRow(ctx, q).Scan(&org); err != nil {
		return fmt.Errorf("sqldb: declaration %d organization: %w", d.ID, err)
	}
	if org == 0 || org != u.OrgID {
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只能撤销本单位登记的声明（该声明由%s登记）", d.OrgName)
	}
	return nil
}
