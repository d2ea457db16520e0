package sqldb

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"patentbridge"
)

// ConsentOpenLicence records one patentee organization's consent to a draft
// (ConsentDeclare) or to the withdrawal of an announced declaration
// (ConsentWithdraw), audited as "open_licence.consent": given by a user of
// that organization, or recorded by the admin from a written consent
// (writtenRef names the file). Returns EINVALID, EFORBIDDEN, ENOTFOUND,
// ECONFLICT (wrong state, already given).
func (db *DB) ConsentOpenLicence(ctx context.Context, id, orgID int64, purpose, writtenRef string) (*patentbridge.OpenLicence, error) {
	writtenRef = strings.TrimSpace(writtenRef)
	if err := patentbridge.CheckText("written_ref", "书面同意文件", writtenRef, patentbridge.MaxReference, false); err != nil {
		return nil, err
	}
	var out *patentbridge.OpenLicence
	err := db.WithTx(ctx, func(tx *Tx) error {
		cur, owners, err := tx.manageOpenLicence(ctx, id)
		if err != nil {
			return err
		}
		switch {
		case purpose == patentbridge.ConsentDeclare && cur.Status != patentbridge.OpenDraft:
			return patentbridge.Errorf(patentbridge.ECONFLICT, "开放许可声明%s，不能再确认同意声明", cur.StatusLabel())
		case purpose == patentbridge.ConsentWithdraw && cur.Status != patentbridge.OpenAnnounced:
			return patentbridge.Errorf(patentbridge.ECONFLICT, "只有已公告的开放许可声明才能同意撤回（当前：%s）", cur.StatusLabel())
		case purpose != patentbridge.ConsentDeclare && purpose != patentbridge.ConsentWithdraw:
			return patentbridge.FieldErrorf("purpose", "同意事项应为声明（declare）或撤回（withdraw）")
		case !slices.Contains(cur.OrgIDs, orgID):
			return patentbridge.FieldErrorf("organization_id", "该单位不是本专利的专利权人")
		}
		for _, c := range cur.Consents {
			if c.OrgID == orgID && c.Purpose == purpose {
				return patentbridge.Errorf(patentbridge.ECONFLICT, "%s已于 %s 确认同意", c.OrgName, patentbridge.FormatDate(c.At))
			}
		}
		u := patentbridge.UserFrom(ctx)
		var userID int64
		switch {
		case actsFor(u, owners) == orgID:
			userID, writtenRef = u.ID, ""
		case isAdminOrPlatform(ctx):
			if writtenRef == "" {
				return patentbridge.FieldErrorf("written_ref", "代为登记共有人的同意，须填写其书面同意文件的编号或名称")
			}
		default:
			return patentbridge.Errorf(patentbridge.EFORBIDDEN, "只有该共有人单位的用户可以确认同意（或由省级管理员登记其书面同意）")
		}
		if err := tx.insertConsent(ctx, id, orgID, purpose, userID, writtenRef); err != nil {
			return err
		}
		next := *cur
		if err := tx.db.loadOpenLicenceParties(ctx, tx.tx, &next); err != nil {
			return err
		}
		out = &next
		return tx.audit(ctx, "open_licence.consent", openLicenceObject(id), auditOpenLicence(cur), auditOpenLicence(&next))
	})
	return out, err
}

// insertConsent stores one consent at the transaction's time.
func (tx *Tx) insertConsent(ctx context.Context, id, orgID int64, purpose string, userID int64, writtenRef string) error {
	q := tx.q().add(`INSERT INTO open_licence_consents (open_licence_id, org_id, purpose, user_id, written_ref, at)
		VALUES (?, ?, ?, ?, ?, ?)`, id, orgID, purpose, userID, writtenRef, formatTime(tx.now))
	if _, err := tx.exec(ctx, q); err != nil {
		if isUniqueViolation(err) {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "该单位已确认同意")
		}
		return fmt.Errorf("sqldb: open licence consent: %w", err)
	}
	return nil
}

// missingConsents returns the names of the owner organizations that have not
// consented for the purpose.
func missingConsents(ol *patentbridge.OpenLicence, owners []ownerOrg, purpose string) []string {
	var out []string
	for _, o := range owners {
		if !slices.ContainsFunc(ol.Consents, func(c patentbridge.Consent) bool { return c.OrgID == o.ID && c.Purpose == purpose }) {
			out = append(out, o.Name)
		}
	}
	return out
}
