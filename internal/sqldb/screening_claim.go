package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

// QueueScreeningRun stores a queued run as of r.AsOf, for a process's runner
// to claim, and sets its ID and Status; the request and its "screening.start"
// audit row are one transaction. Returns ECONFLICT while another run is queued
// or running (one screening at a time).
func (db *DB) QueueScreeningRun(ctx context.Context, r *patentbridge.ScreeningRun) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		if err := tx.noActiveRun(ctx, 0); err != nil {
			return err
		}
		r.Status, r.StartedAt = patentbridge.JobQueued, tx.now
		q := tx.q().add(`INSERT INTO screening_runs (as_of, rule_version, weights_version, started_at, status)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, patentbridge.FormatDate(r.AsOf), r.RuleVersion, r.WeightsVersion,
			formatTime(tx.now), r.Status)
		if err := tx.queryRow(ctx, q).Scan(&r.ID); err != nil {
			return fmt.Errorf("sqldb: queue screening run: %w", err)
		}
		return tx.audit(ctx, "screening.start", runObject(r.ID), nil, map[string]any{"as_of": patentbridge.FormatDate(r.AsOf),
			"status": r.Status})
	})
}

// noActiveRun refuses while a run other than except is queued, or running
// under a lease that has not run out.
func (tx *Tx) noActiveRun(ctx context.Context, except int64) error {
	q := tx.q().add("SELECT id FROM screening_runs WHERE id <> ? AND (status = ? OR (status = ? AND lease_until >= ?)) LIMIT 1",
		except, patentbridge.JobQueued, patentbridge.JobRunning, formatTime(tx.now))
	var id int64
	if err := tx.queryRow(ctx, q).Scan(&id); isNoRows(err) {
		return nil
	} else if err != nil {
		return fmt.Errorf("sqldb: active screening run: %w", err)
	}
	return patentbridge.Errorf(patentbridge.ECONFLICT, "已有一次筛查（批次 %d）正在进行或排队，请等它完成后再开始新的筛查。", id)
}

// ClaimScreeningRun gives c.Owner a run to execute: run c.ID when it is
// queued, interrupted or failed (an explicit re-run), or else the oldest
// queued run or interrupted run claimed at most c.Retries times (an automatic
// retry after its process died). Nothing is claimed while another run is
// running under a live lease: one screening at a time across processes (on
// PostgreSQL the claims take an advisory lock, and SKIP LOCKED passes over a
// run another claim holds). The run's partial results are deleted, and it
// becomes running under c.Owner's lease with the claim's versions, a new
// start time and its attempts counted; a takeover or re-run of an unfinished
// run is audited ("screening.takeover"). Returns ENOTFOUND when there is
// nothing to claim, ECONFLICT for an explicit run that cannot be run now.
func (db *DB) ClaimScreeningRun(ctx context.Context, c patentbridge.RunClaim) (*patentbridge.ScreeningRun, error) {
	if c.ID == 0 {
		q := db.dialect.newQuery().add("SELECT 1 FROM screening_runs WHERE status = ? OR (status = ? AND attempts <= ?) LIMIT 1",
			patentbridge.JobQueued, patentbridge.JobInterrupted, c.Retries)
		if ok, err := db.anyRow(ctx, q); err != nil {
			return nil, fmt.Errorf("sqldb: claim screening run: %w", err)
		} else if !ok {
			return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "没有待运行的筛查")
		}
	}
	var claimed *storedRun
	err := db.WithTx(ctx, func(tx *Tx) error {
		if l := tx.db.dialect.lockRunClaims; l != "" {
			if _, err := tx.tx.ExecContext(ctx, l); err != nil {
				return fmt.Errorf("sqldb: lock screening claims: %w", err)
			}
		}
		if err := tx.noLiveRun(ctx, c.ID); err != nil {
			return err
		}
		q := tx.q().add("SELECT " + runColumns + " FROM screening_runs WHERE ")
		if c.ID != 0 {
			q.add("id = ? AND status IN (?, ?, ?)", c.ID, patentbridge.JobQueued, patentbridge.JobInterrupted, patentbridge.JobFailed)
		} else {
			q.add("status = ? OR (status = ? AND attempts <= ?)", patentbridge.JobQueued, patentbridge.JobInterrupted, c.Retries)
		}
		q.add(" ORDER BY id LIMIT 1" + tx.db.dialect.skipLocked)
		r, err := scanRun(tx.queryRow(ctx, q))
		switch {
		case isNoRows(err) && c.ID != 0:
			return tx.cannotRerun(ctx, c.ID)
		case isNoRows(err):
			return patentbridge.Errorf(patentbridge.ENOTFOUND, "没有待运行的筛查")
		case err != nil:
			return fmt.Errorf("sqldb: claim screening run: %w", err)
		}
		for _, table := range []string{"screening_scores", "screening_results"} {
			if _, err := tx.exec(ctx, tx.q().add("DELETE FROM "+table+" WHERE run_id = ?", r.ID)); err != nil {
				return fmt.Errorf("sqldb: drop partial results of run %d: %w", r.ID, err)
			}
		}
		was, previous := r.Status, r.Owner
		r.Status, r.Owner, r.LeaseUntil, r.StartedAt = patentbridge.JobRunning, c.Owner, db.leaseUntil(tx.now), tx.now
		r.RuleVersion, r.WeightsVersion, r.Error = c.RuleVersion, c.WeightsVersion, ""
		r.Attempts++
		q = tx.q().add(`UPDATE screening_runs SET status = ?, owner = ?, lease_until = ?, attempts = attempts + 1, started_at = ?,
			rule_version = ?, weights_version = ?, indicators = '', screened = 0, sleeping = 0, excluded = '{}', grades = '{}',
			error = '' WHERE id = ?`, r.Status, r.Owner, formatTime(r.LeaseUntil), formatTime(r.StartedAt),
			r.RuleVersion, r.WeightsVersion, r.ID)
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: claim screening run %d: %w", r.ID, err)
		}
		claimed = r
		if was == patentbridge.JobQueued && c.ID == 0 {
			return nil
		}
		return tx.audit(ctx, "screening.takeover", runObject(r.ID), map[string]any{"status": was, "owner": previous},
			map[string]any{"status": r.Status, "owner": r.Owner, "attempts": r.Attempts})
	})
	if err != nil {
		return nil, err
	}
	return claimed.ScreeningRun, nil
}

// noLiveRun is ENOTFOUND (nothing to claim now) for an automatic claim, and
// ECONFLICT for an explicit one, while a run other than except runs under a
// lease that has not run out.
func (tx *Tx) noLiveRun(ctx context.Context, except int64) error {
	q := tx.q().add("SELECT id FROM screening_runs WHERE id <> ? AND status = ? AND lease_until >= ? LIMIT 1",
		except, patentbridge.JobRunning, formatTime(tx.now))
	var id int64
	if err := tx.queryRow(ctx, q).Scan(&id); isNoRows(err) {
		return nil
	} else if err != nil {
		return fmt.Errorf("sqldb: running screening: %w", err)
	}
	if except == 0 {
		return patentbridge.Errorf(patentbridge.ENOTFOUND, "筛查批次 %d 正在运行", id)
	}
	return patentbridge.Errorf(patentbridge.ECONFLICT, "筛查批次 %d 正在运行，请等它完成后再重新运行", id)
}

// cannotRerun explains why run id cannot be claimed: it does not exist, or
// its state does not allow a re-run.
func (tx *Tx) cannotRerun(ctx context.Context, id int64) error {
	var status string
	q := tx.q().add("SELECT status FROM screening_runs WHERE id = ?", id)
	if err := tx.queryRow(ctx, q).Scan(&status); isNoRows(err) {
		return runNotFound(id)
	} else if err != nil {
		return fmt.Errorf("sqldb: screening run %d: %w", id, err)
	}
	if status == patentbridge.JobDone {
		return patentbridge.Errorf(patentbridge.ECONFLICT, "筛查批次 %d 已完成，不能重新运行；如需新的结果请开始一次新的筛查", id)
	}
	return patentbridge.Errorf(patentbridge.ECONFLICT, "筛查批次 %d 状态为“%s”，只有中断或失败的批次可以重新运行", id,
		patentbridge.JobStatusLabel(status))
}

// RenewScreeningRun extends owner's lease on its running run. Returns
// ECONFLICT when owner no longer holds it.
func (db *DB) RenewScreeningRun(ctx context.Context, id int64, owner string) error {
	return db.renewLease(ctx, screeningRuns, id, owner)
}

// InterruptAbandonedRuns marks interrupted the running screening runs whose
// lease ran out or whose owner dead (may be nil) knows to be gone, each with
// its "screening.interrupt" audit row. Returns their ids.
func (db *DB) InterruptAbandonedRuns(ctx context.Context, dead func(owner string) bool) ([]int64, error) {
	return db.interruptAbandoned(ctx, screeningRuns, dead)
}

// ReleaseScreeningRuns marks interrupted the running runs owner holds, for a
// shutdown that stopped them (their claim does not count as an attempt).
// Returns their ids.
func (db *DB) ReleaseScreeningRuns(ctx context.Context, owner string) ([]int64, error) {
	return db.releaseLeases(ctx, screeningRuns, owner)
}
