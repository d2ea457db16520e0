package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

// RequeueScreeningRun queues an interrupted or failed run again, for a
// process's runner to claim (its partial results are dropped then); the
// request is the signed-in user's audited act ("screening.rerun"). Returns
// ENOTFOUND, ECONFLICT for a run that is not interrupted or failed, or while
// another run is queued or running.
func (db *DB) RequeueScreeningRun(ctx context.Context, id int64) (*patentbridge.ScreeningRun, error) {
	var out *patentbridge.ScreeningRun
	err := db.WithTx(ctx, func(tx *Tx) error {
		r, err := tx.lockRun(ctx, id)
		if err != nil {
			return err
		}
		if r.Status != patentbridge.JobInterrupted && r.Status != patentbridge.JobFailed {
			return tx.cannotRerun(ctx, id)
		}
		if err := tx.noActiveRun(ctx, id); err != nil {
			return err
		}
		was := r.Status
		r.Status, r.Error = patentbridge.JobQueued, ""
		q := tx.q().add("UPDATE screening_runs SET status = ?, error = '' WHERE id = ?", r.Status, id)
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: requeue screening run %d: %w", id, err)
		}
		out = r.ScreeningRun
		return tx.audit(ctx, "screening.rerun", runObject(id), map[string]any{"status": was}, map[string]any{"status": r.Status})
	})
	return out, err
}

// DiscardScreeningRun deletes an interrupted, failed or queued run with its
// partial results; the discard is the signed-in user's audited act
// ("screening.discard", with the run's date and state). Returns ENOTFOUND,
// ECONFLICT for a running or finished run.
func (db *DB) DiscardScreeningRun(ctx context.Context, id int64) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		r, err := tx.lockRun(ctx, id)
		if err != nil {
			return err
		}
		switch r.Status {
		case patentbridge.JobInterrupted, patentbridge.JobFailed, patentbridge.JobQueued:
		case patentbridge.JobDone:
			return patentbridge.Errorf(patentbridge.ECONFLICT, "筛查批次 %d 已完成，不能放弃", id)
		default:
			return patentbridge.Errorf(patentbridge.ECONFLICT, "筛查批次 %d 正在运行，不能放弃；如果运行它的进程已停止，租约到期后它会显示为中断", id)
		}
		for _, table := range []string{"screening_scores", "screening_results"} {
			if _, err := tx.exec(ctx, tx.q().add("DELETE FROM "+table+" WHERE run_id = ?", id)); err != nil {
				return fmt.Errorf("sqldb: discard screening run %d: %w", id, err)
			}
		}
		if _, err := tx.exec(ctx, tx.q().add("DELETE FROM screening_runs WHERE id = ?", id)); err != nil {
			return fmt.Errorf("sqldb: discard screening run %d: %w", id, err)
		}
		return tx.audit(ctx, "screening.discard", runObject(id), map[string]any{"status": r.Status,
			"as_of": patentbridge.FormatDate(r.AsOf), "owner": r.Owner, "error": r.Error}, nil)
	})
}

// FailScreeningRun records that owner's run failed, with the Chinese reason;
// a failed run is never served and never retried by itself (an admin may
// re-run or discard it). The failure and its "screening.fail" audit row are
// one transaction. Returns ECONFLICT when owner no longer holds the run.
func (db *DB) FailScreeningRun(ctx context.Context, id int64, owner, reason string) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		q := tx.q().add("UPDATE screening_runs SET status = ?, error = ? WHERE id = ? AND owner = ? AND status = ?",
			patentbridge.JobFailed, reason, id, owner, patentbridge.JobRunning)
		if n, err := affected(tx.exec(ctx, q)); err != nil {
			return fmt.Errorf("sqldb: fail screening run %d: %w", id, err)
		} else if n == 0 {
			return lostLease(screeningRuns, id)
		}
		return tx.auditAs(ctx, nil, "screening.fail", runObject(id), map[string]any{"status": patentbridge.JobRunning},
			map[string]any{"status": patentbridge.JobFailed, "error": reason})
	})
}

// lockRun reads a run in the transaction, locking its row. Returns ENOTFOUND.
func (tx *Tx) lockRun(ctx context.Context, id int64) (*storedRun, error) {
	q := tx.q().add("SELECT "+runColumns+" FROM screening_runs WHERE id = ?"+tx.db.dialect.forUpdate, id)
	r, err := scanRun(tx.queryRow(ctx, q))
	if isNoRows(err) {
		return nil, runNotFound(id)
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: screening run %d: %w", id, err)
	}
	return r, nil
}
