package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

// EndExpiredLicences moves every noticed or effective licence whose last day
// (term_end) is before the store clock's day to ended, in one transaction with
// one audit row "licence.end" per licence, and returns how many it ended. A
// licence ending by the expiry of its term is no new public act (DESIGN §3.9
// lists the grant, not the end), so it appends no ledger entry; the grant's
// entry keeps its term. The platform's own act (a periodic job) or the
// admin's. Returns EFORBIDDEN, EUNAUTHORIZED.
func (db *DB) EndExpiredLicences(ctx context.Context) (int, error) {
	u, err := actor(ctx)
	if err != nil {
		return 0, err
	}
	if u.Role != patentbridge.RoleAdmin {
		return 0, patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只有省级管理员可以终止期限届满的许可")
	}
	n := 0
	err = db.WithTx(ctx, func(tx *Tx) error {
		today := patentbridge.FormatDay(tx.now)
		type expired struct {
			id             int64
			status, termTo string
		}
		var due []expired
		q := tx.q().add(`SELECT id, status, term_end FROM licences WHERE status IN (?, ?) AND term_end <> '' AND term_end < ? ORDER BY id`,
			patentbridge.LicenceNoticed, patentbridge.LicenceEffective, today)
		if err := eachRow(ctx, tx.tx, q, func(s scanner) error {
			var e expired
			if err := s.Scan(&e.id, &e.status, &e.termTo); err != nil {
				return err
			}
			due = append(due, e)
			return nil
		}); err != nil {
			return fmt.Errorf("sqldb: expired licences: %w", err)
		}
		for _, e := range due {
			k, err := affected(tx.exec(ctx, tx.q().add("UPDATE licences SET status = ? WHERE id = ? AND status = ?",
				patentbridge.LicenceEnded, e.id, e.status)))
			if err != nil || k != 1 {
				return fmt.Errorf("sqldb: end licence %d: %d rows, %v", e.id, k, err)
			}
			if err := tx.audit(ctx, "licence.end", licenceObject(e.id), map[string]string{"status": e.status},
				map[string]string{"status": patentbridge.LicenceEnded, "term_end": e.termTo}); err != nil {
				return err
			}
		}
		n = len(due)
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}
