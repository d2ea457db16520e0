package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"patentbridge"
)

// licensee returns the signed-in user who takes an open licence for its
// organization: an enterprise user whose account may post. Returns
// EUNAUTHORIZED, EFORBIDDEN.
func licensee(ctx context.Context) (*patentbridge.User, error) {
	u := patentbridge.UserFrom(ctx)
	switch {
	case u == nil:
		return nil, patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录企业账号，再以本单位名义实施开放许可")
	case u.Role != patentbridge.RoleEnterprise:
		return nil, patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：开放许可由被许可企业的账号以本单位名义书面通知专利权人")
	case u.OrgID == 0:
		return nil, patentbridge.Errorf(patentbridge.EFORBIDDEN, "您的账号未关联单位，不能以单位名义实施开放许可，请联系管理员")
	}
	return u, patentbridge.CanPost(u)
}

// takeTerms checks a take against the declaration on the store's day and
// returns the licence's term and notice text. Returns EINVALID, ECONFLICT.
func takeTerms(ol *patentbridge.OpenLicence, u *patentbridge.User, t patentbridge.TakeOpenLicence, now time.Time) (*patentbridge.Licence, error) {
	start := patentbridge.DateOf(now)
	if ol.TermStart.After(start) {
		start = ol.TermStart
	}
	end := t.TermEnd
	if end.IsZero() {
		end = patentbridge.DateOf(ol.TermEnd)
	}
	if err := patentbridge.CheckTakeOpenLicence(ol, u.OrgID, start, end); err != nil {
		return nil, err
	}
	return &patentbridge.Licence{Kind: patentbridge.LicenceOpen, AppNos: []string{ol.AppNo}, Title: ol.Title,
		OpenLicenceID: ol.ID, OpenLicenceLedgerIndex: ol.LedgerIndex, LicensorOrgID: ol.OrgID, LicensorName: ol.OrgName,
		LicenseeOrgID: u.OrgID, LicenseeName: u.OrgName, Fee: ol.Fee, TermStart: start, TermEnd: end,
		NoticeText: patentbridge.OpenLicenceNoticeText(ol, u.OrgName, start, end), CreatedBy: u.ID}, nil
}

// OpenLicenceNotice returns the written notice the signed-in user's
// organization would send for the announced open licence, for it to confirm.
// Returns EINVALID, ENOTFOUND, ECONFLICT, EFORBIDDEN, EUNAUTHORIZED.
func (db *DB) OpenLicenceNotice(ctx context.Context, openLicenceID int64, t patentbridge.TakeOpenLicence) (string, error) {
	if _, err := actor(ctx); err != nil {
		return "", err
	}
	ol, err := db.licOpenLicence(ctx, db.read, openLicenceID)
	if err != nil {
		return "", err
	}
	u, err := licensee(ctx)
	if err != nil {
		return "", err
	}
	l, err := takeTerms(ol, u, t, db.now())
	if err != nil {
		return "", err
	}
	return l.NoticeText, nil
}

