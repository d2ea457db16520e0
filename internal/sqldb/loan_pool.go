package sqldb

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"patentbridge"
)

// poolColumns are read with the pool's outstanding loans and compensated losses.
const poolColumns = `p.id, p.name, p.city, p.balance_fen, p.leverage, p.loss_cap_fen, p.insurer_share, p.bank_share, p.gov_share,
	p.remainder_to, p.created_by, p.created_at,
	COALESCE((SELECT SUM(l.amount_fen) FROM loans l WHERE l.risk_pool_id = p.id
		AND l.status IN ('approved', 'registered', 'disbursed', 'defaulted')), 0),
	COALESCE((SELECT SUM(c.loss_fen) FROM loan_compensations c WHERE c.risk_pool_id = p.id), 0),
	COALESCE((SELECT MIN(m.moved_on) FROM risk_pool_movements m WHERE m.risk_pool_id = p.id AND m.kind = 'open'), '')`

func scanPool(s scanner) (*patentbridge.RiskPool, error) {
	var p patentbridge.RiskPool
	var rest, created, opened string
	if err := s.Scan(&p.ID, &p.Name, &p.City, &p.BalanceFen, &p.Leverage, &p.LossCapFen, &p.InsurerShare, &p.BankShare, &p.GovShare,
		&rest, &p.CreatedBy, &created, &p.OutstandingFen, &p.LossesFen, &opened); err != nil {
		return nil, err
	}
	p.RemainderTo = patentbridge.LossParty(rest)
	var err error
	if p.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	p.OpenedOn, err = parseDate(opened)
	return &p, err
}

// riskPoolObject names a risk pool in the audit log.
func riskPoolObject(id int64) string { return "risk_pool:" + strconv.FormatInt(id, 10) }

// CreateRiskPool validates and stores a risk pool with its opening balance
// as its first movement, dated the pool's opening day (OpenedOn, today when
// not given), audited as "risk_pool.create"; a city user creates only its
// city's pools. Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) CreateRiskPool(ctx context.Context, p *patentbridge.RiskPool) error {
	u, err := loanOfficial(ctx, "设立风险补偿资金池")
	if err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	if c := patentbridge.ScopeCity(u); c != "" {
		if p.City == "" {
			p.City = c
		}
		if p.City != c {
			return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：市（州）管理员只能设立本市（州）的风险补偿资金池")
		}
	}
	if err := p.CheckOpenedOn(db.now()); err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, tx.q().add("SELECT COUNT(*) FROM risk_pools WHERE name = ?", p.Name)).Scan(&n); err != nil {
			return fmt.Errorf("sqldb: pool name: %w", err)
		}
		if n > 0 {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "已有名为“%s”的风险补偿资金池", p.Name)
		}
		if u != nil {
			p.CreatedBy = u.ID
		}
		q := tx.q().add(`INSERT INTO risk_pools (name, city, balance_fen, leverage, loss_cap_fen, insurer_share, bank_share, gov_share,
			remainder_to, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			p.Name, p.City, p.BalanceFen, p.Leverage, p.LossCapFen, p.InsurerShare, p.BankShare, p.GovShare,
			string(p.RemainderTo), p.CreatedBy, formatTime(tx.now))
		if err := tx.queryRow(ctx, q).Scan(&p.ID); err != nil {
			return fmt.Errorf("sqldb: create risk pool: %w", err)
		}
		p.CreatedAt = tx.now
		if err := tx.poolMovement(ctx, p.ID, "open", p.BalanceFen, 0, p.OpenedOn, p.CreatedBy); err != nil {
			return err
		}
		return tx.audit(ctx, "risk_pool.create", riskPoolObject(p.ID), nil, p)
	})
}

// DepositRiskPool adds a top-up to a pool's balance on day on (today when
// zero, not before the pool's opening day), recorded as a movement and
// audited as "risk_pool.deposit"; a city user tops up only its city's pools
// (a provincial pool is the admin's).
// Returns EINVALID, ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) DepositRiskPool(ctx context.Context, id, amountFen int64, on time.Time) (*patentbridge.RiskPool, error) {
	u, err := loanOfficial(ctx, "为风险补偿资金池注资")
	if err != nil {
		return nil, err
	}
	today := patentbridge.DateOf(db.now())
	if on.IsZero() {
		on = today
	}
	switch {
	case amountFen <= 0 || amountFen > patentbridge.LoanAmountMaxFen:
		return nil, patentbridge.FieldErrorf("amount_fen", "注资金额应大于 0 且不超过 %s", patentbridge.FormatFen(patentbridge.LoanAmountMaxFen))
	case patentbridge.DateOf(on).After(today):
		return nil, patentbridge.FieldErrorf("date", "日期 %s 晚于今天", patentbridge.FormatDate(on))
	}
	var out *patentbridge.RiskPool
	err = db.WithTx(ctx, func(tx *Tx) error {
		p, err := findPool(ctx, db, tx.tx, id, true)
		if err != nil {
			return err
		}
		if c := patentbridge.ScopeCity(u); c != "" && p.City != c {
			if p.City == "" {
				return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：省级风险补偿资金池由省级管理员注资")
			}
			return patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到风险补偿资金池 %d", id)
		}
		if err := p.CheckDrawDay("注资日期", on); err != nil {
			return err
		}
		if p.BalanceFen+amountFen > patentbridge.LoanAmountMaxFen {
			return patentbridge.FieldErrorf("amount_fen", "注资后余额将超过 %s", patentbridge.FormatFen(patentbridge.LoanAmountMaxFen))
		}
		before := *p
		if _, err := tx.exec(ctx, tx.q().add("UPDATE risk_pools SET balance_fen = balance_fen + ? WHERE id = ?", amountFen, id)); err != nil {
			return fmt.Errorf("sqldb: pool deposit: %w", err)
		}
		var by int64
		if u != nil {
			by = u.ID
		}
		if err := tx.poolMovement(ctx, id, "deposit", amountFen, 0, on, by); err != nil {
			return err
		}
		p.BalanceFen += amountFen
		out = p
		return tx.audit(ctx, "risk_pool.deposit", riskPoolObject(id), &before, p)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// poolMovement records one movement of a pool's account.
func (tx *Tx) poolMovement(ctx context.Context, poolID int64, kind string, amountFen, loanID int64, on time.Time, by int64) error {
	day := patentbridge.FormatDate(patentbridge.DateOf(on))
	q := tx.q().add(`INSERT INTO risk_pool_movements (risk_pool_id, kind, amount_fen, loan_id, moved_on, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, poolID, kind, amountFen, nullID(loanID), day, by, formatTime(tx.now))
	if _, err := tx.exec(ctx, q); err != nil {
		return fmt.Errorf("sqldb: pool movement: %w", err)
	}
	return nil
}

