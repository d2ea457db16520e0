package sqldb

import (
	"context"
	"fmt"
	"strings"

	"patentbridge"
)

// UpdateSupplyList replaces a draft's title, description and items, audited as
// "supply.update" in the same transaction. The items must come from the draft
// (review removes patents, reorders them and adds notes): each keeps the data
// frozen at creation, with the new note. Returns EINVALID, EFORBIDDEN,
// ENOTFOUND, ECONFLICT when the list is no longer a draft.
func (db *DB) UpdateSupplyList(ctx context.Context, l *patentbridge.SupplyList) error {
	if err := validateSupplyText(l); err != nil {
		return err
	}
	if len(l.Items) == 0 {
		return patentbridge.FieldErrorf("items", "清单至少应保留一件专利")
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		cur, err := tx.findSupplyList(ctx, l.ID)
		if err != nil {
			return err
		}
		if err := manageSupplyList(ctx, cur); err != nil {
			return err
		}
		if cur.Status != patentbridge.ListDraft {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "清单已发布（%s），内容已冻结，不能再修改", cur.NumberLabel())
		}
		items, err := reviewedItems(cur.Items, l.Items)
		if err != nil {
			return err
		}
		text, err := encodeSupplyItems(items)
		if err != nil {
			return err
		}
		q := tx.q().add("UPDATE supply_lists SET title = ?, description = ?, items = ? WHERE id = ?",
			l.Title, l.Description, text, l.ID)
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: update supply list: %w", err)
		}
		next := *cur
		next.Title, next.Description, next.Items = l.Title, l.Description, items
		if err := tx.audit(ctx, "supply.update", supplyObject(l.ID), auditSupply(cur), auditSupply(&next)); err != nil {
			return err
		}
		*l = next
		return nil
	})
}

// reviewedItems returns the draft's frozen items in the reviewed order, each
// with its reviewed note. Returns EINVALID for an item not in the draft.
func reviewedItems(draft, reviewed []patentbridge.SupplyItem) ([]patentbridge.SupplyItem, error) {
	frozen := make(map[string]patentbridge.SupplyItem, len(draft))
	for _, it := range draft {
		frozen[it.AppNo] = it
	}
	items := make([]patentbridge.SupplyItem, 0, len(reviewed))
	seen := map[string]bool{}
	for _, it := range reviewed {
		f, ok := frozen[it.AppNo]
		if !ok || seen[it.AppNo] {
			return nil, patentbridge.FieldErrorf("items", "专利 %s 不在清单草稿中（或重复），只能移除或调整已选专利", patentbridge.FormatAppNo(it.AppNo))
		}
		seen[it.AppNo] = true
		f.Note = strings.TrimSpace(it.Note)
		items = append(items, f)
	}
	return items, nil
}

// PublishSupplyList freezes a confirmed draft and gives it the next number of
// its issuer's series (the province, or the list's city) in the year of the
// store's clock, audited as "supply.publish" with the number in the same
// transaction; two lists of one issuer published at once get different numbers
// (a unique index on issuer, year and number decides and the loser retries).
// Returns EINVALID without confirmation, EFORBIDDEN, ENOTFOUND, ECONFLICT.
func (db *DB) PublishSupplyList(ctx context.Context, id int64, confirmed bool) (*patentbridge.SupplyList, error) {
	for attempt := 1; ; attempt++ {
		var l *patentbridge.SupplyList
		err := db.WithTx(ctx, func(tx *Tx) (err error) {
			l, err = tx.publishSupplyList(ctx, id, confirmed)
			return err
		})
		if err != nil && isUniqueViolation(err) && attempt < 10 {
			continue
		}
		if err != nil {
			return nil, err
		}
		return l, nil
	}
}

func (tx *Tx) publishSupplyList(ctx context.Context, id int64, confirmed bool) (*patentbridge.SupplyList, error) {
	cur, err := tx.findSupplyList(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := manageSupplyList(ctx, cur); err != nil {
		return nil, err
	}
	if cur.Status != patentbridge.ListDraft {
		return nil, patentbridge.Errorf(patentbridge.ECONFLICT, "清单已于 %s 发布为%s，不能重复发布",
			patentbridge.FormatDate(cur.PublishedAt), cur.NumberLabel())
	}
	if err := patentbridge.CheckPublishConfirmed(confirmed); err != nil {
		return nil, err
	}
	year, issuer := tx.now.In(patentbridge.Beijing).Year(), cur.Issuer() // 川知供〔2026〕: the Beijing year
	q := tx.q().add(`UPDATE supply_lists SET status = ?, year = ?, issuer = ?,
		number = (SELECT COALESCE(MAX(number), 0) + 1 FROM supply_lists WHERE issuer = ? AND year = ?), published_at = ?
		WHERE id = ? AND status = ?`, patentbridge.ListPublished, year, issuer, issuer, year, formatTime(tx.now), id, patentbridge.ListDraft)
	n, err := affected(tx.exec(ctx, q))
	if err != nil {
		return nil, err // a unique violation is retried by the caller
	}
	if n != 1 {
		return nil, patentbridge.Errorf(patentbridge.ECONFLICT, "清单 %d 正在被另一操作发布，请刷新后重试", id)
	}
	l, err := tx.findSupplyList(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := tx.ledgerSupplyList(ctx, l, false); err != nil {
		return nil, err
	}
	return l, tx.audit(ctx, "supply.publish", supplyObject(id), auditSupply(cur), auditSupply(l))
}

// WithdrawSupplyList marks a published list withdrawn at the store's clock with
// the reason, audited as "supply.withdraw" in the same transaction; it stays
// visible with its number. Returns EINVALID, EFORBIDDEN, ENOTFOUND, ECONFLICT.
func (db *DB) WithdrawSupplyList(ctx context.Context, id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return patentbridge.FieldErrorf("reason", "撤回清单须填写撤回原因")
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		cur, err := tx.findSupplyList(ctx, id)
		if err != nil {
			return err
		}
		if err := manageSupplyList(ctx, cur); err != nil {
			return err
		}
		if cur.Status != patentbridge.ListPublished {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "只能撤回已发布的清单（当前状态：%s）", cur.StatusLabel())
		}
		q := tx.q().add("UPDATE supply_lists SET status = ?, withdrawn_at = ?, withdraw_reason = ? WHERE id = ?",
			patentbridge.ListWithdrawn, formatTime(tx.now), reason, id)
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: withdraw supply list: %w", err)
		}
		next := *cur
		next.Status, next.WithdrawnAt, next.WithdrawReason = patentbridge.ListWithdrawn, tx.now, reason
		if err := tx.ledgerSupplyList(ctx, &next, true); err != nil {
			return err
		}
		return tx.audit(ctx, "supply.withdraw", supplyObject(id), auditSupply(cur), auditSupply(&next))
	})
}
