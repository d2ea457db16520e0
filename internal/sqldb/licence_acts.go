package sqldb

import (
	"context"
	"fmt"
	"strings"
	"time"

	"patentbridge"
)

// licenceAct runs one act on a licence in a transaction: it loads the licence
// for a party (the licensee when licenseeOnly) or the admin, lets fn change
// it and writes the audit row action with the licence before and after. It
// returns the licence as stored after the act.
func (db *DB) licenceAct(ctx context.Context, id int64, licenseeOnly bool, action string, fn func(tx *Tx, l *patentbridge.Licence) error) (*patentbridge.Licence, error) {
	err := db.WithTx(ctx, func(tx *Tx) error {
		l, err := tx.actOnLicence(ctx, id, licenseeOnly)
		if err != nil {
			return err
		}
		before := auditLicence(l)
		if err := fn(tx, l); err != nil {
			return err
		}
		return tx.audit(ctx, action, licenceObject(id), before, auditLicence(l))
	})
	if err != nil {
		return nil, err
	}
	return db.findLicenceFor(ctx, id)
}

// RecordPayment records a payment of the licensee (by either party or the
// admin), audited as "licence.payment". When the payments of a noticed open
// or pool licence reach what is due up front it takes effect in the same
// transaction, with its ledger entry — unless the declaration was withdrawn meanwhile
// (a licence is obtained by notice and payment, art. 51). Returns EINVALID,
// ENOTFOUND, ECONFLICT, EFORBIDDEN, EUNAUTHORIZED.
func (db *DB) RecordPayment(ctx context.Context, licenceID int64, p patentbridge.LicencePayment) (*patentbridge.Licence, error) {
	return db.licenceAct(ctx, licenceID, false, "licence.payment", func(tx *Tx, l *patentbridge.Licence) error {
		if err := p.Check(l, tx.now); err != nil {
			return err
		}
		if l.Status == patentbridge.LicenceEnded {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "许可已终止，不能再登记付款")
		}
		u, _ := actor(ctx)
		q := tx.q().add(`INSERT INTO licence_payments (licence_id, amount_fen, paid_on, reference, recorded_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, l.ID, p.AmountFen, patentbridge.FormatDate(p.PaidOn), p.Reference, u.ID, formatTime(tx.now))
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: licence payment: %w", err)
		}
		l.Payments = append(l.Payments, p)
		if l.Status != patentbridge.LicenceNoticed || l.PaidFen() < l.Fee.UpFrontFen() {
			return nil
		}
		if l.PoolID != 0 {
			return tx.makeEffective(ctx, l)
		}
		ol, err := tx.db.licOpenLicence(ctx, tx.tx, l.OpenLicenceID)
		if err != nil {
			return err
		}
		if ol.Status != patentbridge.OpenAnnounced {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "该开放许可声明已于 %s 撤回，书面通知后尚未付费的许可不能再生效（《专利法》第五十一条）", patentbridge.FormatDate(ol.WithdrawnAt))
		}
		return tx.makeEffective(ctx, l)
	})
}

// RecordRecordation enters CNIPA's recordation number and date of an
// effective licence (细则 art. 87) by either party or the admin, audited as
// "licence.recordation"; it ends the reminders. Returns EINVALID, ENOTFOUND,
// ECONFLICT, EFORBIDDEN, EUNAUTHORIZED.
func (db *DB) RecordRecordation(ctx context.Context, licenceID int64, number string, date time.Time) (*patentbridge.Licence, error) {
	number = strings.TrimSpace(number)
	return db.licenceAct(ctx, licenceID, false, "licence.recordation", func(tx *Tx, l *patentbridge.Licence) error {
		if l.Status != patentbridge.LicenceEffective {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "许可尚未生效，生效后方可备案")
		}
		if err := patentbridge.CheckRecordation(number, date, l.EffectiveAt, tx.now); err != nil {
			return err
		}
		q := tx.q().add(`UPDATE licences SET recordation_no = ?, recordation_date = ?, recorded_at = ? WHERE id = ?`,
			number, patentbridge.FormatDate(date), formatTime(tx.now), l.ID)
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: licence recordation: %w", err)
		}
		// The licence's deals carry its number, by which an export's 备案 of it merges into them.
		q = tx.q().add("UPDATE deals SET recordation_no = ? WHERE licence_id = ? AND recordation_no = ''", number, l.ID)
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: licence recordation on its deals: %w", err)
		}
		l.RecordationNo = number
		return nil
	})
}

// ReportRoyalty records the licensee's report of one scheduled period that
// has ended (patentbridge.ReportPeriods) with the royalty it owes
// (patentbridge.PeriodRoyalty), audited as "licence.report" with the
// licence's reports before and after. A report of a period already reported
// is a correction: it replaces the earlier figure (the royalty stays due from
// the first report's day) and the royalties of the other reports are
// recomputed (a 先使用后付费 licence's first revenue may move). Returns
// EINVALID, ENOTFOUND, ECONFLICT, EFORBIDDEN, EUNAUTHORIZED.
func (db *DB) ReportRoyalty(ctx context.Context, licenceID int64, r patentbridge.RoyaltyReport) (*patentbridge.Licence, error) {
	return db.licenceAct(ctx, licenceID, true, "licence.report", func(tx *Tx, l *patentbridge.Licence) error {
		if l.Status != patentbridge.LicenceEffective {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "许可尚未生效或已终止，不能报告销售额或利润")
		}
		if !l.Fee.TakesReports() {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "该许可的付费方式为%s，无需定期报告销售额或利润", l.Fee.Method.Label())
		}
		if err := patentbridge.CheckRoyaltyBase(l.Fee, r.BaseFen); err != nil {
			return err
		}
		periods := patentbridge.ReportPeriods(l.Fee, l.EffectiveAt, l.TermEnd, tx.now)
		var want *patentbridge.Period
		for i, p := range periods {
			if p.Start.Equal(patentbridge.DateOf(r.PeriodStart)) {
				want = &periods[i]
			}
		}
		if want == nil || !want.End.Equal(patentbridge.DateOf(r.PeriodEnd)) {
			msg := "尚无可报告的期间"
			if len(periods) > 0 {
				names := make([]string, len(periods))
				for i, p := range periods {
					names[i] = p.String()
				}
				msg = "可报告的期间为：" + strings.Join(names, "、")
			}
			return patentbridge.FieldErrorf("period_start", "报告期间 %s至%s 不是该许可的报告期间（每 %d 个月一期；本期可提前报告，期末后可更正）；%s",
				patentbridge.FormatDate(r.PeriodStart), patentbridge.FormatDate(r.PeriodEnd), l.Fee.ReportEvery(), msg)
		}
		r.PeriodStart, r.PeriodEnd = want.Start, want.End
		u, _ := actor(ctx)
		r.ReportedBy = u.ID
		for i, old := range l.Reports {
			if old.PeriodStart.Equal(want.Start) {
				r.ID, r.CreatedAt = old.ID, old.CreatedAt
				l.Reports[i] = r
				return tx.rewriteRoyalties(ctx, l)
			}
		}
		r.CreatedAt = tx.now
		r.DueFen = patentbridge.PeriodRoyalty(l.Fee, l.EffectiveAt, r, l.Reports)
		q := tx.q().add(`INSERT INTO licence_royalty_reports (licence_id, period_start, period_end, base_fen, due_fen, reported_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, l.ID, patentbridge.FormatDate(r.PeriodStart), patentbridge.FormatDate(r.PeriodEnd),
			r.BaseFen, r.DueFen, u.ID, formatTime(tx.now))
		if _, err := tx.exec(ctx, q); err != nil {
			if isUniqueViolation(err) {
				return patentbridge.Errorf(patentbridge.ECONFLICT, "期间 %s 刚刚已有报告，请刷新后再提交更正", want.String())
			}
			return fmt.Errorf("sqldb: royalty report: %w", err)
		}
		l.Reports = append(l.Reports, r)
		return nil
	})
}