// TakeOpenLicence sends the written notice of the signed-in enterprise user's
// organization under an announced open licence (Patent Law art. 51), audited
// as "licence.notice": the licence is 'noticed' until the payment due up front
// (FeeTerms.UpFrontFen) is recorded, and effective at once when nothing is
// (free, royalties, 先使用后付费), with its ledger entry "licence.grant". The
// same organization cannot hold two licences in force under one declaration.
// Returns EINVALID (also without confirmation), ENOTFOUND, ECONFLICT,
// EFORBIDDEN, EUNAUTHORIZED.
func (db *DB) TakeOpenLicence(ctx context.Context, openLicenceID int64, t patentbridge.TakeOpenLicence) (*patentbridge.Licence, error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	if !t.Confirmed {
		return nil, patentbridge.FieldErrorf("confirm", "请阅读并确认书面通知的内容（《专利法》第五十一条：以书面方式通知专利权人）")
	}
	var l *patentbridge.Licence
	err := db.WithTx(ctx, func(tx *Tx) error {
		ol, err := tx.db.licOpenLicence(ctx, tx.tx, openLicenceID)
		if err != nil {
			return err
		}
		u, err := licensee(ctx)
		if err != nil {
			return err
		}
		if l, err = takeTerms(ol, u, t, tx.now); err != nil {
			return err
		}
		var n int
		q := tx.q().add(`SELECT COUNT(*) FROM licences WHERE open_licence_id = ? AND licensee_org_id = ? AND status IN (?, ?)`,
			ol.ID, u.OrgID, patentbridge.LicenceNoticed, patentbridge.LicenceEffective)
		if err := tx.queryRow(ctx, q).Scan(&n); err != nil {
			return fmt.Errorf("sqldb: licences of open licence %d: %w", ol.ID, err)
		}
		if n > 0 {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "本单位已就该开放许可声明发出书面通知或取得许可，不能重复办理")
		}
		return tx.storeTaken(ctx, l, "licence.notice",
			fmt.Sprintf("%s发出开放许可书面通知：专利 %s", l.LicenseeName, patentbridge.FormatAppNo(ol.AppNo)),
			"被许可人已依据《专利法》第五十一条发出书面通知，付费后许可生效。")
	})
	if err != nil {
		return nil, err
	}
	return db.findLicenceFor(ctx, l.ID)
}

// storeTaken stores a licence taken by the licensee's notice at the act's
// time with its audit row action: effective at once when nothing is due up
// front, else noticed, with a message (title, body) to the licensor.
func (tx *Tx) storeTaken(ctx context.Context, l *patentbridge.Licence, action, title, body string) error {
	l.Status, l.NoticeAt, l.CreatedAt = patentbridge.LicenceNoticed, tx.now, tx.now
	if err := tx.insertLicence(ctx, l); err != nil {
		return err
	}
	if err := tx.audit(ctx, action, licenceObject(l.ID), nil, auditLicence(l)); err != nil {
		return err
	}
	if l.Fee.UpFrontFen() == 0 {
		return tx.makeEffective(ctx, l)
	}
	return tx.notifyOrg(ctx, l.LicensorOrgID, patentbridge.MessageLicence, title, body, fmt.Sprintf("/licences/%d", l.ID))
}

// findLicenceFor returns the licence as the act's user sees it after the act.
func (db *DB) findLicenceFor(ctx context.Context, id int64) (*patentbridge.Licence, error) {
	r, err := db.findLicence(ctx, db.write, id)
	return r.l, err
}

