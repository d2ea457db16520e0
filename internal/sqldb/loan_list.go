package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

// FindLoan returns a loan with its patents and compensation to the admin and
// to the city users of the borrower's city. Returns ENOTFOUND, EUNAUTHORIZED,
// EFORBIDDEN.
func (db *DB) FindLoan(ctx context.Context, id int64) (*patentbridge.Loan, error) {
	u, err := loanOfficial(ctx, "查看专利权质押贷款")
	if err != nil {
		return nil, err
	}
	l, err := findLoan(ctx, db, db.read, id, "")
	if err != nil {
		return nil, err
	}
	if c := patentbridge.ScopeCity(u); c != "" && l.City != c {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到贷款 %d", id)
	}
	return l, nil
}

// findLoan reads a loan with its patents and compensation through qr, its row
// locked for the transaction when lock is the dialect's forUpdate. Returns ENOTFOUND.
func findLoan(ctx context.Context, db *DB, qr queryer, id int64, lock string) (*patentbridge.Loan, error) {
	q := db.dialect.newQuery().add("SELECT "+loanColumns+loanFrom+" WHERE l.id = ?", id)
	if lock != "" {
		q.add(" FOR UPDATE OF l") // the pool's side of the outer join is not locked
	}
	l, err := scanLoan(qr.QueryRowContext(ctx, q.String(), q.args...))
	if isNoRows(err) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到贷款 %d", id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqldb: find loan %d: %w", id, err)
	}
	if err := loadLoanDetails(ctx, db, qr, []*patentbridge.Loan{l}); err != nil {
		return nil, err
	}
	return l, nil
}

// loadLoanDetails fills the loans' patents and compensations.
func loadLoanDetails(ctx context.Context, db *DB, qr queryer, ls []*patentbridge.Loan) error {
	if len(ls) == 0 {
		return nil
	}
	byID := map[int64]*patentbridge.Loan{}
	ids := make([]int64, 0, len(ls))
	for _, l := range ls {
		byID[l.ID] = l
		ids = append(ids, l.ID)
	}
	q := db.dialect.newQuery().add("SELECT loan_id, app_no FROM loan_patents WHERE loan_id IN ").addIDs(ids).add(" ORDER BY loan_id, app_no")
	err := eachRow(ctx, qr, q, func(s scanner) error {
		var id int64
		var no string
		if err := s.Scan(&id, &no); err != nil {
			return err
		}
		byID[id].AppNos = append(byID[id].AppNos, no)
		return nil
	})
	if err != nil {
		return fmt.Errorf("sqldb: loan patents: %w", err)
	}
	q = db.dialect.newQuery().add(`SELECT loan_id, risk_pool_id, loss_fen, insurer_fen, bank_fen, gov_fen, remainder_to, claimed_on,
		created_by, created_at FROM loan_compensations WHERE loan_id IN `).addIDs(ids)
	err = eachRow(ctx, qr, q, func(s scanner) error {
		var c patentbridge.Compensation
		var rest, claimed, created string
		if err := s.Scan(&c.LoanID, &c.RiskPoolID, &c.LossFen, &c.InsurerFen, &c.BankFen, &c.GovFen, &rest, &claimed,
			&c.CreatedBy, &created); err != nil {
			return err
		}
		c.RemainderTo = patentbridge.LossParty(rest)
		var err error
		if c.ClaimedOn, err = parseDate(claimed); err == nil {
			c.CreatedAt, err = parseTime(created)
		}
		byID[c.LoanID].Compensation = &c
		return err
	})
	if err != nil {
		return fmt.Errorf("sqldb: loan compensations: %w", err)
	}
	return nil
}

// ListLoans returns one page of loans, latest application first, and the
// total, to the admin (all) and city users (their city's, another city's
// refused by scopeListCity). Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) ListLoans(ctx context.Context, f patentbridge.LoanFilter) ([]*patentbridge.Loan, int, error) {
	u, err := loanOfficial(ctx, "查看专利权质押贷款")
	if err != nil {
		return nil, 0, err
	}
	if err := scopeListCity(u, &f.City); err != nil {
		return nil, 0, err
	}
	limit, err := pageLimit(f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	if f.Status != "" {
		if _, ok := patentbridge.ParseLoanStatus(string(f.Status)); !ok {
			return nil, 0, patentbridge.FieldErrorf("status", "贷款状态 %q 无效", patentbridge.ClipValue(string(f.Status)))
		}
	}
	where := func(q *query) *query {
		q.add(" WHERE 1 = 1")
		if f.Status != "" {
			q.add(" AND l.status = ?", string(f.Status))
		}
		yearRange(q, "l.disbursed_on", f.Year)
		if f.City != "" {
			q.add(" AND l.city = ?", f.City)
		}
		if f.Bank != "" {
			q.add(" AND l.bank_name = ?", patentbridge.NormalizeOrgName(f.Bank))
		}
		if f.RiskPoolID != 0 {
			q.add(" AND l.risk_pool_id = ?", f.RiskPoolID)
		}
		if f.BorrowerOrgID != 0 {
			q.add(" AND l.borrower_org_id = ?", f.BorrowerOrgID)
		}
		return q
	}
	var total int
	cq := where(db.dialect.newQuery().add("SELECT COUNT(*) FROM loans l"))
	if err := db.read.QueryRowContext(ctx, cq.String(), cq.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqldb: count loans: %w", err)
	}
	lq := where(db.dialect.newQuery().add("SELECT "+loanColumns+loanFrom)).
		add(" ORDER BY l.applied_on DESC, l.id DESC LIMIT ? OFFSET ?", limit, f.Offset)
	out := []*patentbridge.Loan{}
	err = eachRow(ctx, db.read, lq, func(s scanner) error {
		l, err := scanLoan(s)
		if err == nil {
			out = append(out, l)
		}
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb: list loans: %w", err)
	}
	if err := loadLoanDetails(ctx, db, db.read, out); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}
