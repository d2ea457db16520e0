package sqldb

import (
	"context"
	"fmt"
	"strings"

	"patentbridge"
)

// ReviewOpenLicence approves a submitted declaration — re-checking every rule
// on the store's day, then announcing it at the store's clock with its ledger
// entry "open_licence.announce" — or rejects it back to draft with the note;
// audited as "open_licence.announce" or "open_licence.reject". The reviewer is
// the admin, the city user of the patent's city, or the platform. Returns
// EINVALID, EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND, ECONFLICT.
func (db *DB) ReviewOpenLicence(ctx context.Context, id int64, approve bool, note string) (*patentbridge.OpenLicence, error) {
	note = strings.TrimSpace(note)
	if err := patentbridge.CheckText("note", "审核意见", note, patentbridge.MaxReviewNote, true); err != nil {
		return nil, err
	}
	if !approve && note == "" {
		return nil, patentbridge.FieldErrorf("note", "退回修改须填写审核意见")
	}
	var out *patentbridge.OpenLicence
	err := db.WithTx(ctx, func(tx *Tx) error {
		r, err := tx.db.findOpenLicence(ctx, tx.tx, id)
		if err != nil {
			return err
		}
		cur := r.ol
		u := patentbridge.UserFrom(ctx)
		if !(u == nil && patentbridge.IsPlatform(ctx)) && !canReviewOpenLicence(u, r) {
			if u == nil {
				return patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录")
			}
			return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只有省级管理员或该专利所在市（州）的管理员可以审核开放许可声明")
		}
		if cur.Status != patentbridge.OpenSubmitted {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "只能审核待审核的开放许可声明（当前：%s）", cur.StatusLabel())
		}
		next := *cur
		next.ReviewNote = note
		if !approve {
			next.Status = patentbridge.OpenDraft
			if err := tx.setOpenLicenceStatus(ctx, cur, "review_note = ?", note, next.Status); err != nil {
				return err
			}
			out = &next
			return tx.audit(ctx, "open_licence.reject", openLicenceObject(id), auditOpenLicence(cur), auditOpenLicence(&next))
		}
		owners, err := tx.db.ownersOf(ctx, tx.tx, cur.OrgIDs)
		if err != nil {
			return err
		}
		if err := tx.checkOpenLicence(ctx, cur, owners); err != nil {
			return err
		}
		next.Status, next.AnnouncedAt = patentbridge.OpenAnnounced, tx.now
		if err := tx.setOpenLicenceStatus(ctx, cur, "announced_at = ?", formatTime(tx.now), next.Status); err != nil {
			return err
		}
		idx, err := tx.appendLedger(ctx, "open_licence.announce", openLicenceObject(id), announcement(&next))
		if err != nil {
			return err
		}
		next.LedgerIndex = &idx
		if _, err := tx.exec(ctx, tx.q().add("UPDATE open_licences SET ledger_index = ?, review_note = ? WHERE id = ?", idx, note, id)); err != nil {
			return fmt.Errorf("sqldb: open licence ledger index: %w", err)
		}
		out = &next
		return tx.audit(ctx, "open_licence.announce", openLicenceObject(id), auditOpenLicence(cur), auditOpenLicence(&next))
	})
	return out, err
}

// openLicenceAnnouncement is a declaration as announced: the ledger's record
// of what it said (细则 art. 85).
type openLicenceAnnouncement struct {
	ID          int64                 `json:"id"`
	AppNo       string                `json:"app_no"`
	Title       string                `json:"title"`
	Patentees   []string              `json:"patentees"`
	Fee         patentbridge.FeeTerms `json:"fee"`
	FeeMethod   string                `json:"fee_method"`
	FeeBasis    string                `json:"fee_basis"`
	TermStart   string                `json:"term_start"`
	TermEnd     string                `json:"term_end"`
	Conditions  string                `json:"conditions"`
	AnnouncedAt string                `json:"announced_at"`
}

func announcement(ol *patentbridge.OpenLicence) openLicenceAnnouncement {
	return openLicenceAnnouncement{ID: ol.ID, AppNo: ol.AppNo, Title: ol.Title, Patentees: ol.Patentees, Fee: ol.Fee,
		FeeMethod: ol.Fee.Method.Label(), FeeBasis: ol.FeeBasis, TermStart: patentbridge.FormatDate(ol.TermStart),
		TermEnd: patentbridge.FormatDate(ol.TermEnd), Conditions: ol.Conditions, AnnouncedAt: ol.AnnouncedAt.UTC().Format("2006-01-02T15:04:05Z07:00")}
}
