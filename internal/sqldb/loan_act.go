package sqldb

import (
	"context"
	"fmt"
	"slices"
	"time"

	"patentbridge"
)

// ActOnLoan records one act of the loan workflow on day a.On (today when
// zero), audited as "loan.<act>" with the loan before and after, in one
// transaction: valuation records method, value and valuer; approval refuses
// when the loan's pool has reached its loss cap or would pass its leverage;
// registration runs the refusals of 专利权质押登记办法 for each patent (the
// borrower's declaration of no suspension or preservation counts only when
// the registering official confirms it, a.NoSuspension); compensation splits
// the principal loss by the pool's shares, draws the government's share from
// the pool's balance and counts the loss toward its cap. A city user acts
// only on its city's loans. Returns EINVALID, ENOTFOUND, ECONFLICT,
// EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) ActOnLoan(ctx context.Context, id int64, a patentbridge.LoanAction) (*patentbridge.Loan, error) {
	u, err := loanOfficial(ctx, "办理专利权质押贷款")
	if err != nil {
		return nil, err
	}
	if err := a.Validate(); err != nil {
		return nil, err
	}
	today := patentbridge.DateOf(db.now())
	on := patentbridge.DateOf(a.On)
	if a.On.IsZero() {
		on = today
	}
	var out *patentbridge.Loan
	err = db.WithTx(ctx, func(tx *Tx) error {
		l, err := findLoan(ctx, db, tx.tx, id, db.dialect.forUpdate)
		if err != nil {
			return err
		}
		if c := patentbridge.ScopeCity(u); c != "" && l.City != c {
			return patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到贷款 %d", id)
		}
		to := a.Act.To()
		if !l.Status.CanMove(to) {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "贷款 %d 当前状态为%s，不能改为%s", l.ID, l.Status.Label(), to.Label())
		}
		if err := l.CheckActDay(a.Act, on, today); err != nil {
			return err
		}
		before := *l
		if err := tx.applyLoanAct(ctx, l, a, on, u); err != nil {
			return err
		}
		l.Status, l.UpdatedAt = to, tx.now
		q := tx.q().add(`UPDATE loans SET status = ?, valuation_method = ?, valuation_fen = ?, valuer = ?, registration_no = ?,
			valued_on = ?, approved_on = ?, registered_on = ?, disbursed_on = ?, closed_on = ?, no_suspension = ?, invalidation_consent = ?, refusal = ?, updated_at = ?
			WHERE id = ?`, string(l.Status), l.ValuationMethod, l.ValuationFen, l.Valuer, l.RegistrationNo,
			patentbridge.FormatDate(l.ValuedOn), patentbridge.FormatDate(l.ApprovedOn), patentbridge.FormatDate(l.RegisteredOn), patentbridge.FormatDate(l.DisbursedOn), patentbridge.FormatDate(l.ClosedOn),
			boolInt(l.NoSuspension), boolInt(l.InvalidationConsent), l.Refusal, formatTime(tx.now), l.ID)
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: update loan %d: %w", l.ID, err)
		}
		out = l
		return tx.audit(ctx, "loan."+string(a.Act), loanObject(l.ID), &before, l)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// applyLoanAct makes the act's own changes to l (and to its pool).
func (tx *Tx) applyLoanAct(ctx context.Context, l *patentbridge.Loan, a patentbridge.LoanAction, on time.Time, u *patentbridge.User) error {
	switch a.Act {
	case patentbridge.ActValue:
		l.ValuationMethod, l.ValuationFen, l.Valuer, l.ValuedOn = a.ValuationMethod, a.ValuationFen, a.Valuer, on
	case patentbridge.ActApprove:
		l.ApprovedOn = on
		if l.RiskPoolID == 0 {
			return nil
		}
		p, err := findPool(ctx, tx.db, tx.tx, l.RiskPoolID, true)
		if err != nil {
			return err
		}
		return p.CheckApproval(l.AmountFen)
	case patentbridge.ActRegister:
		l.NoSuspension = l.NoSuspension && a.NoSuspension
		l.InvalidationConsent = l.InvalidationConsent || a.InvalidationConsent
		if err := tx.checkPledges(ctx, l, on); err != nil {
			return err
		}
		l.RegistrationNo, l.RegisteredOn = a.RegistrationNo, on
	case patentbridge.ActDisburse:
		l.DisbursedOn = on
	case patentbridge.ActRepay, patentbridge.ActDefault:
		l.ClosedOn = on
	case patentbridge.ActCompensate:
		return tx.compensate(ctx, l, a.LossFen, on, u)
	case patentbridge.ActRefuse:
		l.Refusal, l.ClosedOn = a.Reason, on
	}
	return nil
}

