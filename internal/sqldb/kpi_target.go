package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"math"

	"patentbridge"
)

// kpiTargets returns the admin's targets for the year, by indicator and city.
func (db *DB) kpiTargets(ctx context.Context, tx *sql.Tx, year int) (map[[2]string]float64, error) {
	q := db.dialect.newQuery().add("SELECT indicator, city, target FROM kpi_targets WHERE year = ?", year)
	out := map[[2]string]float64{}
	err := eachRow(ctx, tx, q, func(s scanner) error {
		var id, city string
		var t float64
		err := s.Scan(&id, &city, &t)
		out[[2]string{id, city}] = t
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqldb: kpi targets of %d: %w", year, err)
	}
	return out, nil
}

// SetKPITarget sets an indicator's target for a year, for the province (city
// "") or a 市(州), or with remove goes back to the plan's; admin only, audited
// as "kpi.target". Returns EINVALID, ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) SetKPITarget(ctx context.Context, t patentbridge.KPITarget, remove bool) error {
	u := patentbridge.UserFrom(ctx)
	if err := patentbridge.AdminOnly(u, "设置绩效指标的目标值"); err != nil {
		return err
	}
	if _, ok := patentbridge.FindKPI(t.ID); !ok {
		return patentbridge.Errorf(patentbridge.ENOTFOUND, "未知的指标 %q", patentbridge.ClipValue(t.ID))
	}
	if err := checkKPIYear(t.Year); err != nil {
		return err
	}
	city, err := kpiCity(t.City)
	if err == nil && city == patentbridge.KPIUnassigned {
		err = patentbridge.FieldErrorf("city", "未能归属市（州）的记录没有目标")
	}
	if err != nil {
		return err
	}
	t.City = city
	if !remove && (math.IsNaN(t.Target) || t.Target < 0 || t.Target > 1e12) {
		return patentbridge.FieldErrorf("target", "目标值应为不小于 0 的数")
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, tx.q().add("DELETE FROM kpi_targets WHERE indicator = ? AND year = ? AND city = ?", t.ID, t.Year, t.City)); err != nil {
			return fmt.Errorf("sqldb: set kpi target: %w", err)
		}
		var after any
		if !remove {
			q := tx.q().add("INSERT INTO kpi_targets (indicator, year, city, target, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
				t.ID, t.Year, t.City, t.Target, u.ID, formatTime(tx.now))
			if _, err := tx.exec(ctx, q); err != nil {
				return fmt.Errorf("sqldb: set kpi target: %w", err)
			}
			after = t
		}
		return tx.audit(ctx, "kpi.target", fmt.Sprintf("kpi:%s:%d:%s", t.ID, t.Year, t.City), nil, after)
	})
}
