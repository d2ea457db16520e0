package sqldb

import (
	"context"
	"fmt"
	"strconv"

	"patentbridge"
)

var _ patentbridge.LoanService = (*DB)(nil)

const loanColumns = `l.id, l.borrower_org_id, l.borrower_name, l.city, l.bank_name, l.amount_fen, l.term_months, l.status,
	COALESCE(l.risk_pool_id, 0), COALESCE(rp.name, ''), l.guarantor, l.cover_percent, l.valuation_method, l.valuation_fen, l.valuer,
	l.registration_no, l.no_suspension, l.invalidation_consent, l.applied_on, l.valued_on, l.approved_on, l.registered_on, l.disbursed_on, l.closed_on,
	l.refusal, l.source, l.created_by, l.created_at, l.updated_at`

const loanFrom = " FROM loans l LEFT JOIN risk_pools rp ON rp.id = l.risk_pool_id"

func scanLoan(s scanner) (*patentbridge.Loan, error) {
	var l patentbridge.Loan
	var status, applied, valued, approved, registered, disbursed, closed, created, updated string
	var noSusp, consent int64
	if err := s.Scan(&l.ID, &l.BorrowerOrgID, &l.BorrowerName, &l.City, &l.BankName, &l.AmountFen, &l.TermMonths, &status,
		&l.RiskPoolID, &l.RiskPoolName, &l.Guarantor, &l.CoverPercent, &l.ValuationMethod, &l.ValuationFen, &l.Valuer,
		&l.RegistrationNo, &noSusp, &consent, &applied, &valued, &approved, &registered, &disbursed, &closed,
		&l.Refusal, &l.Source, &l.CreatedBy, &created, &updated); err != nil {
		return nil, err
	}
	l.Status, l.NoSuspension, l.InvalidationConsent = patentbridge.LoanStatus(status), noSusp != 0, consent != 0
	l.AppNos = []string{}
	var err error
	if l.AppliedOn, err = parseDate(applied); err != nil {
		return nil, err
	}
	if l.ValuedOn, err = parseDate(valued); err != nil {
		return nil, err
	}
	if l.ApprovedOn, err = parseDate(approved); err != nil {
		return nil, err
	}
	if l.RegisteredOn, err = parseDate(registered); err != nil {
		return nil, err
	}
	if l.DisbursedOn, err = parseDate(disbursed); err != nil {
		return nil, err
	}
	if l.ClosedOn, err = parseDate(closed); err != nil {
		return nil, err
	}
	if l.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	l.UpdatedAt, err = parseTime(updated)
	return &l, err
}

// loanObject names a loan in the audit log.
func loanObject(id int64) string { return "loan:" + strconv.FormatInt(id, 10) }

// loanOfficial admits the platform, the admin and city users to loan acts and
// reads. Returns EUNAUTHORIZED, EFORBIDDEN.
func loanOfficial(ctx context.Context, what string) (*patentbridge.User, error) {
	if patentbridge.IsPlatform(ctx) {
		return patentbridge.UserFrom(ctx), nil
	}
	u := patentbridge.UserFrom(ctx)
	return u, patentbridge.CityManager(u, what)
}

// CreateLoan validates and stores a loan application at the store's clock,
// audited as "loan.create": the borrower resolves in the registry by its
// credit code, else its name, and its city is the loan's; a city user records
// only its city's borrowers; the pool, when given by id or name, must be the
// borrower's city's or a provincial one. A loan imported at a later status
// (Source import) is a historical record (Loan.ValidateHistory). Returns
// EINVALID, ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) CreateLoan(ctx context.Context, l *patentbridge.Loan) error {
	u, err := loanOfficial(ctx, "登记专利权质押贷款")
	if err != nil {
		return err
	}
	today := db.now()
	if err := l.Validate(today); err != nil {
		return err
	}
	if l.Source == "" {
		l.Source = patentbridge.LoanFromForm
	}
	if l.Status == "" {
		l.Status = patentbridge.LoanApplied
	}
	if l.Status != patentbridge.LoanApplied && l.Source != patentbridge.LoanFromImport {
		return patentbridge.FieldErrorf("状态", "新登记的贷款状态为已申请，其后各环节请逐一办理")
	}
	if err := l.ValidateHistory(today); err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		if err := tx.resolveBorrower(ctx, l); err != nil {
			return err
		}
		if c := patentbridge.ScopeCity(u); c != "" && l.City != c {
			return fieldError(patentbridge.EFORBIDDEN, "借款企业", "没有权限：市（州）管理员只能登记本市（州）借款企业的贷款（%s 所在地 %q）", l.BorrowerName, l.City)
		}
		if err := tx.resolveLoanPool(ctx, l); err != nil {
			return err
		}
		if err := tx.refuseSameLoan(ctx, l); err != nil {
			return err
		}
		if u != nil {
			l.CreatedBy = u.ID
		}
		if err := tx.insertLoan(ctx, l); err != nil {
			return err
		}
		return tx.audit(ctx, "loan.create", loanObject(l.ID), nil, l)
	})
}

// refuseSameLoan refuses a loan already stored: the same borrower, bank,
// amount and application date (an import run again). Returns ECONFLICT naming
// it, on field 借款企业.
func (tx *Tx) refuseSameLoan(ctx context.Context, l *patentbridge.Loan) error {
	var id int64
	err := tx.queryRow(ctx, tx.q().add(`SELECT id FROM loans WHERE borrower_org_id = ? AND bank_name = ? AND amount_fen = ?
		AND applied_on = ? ORDER BY id LIMIT 1`, l.BorrowerOrgID, l.BankName, l.AmountFen, patentbridge.FormatDate(l.AppliedOn))).Scan(&id)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("sqldb: same loan: %w", err)
	}
	return fieldError(patentbridge.ECONFLICT, "借款企业", "该贷款已登记为贷款 %d（%s，%s，%s，申请日期 %s），不重复登记",
		id, l.BorrowerName, l.BankName, patentbridge.FormatFen(l.AmountFen), patentbridge.FormatDate(l.AppliedOn))
}