// compensate records the loan's compensation claim and pays the government's
// share from its pool, not before the pool's opening day. Returns EINVALID,
// ECONFLICT.
func (tx *Tx) compensate(ctx context.Context, l *patentbridge.Loan, lossFen int64, on time.Time, u *patentbridge.User) error {
	if l.RiskPoolID == 0 {
		return patentbridge.FieldErrorf("风险补偿资金池", "贷款 %d 未纳入风险补偿资金池，不能申请风险补偿", l.ID)
	}
	if lossFen > l.AmountFen {
		return patentbridge.FieldErrorf("loss_fen", "本金损失 %s 超过贷款金额 %s", patentbridge.FormatFen(lossFen), patentbridge.FormatFen(l.AmountFen))
	}
	p, err := findPool(ctx, tx.db, tx.tx, l.RiskPoolID, true)
	if err != nil {
		return err
	}
	if err := p.CheckDrawDay("代偿日期", on); err != nil {
		return err
	}
	c := p.Split(lossFen)
	if c.GovFen > p.BalanceFen {
		return patentbridge.Errorf(patentbridge.ECONFLICT, "风险补偿资金池“%s”余额 %s，不足以支付政府分担的 %s", p.Name,
			patentbridge.FormatFen(p.BalanceFen), patentbridge.FormatFen(c.GovFen))
	}
	c.LoanID, c.ClaimedOn, c.CreatedAt = l.ID, on, tx.now
	if u != nil {
		c.CreatedBy = u.ID
	}
	q := tx.q().add(`INSERT INTO loan_compensations (loan_id, risk_pool_id, loss_fen, insurer_fen, bank_fen, gov_fen, remainder_to,
		claimed_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.LoanID, c.RiskPoolID, c.LossFen, c.InsurerFen,
		c.BankFen, c.GovFen, string(c.RemainderTo), patentbridge.FormatDate(on), c.CreatedBy, formatTime(tx.now))
	if _, err := tx.exec(ctx, q); err != nil {
		return fmt.Errorf("sqldb: loan compensation: %w", err)
	}
	if _, err := tx.exec(ctx, tx.q().add("UPDATE risk_pools SET balance_fen = balance_fen - ? WHERE id = ?", c.GovFen, p.ID)); err != nil {
		return fmt.Errorf("sqldb: pool balance: %w", err)
	}
	if err := tx.poolMovement(ctx, p.ID, "compensation", -c.GovFen, l.ID, on, c.CreatedBy); err != nil {
		return err
	}
	l.Compensation = &c
	return nil
}

// checkPledges runs the registration refusals for each patent of the loan
// registered on day. On PostgreSQL it first locks the patents' rows, in
// application-number order, so that two loans pledging one patent register
// one after the other and the second sees the first. Returns EINVALID,
// ECONFLICT naming the patent.
func (tx *Tx) checkPledges(ctx context.Context, l *patentbridge.Loan, day time.Time) error {
	nos := slices.Sorted(slices.Values(l.AppNos))
	if lock := tx.db.dialect.forUpdate; lock != "" {
		if _, err := tx.exec(ctx, tx.q().add("SELECT id FROM patents WHERE app_no IN ").addList(nos).add(" ORDER BY app_no"+lock)); err != nil {
			return fmt.Errorf("sqldb: lock pledged patents: %w", err)
		}
	}
	for _, no := range nos {
		p, err := scanPatent(tx.queryRow(ctx, tx.q().add("SELECT "+readColumns+" FROM patents WHERE app_no = ?", no)))
		if isNoRows(err) {
			return patentbridge.FieldErrorf("申请号", "专利 %s 未收录于平台，无法核对质押登记条件；请先导入该专利的著录项目和法律状态", patentbridge.FormatAppNo(no))
		}
		if err != nil {
			return fmt.Errorf("sqldb: pledged patent %s: %w", no, err)
		}
		c := patentbridge.PledgeCandidate{Patent: p}
		if c.PledgorOwns, err = tx.ownsPatent(ctx, no, l.BorrowerOrgID, l.BorrowerName); err != nil {
			return err
		}
		q := tx.q().add(`SELECT l.id FROM loan_patents lp JOIN loans l ON l.id = lp.loan_id WHERE lp.app_no = ? AND l.id <> ?
			AND l.status IN ('registered', 'disbursed', 'defaulted') ORDER BY l.id LIMIT 1`, no, l.ID)
		if err := tx.queryRow(ctx, q).Scan(&c.PledgedBy); err != nil && !isNoRows(err) {
			return fmt.Errorf("sqldb: pledging loans of %s: %w", no, err)
		}
		if err := patentbridge.CheckPledgeRegistration(l, c, day); err != nil {
			return err
		}
	}
	return nil
}

// ownsPatent reports whether the organization (or, for an owner not linked to
// the registry, its normalized name) is among the patent's current owners.
func (tx *Tx) ownsPatent(ctx context.Context, appNo string, orgID int64, name string) (bool, error) {
	q := tx.q().add(`SELECT po.name, COALESCE(po.org_id, 0) FROM patent_owners po JOIN patents p ON p.id = po.patent_id
		WHERE p.app_no = ?`, appNo)
	owns := false
	err := eachRow(ctx, tx.tx, q, func(s scanner) error {
		var owner string
		var org int64
		if err := s.Scan(&owner, &org); err != nil {
			return err
		}
		owns = owns || org != 0 && org == orgID || org == 0 && patentbridge.NormalizeOrgName(owner) == name
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("sqldb: owners of %s: %w", appNo, err)
	}
	return owns, nil
}
