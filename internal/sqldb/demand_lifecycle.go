package sqldb

import (
	"context"
	"fmt"
	"time"

	"patentbridge"
)

// UpdateDemand replaces the editable fields of a draft or returned demand
// (d.ID) with d's, as its poster (patentbridge.CanManageDemand; a demand the
// user may not see is not found); submit sends it
// to review as pending (validated as of now), else it keeps its state
// (validated as a draft). The poster and organization stay; the earlier
// return note is kept until the next review. Audited in the same transaction
// (demand.update, demand.submit, or demand.resubmit for a returned demand).
// Returns EINVALID, ENOTFOUND, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) UpdateDemand(ctx context.Context, d *patentbridge.Demand, submit bool) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		act := patentbridge.DemandActEdit
		if submit {
			act = patentbridge.DemandActSubmit
		}
		old, err := db.demandForAct(ctx, tx, u, d.ID, patentbridge.CanManageDemand, act)
		if err != nil {
			return err
		}
		status, action := old.Status, "demand.update"
		switch {
		case submit && old.Status == patentbridge.DemandRejected:
			status, action = patentbridge.DemandPending, "demand.resubmit"
		case submit:
			status, action = patentbridge.DemandPending, "demand.submit"
		}
		d.Enterprise, d.OrgID, d.CreatedBy, d.CreatedAt = old.Enterprise, old.OrgID, old.CreatedBy, old.CreatedAt
		if err := db.checkDemand(d, status, tx.now); err != nil {
			return err
		}
		q := tx.q().add(`UPDATE demands SET title = ?, description = ?, industry = ?, region_code = ?, city_code = ?,
			budget_min = ?, budget_max = ?, deadline = ?, contact = ?, status = ? WHERE id = ? AND status = ?`,
			d.Title, d.Description, d.Industry, d.RegionCode, d.CityCode(), d.BudgetMin, d.BudgetMax,
			patentbridge.FormatDate(d.Deadline), d.Contact, status, d.ID, old.Status)
		if err := tx.changeDemand(ctx, q, d.ID); err != nil {
			return err
		}
		d.Status, d.RejectNote, d.PublishedAt, d.CloseNote, d.ClosedAt = status, old.RejectNote, old.PublishedAt, "", time.Time{}
		return tx.audit(ctx, action, demandObject(d.ID), auditDemand(old), auditDemand(d))
	})
}

// CloseDemand closes a demand that is not closed yet, as its poster
// (patentbridge.CanManageDemand; a demand the user may not see is not found),
// with an optional outcome note: it leaves the
// public lists and matching and stays visible to its poster. Audited in the
// same transaction. Returns EINVALID, ENOTFOUND, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) CloseDemand(ctx context.Context, id int64, note string) error {
	u, err := actor(ctx)
	if err != nil {
		return err
	}
	if note, err = patentbridge.CheckCloseNote(note); err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		d, err := db.demandForAct(ctx, tx, u, id, patentbridge.CanManageDemand, patentbridge.DemandActClose)
		if err != nil {
			return err
		}
		before := auditDemand(d)
		q := tx.q().add("UPDATE demands SET status = ?, close_note = ?, closed_at = ? WHERE id = ? AND status = ?",
			patentbridge.DemandClosed, note, formatTime(tx.now), id, d.Status)
		if err := tx.changeDemand(ctx, q, id); err != nil {
			return err
		}
		d.Status, d.CloseNote, d.ClosedAt = patentbridge.DemandClosed, note, tx.now
		return tx.audit(ctx, "demand.close", demandObject(id), before, auditDemand(d))
	})
}

// changeDemand runs an UPDATE of one demand guarded by its expected state; no
// row changed means another act changed the state in between. Returns ECONFLICT.
func (tx *Tx) changeDemand(ctx context.Context, q *query, id int64) error {
	if n, err := affected(tx.exec(ctx, q)); err != nil {
		return fmt.Errorf("sqldb: change demand %d: %w", id, err)
	} else if n != 1 {
		return patentbridge.Errorf(patentbridge.ECONFLICT, "需求 %d 刚被另一操作修改，请刷新后重试", id)
	}
	return nil
}

// CountMyDemands returns how many demands the signed-in user's organization
// (patentbridge.IsDemandPoster) has in each state. Returns EUNAUTHORIZED.
func (db *DB) CountMyDemands(ctx context.Context) (map[string]int, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	q := db.dialect.newQuery().add("SELECT status, COUNT(*) FROM demands WHERE 1 = 1")
	posterCondition(q, u)
	q.add(" GROUP BY status")
	rs, err := db.read.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: count my demands: %w", err)
	}
	defer rs.Close()
	out := map[string]int{}
	for rs.Next() {
		var st string
		var n int
		if err := rs.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("sqldb: count my demands: %w", err)
		}
		out[st] = n
	}
	return out, rs.Err()
}

// demandForAct reads demand id inside tx for an act of u: a demand u cannot see
// is not found, then the permission may and the lifecycle's state rule decide.
// Returns ENOTFOUND, EFORBIDDEN, ECONFLICT.
func (db *DB) demandForAct(ctx context.Context, tx *Tx, u *patentbridge.User, id int64,
	may func(*patentbridge.User, *patentbridge.Demand) error, act patentbridge.DemandAct) (*patentbridge.Demand, error) {
	d, err := db.findDemand(ctx, tx.tx, id)
	if err != nil {
		return nil, err
	}
	if err := patentbridge.CheckSeeDemand(u, d); err != nil {
		return nil, err
	}
	if err := may(u, d); err != nil {
		return nil, err
	}
	if err := patentbridge.CheckDemandAct(d, act); err != nil {
		return nil, err
	}
	return d, nil
}