// rewriteRoyalties recomputes the royalty of every report of l after a
// correction and stores them.
func (tx *Tx) rewriteRoyalties(ctx context.Context, l *patentbridge.Licence) error {
	others := make([]patentbridge.RoyaltyReport, 0, len(l.Reports))
	for i := range l.Reports {
		others = others[:0]
		others = append(others, l.Reports[:i]...)
		others = append(others, l.Reports[i+1:]...)
		r := &l.Reports[i]
		r.DueFen = patentbridge.PeriodRoyalty(l.Fee, l.EffectiveAt, *r, others)
		q := tx.q().add(`UPDATE licence_royalty_reports SET base_fen = ?, due_fen = ?, reported_by = ? WHERE id = ?`, r.BaseFen, r.DueFen, r.ReportedBy, r.ID)
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: royalty report correction: %w", err)
		}
	}
	return nil
}

// RecordDispute records a dispute over the licence (Patent Law art. 52) by a
// party or the admin, audited as "licence.dispute". Returns EINVALID,
// ENOTFOUND, EFORBIDDEN, EUNAUTHORIZED.
func (db *DB) RecordDispute(ctx context.Context, licenceID int64, d patentbridge.LicenceDispute) (*patentbridge.Licence, error) {
	return db.licenceAct(ctx, licenceID, false, "licence.dispute", func(tx *Tx, l *patentbridge.Licence) error {
		if err := d.Check(); err != nil {
			return err
		}
		u, _ := actor(ctx)
		q := tx.q().add(`INSERT INTO licence_disputes (licence_id, channel, description, created_by, created_at) VALUES (?, ?, ?, ?, ?)`,
			l.ID, d.Channel, d.Description, u.ID, formatTime(tx.now))
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: licence dispute: %w", err)
		}
		return nil
	})
}

// ResolveDispute records a dispute's outcome, once, audited as
// "licence.dispute_outcome". Returns EINVALID, ENOTFOUND, ECONFLICT,
// EFORBIDDEN, EUNAUTHORIZED.
func (db *DB) ResolveDispute(ctx context.Context, licenceID, disputeID int64, outcome string) (*patentbridge.Licence, error) {
	outcome = strings.TrimSpace(outcome)
	return db.licenceAct(ctx, licenceID, false, "licence.dispute_outcome", func(tx *Tx, l *patentbridge.Licence) error {
		if outcome == "" {
			return patentbridge.FieldErrorf("outcome", "请填写纠纷处理结果")
		}
		if err := patentbridge.CheckText("outcome", "处理结果", outcome, patentbridge.MaxDisputeText, true); err != nil {
			return err
		}
		for _, d := range l.Disputes {
			if d.ID != disputeID {
				continue
			}
			if d.Outcome != "" {
				return patentbridge.Errorf(patentbridge.ECONFLICT, "该纠纷已于 %s 登记处理结果", patentbridge.FormatDate(d.ResolvedAt))
			}
			q := tx.q().add(`UPDATE licence_disputes SET outcome = ?, resolved_at = ? WHERE id = ?`, outcome, formatTime(tx.now), d.ID)
			_, err := tx.exec(ctx, q)
			return err
		}
		return patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到该许可的纠纷 %d", disputeID)
	})
}