// resolveBorrower links the loan to its borrower's organization and takes its
// name and city. Returns ENOTFOUND naming the column.
func (tx *Tx) resolveBorrower(ctx context.Context, l *patentbridge.Loan) error {
	var id int64
	if l.BorrowerCreditCode != "" {
		err := tx.queryRow(ctx, tx.q().add("SELECT id FROM organizations WHERE credit_code = ?", l.BorrowerCreditCode)).Scan(&id)
		if err != nil && !isNoRows(err) {
			return fmt.Errorf("sqldb: borrower by credit code: %w", err)
		}
	}
	if id == 0 && l.BorrowerName != "" {
		var err error
		if id, err = resolveOrg(ctx, tx.db, tx.tx, l.BorrowerName); err != nil {
			return err
		}
	}
	if id == 0 {
		return &patentbridge.Error{Code: patentbridge.ENOTFOUND, Field: "借款企业",
			Message: fmt.Sprintf("单位名录中没有借款企业“%s”%s，请先在单位名录中登记该企业", l.BorrowerName, creditSuffix(l.BorrowerCreditCode))}
	}
	o, err := findOrg(ctx, tx.db, tx.tx, id)
	if err != nil {
		return err
	}
	l.BorrowerOrgID, l.BorrowerName, l.City = o.ID, o.Name, o.CityCode
	if l.BorrowerCreditCode == "" {
		l.BorrowerCreditCode = o.CreditCode
	}
	return nil
}

func creditSuffix(code string) string {
	if code == "" {
		return ""
	}
	return "（统一社会信用代码 " + code + "）"
}

// resolveLoanPool finds the loan's pool by id or name and refuses one of
// another city. Returns ENOTFOUND, EINVALID on the column 风险补偿资金池.
func (tx *Tx) resolveLoanPool(ctx context.Context, l *patentbridge.Loan) error {
	if l.RiskPoolID == 0 && l.RiskPoolName == "" {
		return nil
	}
	q := tx.q().add("SELECT id, name, city FROM risk_pools WHERE ")
	if l.RiskPoolID != 0 {
		q.add("id = ?", l.RiskPoolID)
	} else {
		q.add("name = ?", l.RiskPoolName)
	}
	var city string
	err := tx.queryRow(ctx, q).Scan(&l.RiskPoolID, &l.RiskPoolName, &city)
	if isNoRows(err) {
		return &patentbridge.Error{Code: patentbridge.ENOTFOUND, Field: "风险补偿资金池", Message: fmt.Sprintf("未找到风险补偿资金池“%s”", poolRef(l))}
	}
	if err != nil {
		return fmt.Errorf("sqldb: loan pool: %w", err)
	}
	if city != "" && city != l.City {
		return patentbridge.FieldErrorf("风险补偿资金池", "风险补偿资金池“%s”属于市（州）%s，不能为 %s 的借款企业提供补偿", l.RiskPoolName, city, cityOrUnknown(l.City))
	}
	return nil
}

func poolRef(l *patentbridge.Loan) string {
	if l.RiskPoolName != "" {
		return l.RiskPoolName
	}
	return strconv.FormatInt(l.RiskPoolID, 10)
}

func cityOrUnknown(c string) string {
	if c == "" {
		return "所在地不明"
	}
	return "市（州）" + c
}

// insertLoan stores the loan and its patents, setting its id and times.
func (tx *Tx) insertLoan(ctx context.Context, l *patentbridge.Loan) error {
	q := tx.q().add(`INSERT INTO loans (borrower_org_id, borrower_name, city, bank_name, amount_fen, term_months, status, risk_pool_id,
		guarantor, cover_percent, valuation_method, valuation_fen, valuer, registration_no, registered_on, closed_on, no_suspension,
		invalidation_consent, refusal, source, applied_on, valued_on, approved_on, disbursed_on, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		l.BorrowerOrgID, l.BorrowerName, l.City, l.BankName, l.AmountFen, l.TermMonths, string(l.Status), nullID(l.RiskPoolID),
		l.Guarantor, l.CoverPercent, l.ValuationMethod, l.ValuationFen, l.Valuer, l.RegistrationNo, patentbridge.FormatDate(l.RegisteredOn),
		patentbridge.FormatDate(l.ClosedOn), boolInt(l.NoSuspension), boolInt(l.InvalidationConsent), l.Refusal, l.Source,
		patentbridge.FormatDate(l.AppliedOn), patentbridge.FormatDate(l.ValuedOn), patentbridge.FormatDate(l.ApprovedOn),
		patentbridge.FormatDate(l.DisbursedOn), l.CreatedBy, formatTime(tx.now), formatTime(tx.now))
	if err := tx.queryRow(ctx, q).Scan(&l.ID); err != nil {
		return fmt.Errorf("sqldb: create loan: %w", err)
	}
	for _, no := range l.AppNos {
		if _, err := tx.exec(ctx, tx.q().add("INSERT INTO loan_patents (loan_id, app_no) VALUES (?, ?)", l.ID, no)); err != nil {
			return fmt.Errorf("sqldb: loan patent: %w", err)
		}
	}
	l.CreatedAt, l.UpdatedAt = tx.now, tx.now
	return nil
}