// findPool reads a pool through qr, locking its row in a PostgreSQL
// transaction when lock is set. Returns ENOTFOUND.
func findPool(ctx context.Context, db *DB, qr queryer, id int64, lock bool) (*patentbridge.RiskPool, error) {
	if lock && db.dialect.forUpdate != "" {
		var one int64
		lq := db.dialect.newQuery().add("SELECT id FROM risk_pools WHERE id = ?"+db.dialect.forUpdate, id)
		if err := qr.QueryRowContext(ctx, lq.String(), lq.args...).Scan(&one); err != nil && !isNoRows(err) {
			return nil, fmt.Errorf("sqldb: lock risk pool %d: %w", id, err)
		}
	}
	q := db.dialect.newQuery().add("SELECT "+poolColumns+" FROM risk_pools p WHERE p.id = ?", id)
	p, err := scanPool(qr.QueryRowContext(ctx, q.String(), q.args...))
	if isNoRows(err) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到风险补偿资金池 %d", id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqldb: find risk pool %d: %w", id, err)
	}
	return p, nil
}

// FindRiskPool returns a pool with its outstanding loans and compensated
// losses to the admin and to city users (their city's and provincial pools).
// Returns ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) FindRiskPool(ctx context.Context, id int64) (*patentbridge.RiskPool, error) {
	u, err := loanOfficial(ctx, "查看风险补偿资金池")
	if err != nil {
		return nil, err
	}
	p, err := findPool(ctx, db, db.read, id, false)
	if err != nil {
		return nil, err
	}
	if c := patentbridge.ScopeCity(u); c != "" && p.City != "" && p.City != c {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到风险补偿资金池 %d", id)
	}
	return p, nil
}

// ListRiskPools returns one page of pools by name and the total: a city
// user's are its city's and the provincial ones, a filter naming another
// city refused by scopeListCity. Returns EINVALID, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) ListRiskPools(ctx context.Context, f patentbridge.RiskPoolFilter) ([]*patentbridge.RiskPool, int, error) {
	u, err := loanOfficial(ctx, "查看风险补偿资金池")
	if err != nil {
		return nil, 0, err
	}
	if f.City != "" {
		if err := scopeListCity(u, &f.City); err != nil {
			return nil, 0, err
		}
	}
	limit, err := pageLimit(f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	where := func(q *query) *query {
		q.add(" WHERE 1 = 1")
		if c := patentbridge.ScopeCity(u); c != "" {
			q.add(" AND (p.city = ? OR p.city = '')", c)
		}
		if f.City != "" {
			q.add(" AND p.city = ?", f.City)
		}
		return q
	}
	var total int
	cq := where(db.dialect.newQuery().add("SELECT COUNT(*) FROM risk_pools p"))
	if err := db.read.QueryRowContext(ctx, cq.String(), cq.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqldb: count risk pools: %w", err)
	}
	lq := where(db.dialect.newQuery().add("SELECT "+poolColumns+" FROM risk_pools p")).add(" ORDER BY p.name, p.id LIMIT ? OFFSET ?", limit, f.Offset)
	out := []*patentbridge.RiskPool{}
	err = eachRow(ctx, db.read, lq, func(s scanner) error {
		p, err := scanPool(s)
		if err == nil {
			out = append(out, p)
		}
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb: list risk pools: %w", err)
	}
	return out, total, nil
}
