package sqldb

import (
	"context"
	"database/sql"
	"fmt"

	"patentbridge"
)

// RiskPoolMovements returns the latest movements of a pool's account, latest
// first, to those who may read the pool (FindRiskPool). Returns ENOTFOUND,
// EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) RiskPoolMovements(ctx context.Context, id int64) ([]patentbridge.RiskPoolMovement, error) {
	if _, err := db.FindRiskPool(ctx, id); err != nil {
		return nil, err
	}
	q := db.dialect.newQuery().add(`SELECT id, kind, amount_fen, loan_id, moved_on, created_by FROM risk_pool_movements
		WHERE risk_pool_id = ? ORDER BY id DESC LIMIT ?`, id, patentbridge.RiskPoolMovementsMax)
	out := []patentbridge.RiskPoolMovement{}
	err := eachRow(ctx, db.read, q, func(s scanner) error {
		var m patentbridge.RiskPoolMovement
		var loan sql.NullInt64
		var on string
		if err := s.Scan(&m.ID, &m.Kind, &m.AmountFen, &loan, &on, &m.CreatedBy); err != nil {
			return err
		}
		m.LoanID = loan.Int64
		var err error
		m.On, err = parseDate(on)
		out = append(out, m)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqldb: risk pool %d movements: %w", id, err)
	}
	return out, nil
}
