package sqldb

import (
	"context"
	"fmt"
	"strings"

	"patentbridge"
)

// PublishOffer publishes a draft at the store's clock, in one transaction with
// its audit row ("offer.publish") and its ledger entry (kind "offer.publish",
// the offer as published), after checking its patents again against
// patentbridge.CheckOfferPatent. Returns ECONFLICT (not a draft), EINVALID,
// ENOTFOUND, EFORBIDDEN.
func (db *DB) PublishOffer(ctx context.Context, id int64) (*patentbridge.Offer, error) {
	var out *patentbridge.Offer
	err := db.WithTx(ctx, func(tx *Tx) error {
		cur, err := db.findOffer(ctx, tx.tx, id)
		if err != nil {
			return err
		}
		if err := actOnOffer(ctx, cur); err != nil {
			return err
		}
		switch cur.Status {
		case patentbridge.OfferDraft:
		case patentbridge.OfferWithdrawn:
			return patentbridge.Errorf(patentbridge.ECONFLICT, "报价 %d 已撤回，撤回的报价不能重新发布；如需再次报价，请新建报价", id)
		default:
			return patentbridge.Errorf(patentbridge.ECONFLICT, "报价 %d 已发布，不能重复发布", id)
		}
		if err := db.checkOfferPatents(ctx, tx.tx, cur.Kind, cur.AppNos); err != nil {
			return err
		}
		next := *cur
		next.Status, next.PublishedAt = patentbridge.OfferPublished, tx.now
		idx, err := tx.appendLedger(ctx, "offer.publish", offerObject(id), newOfferRecord(&next))
		if err != nil {
			return err
		}
		next.LedgerIndex = &idx
		q := tx.q().add("UPDATE offers SET status = ?, published_at = ?, ledger_index = ? WHERE id = ? AND status = ?",
			patentbridge.OfferPublished, formatTime(tx.now), idx, id, patentbridge.OfferDraft)
		if n, err := affected(tx.exec(ctx, q)); err != nil {
			return fmt.Errorf("sqldb: publish offer: %w", err)
		} else if n != 1 {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "报价 %d 正在被另一操作修改，请刷新后重试", id)
		}
		out = &next
		return tx.audit(ctx, "offer.publish", offerObject(id), cur, &next)
	})
	return out, err
}

// WithdrawOffer withdraws a published offer at the store's clock with the
// reason, in one transaction with its audit row ("offer.withdraw") and its
// ledger entry; it stays visible as withdrawn. Returns EINVALID, ECONFLICT,
// ENOTFOUND, EFORBIDDEN.
func (db *DB) WithdrawOffer(ctx context.Context, id int64, reason string) (*patentbridge.Offer, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, patentbridge.FieldErrorf("reason", "撤回报价须填写撤回原因")
	}
	if err := patentbridge.CheckText("reason", "撤回原因", reason, patentbridge.OfferReasonMax, true); err != nil {
		return nil, err
	}
	var out *patentbridge.Offer
	err := db.WithTx(ctx, func(tx *Tx) error {
		cur, err := db.findOffer(ctx, tx.tx, id)
		if err != nil {
			return err
		}
		if err := actOnOffer(ctx, cur); err != nil {
			return err
		}
		if cur.Status != patentbridge.OfferPublished {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "只能撤回已发布的报价（当前状态：%s）", cur.StatusLabel())
		}
		next := *cur
		next.Status, next.WithdrawnAt, next.WithdrawReason = patentbridge.OfferWithdrawn, tx.now, reason
		idx, err := tx.appendLedger(ctx, "offer.withdraw", offerObject(id), newOfferRecord(&next))
		if err != nil {
			return err
		}
		next.WithdrawLedgerIndex = &idx
		q := tx.q().add("UPDATE offers SET status = ?, withdrawn_at = ?, withdraw_reason = ?, withdraw_ledger_index = ? WHERE id = ?",
			patentbridge.OfferWithdrawn, formatTime(tx.now), reason, idx, id)
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: withdraw offer: %w", err)
		}
		out = &next
		return tx.audit(ctx, "offer.withdraw", offerObject(id), cur, &next)
	})
	return out, err
}
