package sqldb

import (
	"context"
	"fmt"
	"strings"

	"patentbridge"
)

// WithdrawOpenLicence withdraws an announced declaration with the reason, by a
// user of a patentee organization, the admin or the platform, once every
// patentee organization consented to the withdrawal: status withdrawn at the
// store's clock, ledger entry "open_licence.withdraw", audited likewise.
// Licences already granted under it are not touched (Patent Law art. 50).
// Returns EINVALID, EFORBIDDEN, ENOTFOUND, ECONFLICT.
func (db *DB) WithdrawOpenLicence(ctx context.Context, id int64, reason string) (*patentbridge.OpenLicence, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, patentbridge.FieldErrorf("reason", "撤回开放许可声明须以书面方式说明撤回理由")
	}
	if err := patentbridge.CheckText("reason", "撤回理由", reason, patentbridge.MaxReviewNote, true); err != nil {
		return nil, err
	}
	var out *patentbridge.OpenLicence
	err := db.WithTx(ctx, func(tx *Tx) error {
		cur, owners, err := tx.manageOpenLicence(ctx, id)
		if err != nil {
			return err
		}
		if cur.Status != patentbridge.OpenAnnounced {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "只能撤回已公告的开放许可声明（当前：%s）", cur.StatusLabel())
		}
		if missing := missingConsents(cur, owners, patentbridge.ConsentWithdraw); len(missing) > 0 {
			return patentbridge.FieldErrorf("consents", "撤回开放许可声明须经全体专利权人同意；尚未同意撤回：%s", strings.Join(missing, "、"))
		}
		next := *cur
		next.Status, next.WithdrawnAt, next.WithdrawReason = patentbridge.OpenWithdrawn, tx.now, reason
		if err := tx.setOpenLicenceStatus(ctx, cur, "withdrawn_at = ?", formatTime(tx.now), next.Status); err != nil {
			return err
		}
		idx, err := tx.appendLedger(ctx, "open_licence.withdraw", openLicenceObject(id), map[string]any{
			"id": id, "app_no": cur.AppNo, "title": cur.Title, "patentees": cur.Patentees, "reason": reason,
			"announced_at": cur.AnnouncedAt.UTC().Format("2006-01-02T15:04:05Z07:00"), "announce_ledger_index": cur.LedgerIndex,
			"withdrawn_at": tx.now.UTC().Format("2006-01-02T15:04:05Z07:00"),
		})
		if err != nil {
			return err
		}
		next.WithdrawLedgerIndex = &idx
		if _, err := tx.exec(ctx, tx.q().add("UPDATE open_licences SET withdraw_reason = ?, withdraw_ledger_index = ? WHERE id = ?",
			reason, idx, id)); err != nil {
			return fmt.Errorf("sqldb: withdraw open licence: %w", err)
		}
		out = &next
		return tx.audit(ctx, "open_licence.withdraw", openLicenceObject(id), auditOpenLicence(cur), auditOpenLicence(&next))
	})
	return out, err
}
