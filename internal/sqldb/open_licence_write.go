package sqldb

import (
	"context"
	"encoding/json"
	"fmt"

	"patentbridge"
)

// CreateOpenLicence stores a draft for one patent by a user of one of its
// patentee organizations (whose consent it records), the admin or the
// platform, audited as "open_licence.create", when the patent is granted and
// in force on the store's day (patentbridge.CheckDeclarablePatent, the
// submission's first check). Only the admin records a fee exception.
// Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND.
func (db *DB) CreateOpenLicence(ctx context.Context, ol *patentbridge.OpenLicence) error {
	if !isAdminOrPlatform(ctx) {
		ol.FeeException = ""
	}
	if err := patentbridge.ValidateOpenLicence(ol); err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		p, owners, err := tx.openLicencePatent(ctx, ol.AppNo)
		if err != nil {
			return err
		}
		if err := declarant(ctx, owners); err != nil {
			return err
		}
		if err := patentbridge.CheckDeclarablePatent(p, tx.now); err != nil {
			return err
		}
		u := patentbridge.UserFrom(ctx)
		ol.AppNo, ol.Title, ol.Status = p.AppNo, p.Title, patentbridge.OpenDraft
		ol.OrgID = owners[0].ID
		if acting := actsFor(u, owners); acting != 0 {
			ol.OrgID = acting
		}
		ol.OrgName, ol.OrgIDs, ol.Patentees = "", make([]int64, len(owners)), []string{}
		for i, o := range owners {
			ol.OrgIDs[i] = o.ID
			if o.ID == ol.OrgID {
				ol.OrgName = o.Name
			}
		}
		for _, o := range p.Owners() {
			ol.Patentees = append(ol.Patentees, o.Name)
		}
		ol.CreatedBy, ol.CreatedAt = 0, tx.now
		if u != nil {
			ol.CreatedBy = u.ID
		}
		fee, patentees, confirmations, err := openLicenceJSON(ol)
		if err != nil {
			return err
		}
		q := tx.q().add(`INSERT INTO open_licences (app_no, org_id, status, method, fee_json, fee_basis, fee_exception,
			term_start, term_end, conditions, patentees_json, evaluation_report, evaluation_favourable, pledgee_consent,
			confirmations_json, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			ol.AppNo, ol.OrgID, ol.Status, string(ol.Fee.Method), fee, ol.FeeBasis, ol.FeeException,
			patentbridge.FormatDate(ol.TermStart), patentbridge.FormatDate(ol.TermEnd), ol.Conditions, patentees,
			ol.EvaluationReport, boolInt(ol.EvaluationFavourable), ol.PledgeeConsent, confirmations, ol.CreatedBy, formatTime(tx.now))
		if err := tx.queryRow(ctx, q).Scan(&ol.ID); err != nil {
			return fmt.Errorf("sqldb: create open licence: %w", err)
		}
		for i, o := range owners {
			if _, err := tx.exec(ctx, tx.q().add("INSERT INTO open_licence_owners (open_licence_id, org_id, pos) VALUES (?, ?, ?)",
				ol.ID, o.ID, i)); err != nil {
				return fmt.Errorf("sqldb: open licence owner: %w", err)
			}
		}
		if err := tx.consentAsDeclarant(ctx, ol.ID, u, owners); err != nil {
			return err
		}
		if err := tx.db.loadOpenLicenceParties(ctx, tx.tx, ol); err != nil {
			return err
		}
		return tx.audit(ctx, "open_licence.create", openLicenceObject(ol.ID), nil, auditOpenLicence(ol))
	})
}

// UpdateOpenLicence replaces a draft's terms, audited as "open_licence.update";
// the patentees' consents to the old terms are cleared (the updater's
// organization consents to the new ones). Only the admin records a fee
// exception: another updater keeps it while the fee terms stay the same and
// loses it when they change (patentbridge.KeptFeeException). Returns EINVALID, EFORBIDDEN,
// ENOTFOUND, ECONFLICT (not a draft).
func (db *DB) UpdateOpenLicence(ctx context.Context, ol *patentbridge.OpenLicence) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		cur, owners, err := tx.manageOpenLicence(ctx, ol.ID)
		if err != nil {
			return err
		}
		if cur.Status != patentbridge.OpenDraft {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "开放许可声明%s，只能修改草稿", cur.StatusLabel())
		}
		if !isAdminOrPlatform(ctx) {
			ol.FeeException = patentbridge.KeptFeeException(cur, ol.Fee)
		}
		if err := patentbridge.ValidateOpenLicence(ol); err != nil {
			return err
		}
		next := *cur
		next.Fee, next.FeeBasis, next.FeeException = ol.Fee, ol.FeeBasis, ol.FeeException
		next.TermStart, next.TermEnd, next.Conditions = ol.TermStart, ol.TermEnd, ol.Conditions
		next.EvaluationReport, next.EvaluationFavourable = ol.EvaluationReport, ol.EvaluationFavourable
		next.PledgeeConsent, next.Confirmations = ol.PledgeeConsent, ol.Confirmations
		fee, _, confirmations, err := openLicenceJSON(&next)
		if err != nil {
			return err
		}
		q := tx.q().add(`UPDATE open_licences SET method = ?, fee_json = ?, fee_basis = ?, fee_exception = ?, term_start = ?,
			term_end = ?, conditions = ?, evaluation_report = ?, evaluation_favourable = ?, pledgee_consent = ?,
			confirmations_json = ? WHERE id = ? AND status = ?`,
			string(next.Fee.Method), fee, next.FeeBasis, next.FeeException, patentbridge.FormatDate(next.TermStart),
			patentbridge.FormatDate(next.TermEnd), next.Conditions, next.EvaluationReport, boolInt(next.EvaluationFavourable),
			next.PledgeeConsent, confirmations, cur.ID, patentbridge.OpenDraft)
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: update open licence: %w", err)
		}
		if _, err := tx.exec(ctx, tx.q().add("DELETE FROM open_licence_consents WHERE open_licence_id = ? AND purpose = ?",
			cur.ID, patentbridge.ConsentDeclare)); err != nil {
			return fmt.Errorf("sqldb: clear open licence consents: %w", err)
		}
		if err := tx.consentAsDeclarant(ctx, cur.ID, patentbridge.UserFrom(ctx), owners); err != nil {
			return err
		}
		if err := tx.db.loadOpenLicenceParties(ctx, tx.tx, &next); err != nil {
			return err
		}
		if err := tx.audit(ctx, "open_licence.update", openLicenceObject(cur.ID), auditOpenLicence(cur), auditOpenLicence(&next)); err != nil {
			return err
		}
		*ol = next
		return nil
	})
}

// consentAsDeclarant records the consent to the declaration of the owner
// organization the user acts for, if any.
func (tx *Tx) consentAsDeclarant(ctx context.Context, id int64, u *patentbridge.User, owners []ownerOrg) error {
	org := actsFor(u, owners)
	if org == 0 {
		return nil
	}
	return tx.insertConsent(ctx, id, org, patentbridge.ConsentDeclare, u.ID, "")
}

// openLicencePatent reads the patent of a declaration and its owner
// organizations in the transaction. Returns EINVALID, ENOTFOUND.
func (tx *Tx) openLicencePatent(ctx context.Context, appNo string) (*patentbridge.Patent, []ownerOrg, error) {
	pid, err := tx.db.patentID(ctx, tx.tx, appNo)
	if err != nil {
		return nil, nil, err
	}
	p, err := scanPatent(tx.queryRow(ctx, tx.q().add("SELECT "+readColumns+" FROM patents WHERE id = ?", pid)))
	if err != nil {
		return nil, nil, fmt.Errorf("sqldb: open licence patent: %w", err)
	}
	owners, err := tx.db.patentOwnerOrgs(ctx, tx.tx, pid)
	return p, owners, err
}

// manageOpenLicence reads a declaration in the transaction for a write by a
// user of a patentee organization, the admin or the platform; the others do
// not find a draft. Returns ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (tx *Tx) manageOpenLicence(ctx context.Context, id int64) (*patentbridge.OpenLicence, []ownerOrg, error) {
	r, err := tx.db.findOpenLicence(ctx, tx.tx, id)
	if err != nil {
		return nil, nil, err
	}
	owners, err := tx.db.ownersOf(ctx, tx.tx, r.ol.OrgIDs)
	if err != nil {
		return nil, nil, err
	}
	if err := declarant(ctx, owners); err != nil {
		if !canSeeOpenLicence(ctx, r, owners) {
			return nil, nil, openLicenceNotFound(id)
		}
		return nil, nil, err
	}
	return r.ol, owners, nil
}

// openLicenceJSON encodes the stored JSON columns of a declaration.
func openLicenceJSON(ol *patentbridge.OpenLicence) (fee, patentees, confirmations string, err error) {
	var b [3][]byte
	if ol.Confirmations == nil {
		ol.Confirmations = []string{}
	}
	for i, v := range []any{ol.Fee, ol.Patentees, ol.Confirmations} {
		if b[i], err = json.Marshal(v); err != nil {
			return "", "", "", fmt.Errorf("sqldb: open licence JSON: %w", err)
		}
	}
	return string(b[0]), string(b[1]), string(b[2]), nil
}

// openLicenceAudit is a declaration in the audit log, with its term's dates.
type openLicenceAudit struct {
	*patentbridge.OpenLicence
	TermStart string `json:"term_start"`
	TermEnd   string `json:"term_end"`
}

func auditOpenLicence(ol *patentbridge.OpenLicence) openLicenceAudit {
	return openLicenceAudit{ol, patentbridge.FormatDate(ol.TermStart), patentbridge.FormatDate(ol.TermEnd)}
}