// insertLicence stores a new licence and its patents, setting l.ID.
func (tx *Tx) insertLicence(ctx context.Context, l *patentbridge.Licence) error {
	fee, err := json.Marshal(l.Fee)
	if err != nil {
		return fmt.Errorf("sqldb: licence fee: %w", err)
	}
	q := tx.q().add(`INSERT INTO licences (kind, open_licence_id, pool_id, licensor_org_id, licensee_org_id, fee_json, term_start, term_end,
		status, notice_text, notice_at, effective_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		string(l.Kind), nullID(l.OpenLicenceID), nullID(l.PoolID), l.LicensorOrgID, l.LicenseeOrgID, string(fee), patentbridge.FormatDate(l.TermStart),
		patentbridge.FormatDate(l.TermEnd), l.Status, l.NoticeText, formatTime(l.NoticeAt), formatTime(l.EffectiveAt), l.CreatedBy, formatTime(l.CreatedAt))
	if err := tx.queryRow(ctx, q).Scan(&l.ID); err != nil {
		return fmt.Errorf("sqldb: insert licence: %w", err)
	}
	for _, no := range l.AppNos {
		if _, err := tx.exec(ctx, tx.q().add(`INSERT INTO licence_patents (licence_id, app_no) VALUES (?, ?)`, l.ID, no)); err != nil {
			return fmt.Errorf("sqldb: licence patent: %w", err)
		}
	}
	return nil
}

// makeEffective puts a licence in force at the act's time: its ledger entry
// "licence.grant", or "pool_licence.grant" for a pool's package licence (the
// public record: patents, declaration or pool and its ledger index, parties'
// names, terms, effective time), its index, and a message to both parties
// with the recordation due date (细则 art. 87); the licence becomes a deal of
// each of its patents (recordLicenceDeals).
func (tx *Tx) makeEffective(ctx context.Context, l *patentbridge.Licence) error {
	l.Status, l.EffectiveAt = patentbridge.LicenceEffective, tx.now
	kind := "licence.grant"
	if l.PoolID != 0 {
		kind = "pool_licence.grant"
	}
	idx, err := tx.appendLedger(ctx, kind, licenceObject(l.ID), grantRecord(l))
	if err != nil {
		return err
	}
	l.LedgerIndex = &idx
	q := tx.q().add(`UPDATE licences SET status = ?, effective_at = ?, ledger_index = ? WHERE id = ?`,
		l.Status, formatTime(l.EffectiveAt), idx, l.ID)
	if _, err := tx.exec(ctx, q); err != nil {
		return fmt.Errorf("sqldb: licence effective: %w", err)
	}
	if err := tx.recordLicenceDeals(ctx, l); err != nil {
		return err
	}
	title := fmt.Sprintf("许可已生效：专利 %s（%s），请于 %s 前办理备案", licenceAppNos(l), l.Kind.Label(), patentbridge.FormatDate(l.RecordationDue()))
	body := fmt.Sprintf("许可人：%s；被许可人：%s。依据《专利法实施细则》第八十七条，当事人应自许可生效之日起三个月内向国务院专利行政部门备案（任何一方均可办理），办理后请在许可记录页填写备案号。", l.LicensorName, l.LicenseeName)
	for _, org := range []int64{l.LicensorOrgID, l.LicenseeOrgID} {
		if err := tx.notifyOrg(ctx, org, patentbridge.MessageLicence, title, body, fmt.Sprintf("/licences/%d", l.ID)); err != nil {
			return err
		}
	}
	return nil
}

// grantRecord is the public content of a licence's grant on the ledger. A
// negotiated licence's fee is the parties' business and is left out; an open
// or pool licence's fee is the published one.
func grantRecord(l *patentbridge.Licence) map[string]any {
	d := map[string]any{"licence_id": l.ID, "kind": string(l.Kind), "app_nos": l.AppNos,
		"licensor": l.LicensorName, "licensee": l.LicenseeName,
		"term_start": patentbridge.FormatDate(l.TermStart), "term_end": patentbridge.FormatDate(l.TermEnd),
		"effective_at": l.EffectiveAt.UTC().Format("2006-01-02T15:04:05Z07:00")}
	if len(l.AppNos) > 0 {
		d["app_no"] = l.AppNos[0]
	}
	if l.Kind == patentbridge.LicenceOpen {
		d["open_licence_id"] = l.OpenLicenceID
		d["open_licence_ledger_index"] = l.OpenLicenceLedgerIndex
		d["fee"] = l.Fee
	}
	if l.PoolID != 0 {
		d["pool_id"], d["pool"], d["pool_ledger_index"], d["fee"] = l.PoolID, l.PoolName, l.PoolLedgerIndex, l.Fee
	}
	return d
}

// auditLicence is what the audit log keeps of a licence.
func auditLicence(l *patentbridge.Licence) map[string]any {
	return map[string]any{"kind": l.Kind, "app_nos": l.AppNos, "open_licence_id": l.OpenLicenceID, "pool_id": l.PoolID,
		"licensor_organization_id": l.LicensorOrgID, "licensee_organization_id": l.LicenseeOrgID, "fee": l.Fee,
		"term_start": patentbridge.FormatDate(l.TermStart), "term_end": patentbridge.FormatDate(l.TermEnd),
		"status": l.Status, "paid_fen": l.PaidFen(), "recordation_no": l.RecordationNo, "reports": auditReports(l.Reports)}
}

// auditReports is the audit form of a licence's royalty reports: each period
// with its reported base and royalty.
func auditReports(rs []patentbridge.RoyaltyReport) []map[string]any {
	out := make([]map[string]any, len(rs))
	for i, r := range rs {
		out[i] = map[string]any{"period_start": patentbridge.FormatDate(r.PeriodStart), "period_end": patentbridge.FormatDate(r.PeriodEnd),
			"base_fen": r.BaseFen, "due_fen": r.DueFen}
	}
	return out
}
