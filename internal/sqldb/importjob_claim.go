package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

// claimCandidates is how many claimable jobs one claim looks at, so that a
// process passes over the jobs whose upload it cannot read.
const claimCandidates = 10

// ClaimImportJob gives owner the oldest import job it may run: a queued one,
// or an interrupted one claimed at most retries times so far (an automatic
// retry after its process died), whose stored upload usable (nil: any) says
// this process can read. The job becomes running under owner's lease, with
// its progress, summary and error reset, and its attempts counted; a
// takeover of an interrupted job is audited ("import.takeover"). On
// PostgreSQL the candidates are locked with SKIP LOCKED, so that processes
// claiming at once get different jobs. Returns ENOTFOUND when there is none.
func (db *DB) ClaimImportJob(ctx context.Context, owner string, retries int, usable func(*patentbridge.ImportJob) bool) (*patentbridge.ImportJob, error) {
	const claimable = " FROM import_jobs WHERE upload <> '' AND (status = ? OR (status = ? AND attempts <= ?))"
	none := patentbridge.Errorf(patentbridge.ENOTFOUND, "没有待运行的导入任务")
	if ok, err := db.anyRow(ctx, db.dialect.newQuery().add("SELECT 1"+claimable+" LIMIT 1",
		patentbridge.JobQueued, patentbridge.JobInterrupted, retries)); err != nil {
		return nil, fmt.Errorf("sqldb: claim import job: %w", err)
	} else if !ok {
		return nil, none
	}
	var claimed *patentbridge.ImportJob
	err := db.WithTx(ctx, func(tx *Tx) error {
		q := tx.q().add("SELECT "+importJobColumns+claimable, patentbridge.JobQueued, patentbridge.JobInterrupted, retries)
		q.add(" ORDER BY id LIMIT ?"+tx.db.dialect.skipLocked, claimCandidates)
		rs, err := tx.query(ctx, q)
		if err != nil {
			return fmt.Errorf("sqldb: claim import job: %w", err)
		}
		var cands []*patentbridge.ImportJob
		for rs.Next() {
			j, err := scanImportJob(rs)
			if err != nil {
				rs.Close()
				return fmt.Errorf("sqldb: claim import job: %w", err)
			}
			cands = append(cands, j)
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return fmt.Errorf("sqldb: claim import job: %w", err)
		}
		for _, j := range cands {
			if usable == nil || usable(j) {
				claimed = j
				break
			}
		}
		if claimed == nil {
			return none
		}
		was, previous := claimed.Status, claimed.Owner
		claimed.Status, claimed.Owner, claimed.LeaseUntil = patentbridge.JobRunning, owner, db.leaseUntil(tx.now)
		claimed.Attempts++
		claimed.Progress, claimed.Summary, claimed.Error = 0, patentbridge.ImportSummary{}, ""
		q = tx.q().add(`UPDATE import_jobs SET status = ?, owner = ?, lease_until = ?, attempts = attempts + 1,
			progress = 0, summary = '{}', error = '' WHERE id = ?`,
			claimed.Status, owner, formatTime(claimed.LeaseUntil), claimed.ID)
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: claim import job %d: %w", claimed.ID, err)
		}
		if was != patentbridge.JobInterrupted {
			return nil
		}
		return tx.auditAs(ctx, nil, "import.takeover", jobObject(claimed.ID),
			map[string]any{"status": was, "owner": previous},
			map[string]any{"status": claimed.Status, "owner": owner, "attempts": claimed.Attempts})
	})
	if err != nil {
		return nil, err
	}
	return claimed, nil
}

// RenewImportJob extends owner's lease on its running job. Returns ECONFLICT
// when owner no longer holds it.
func (db *DB) RenewImportJob(ctx context.Context, id int64, owner string) error {
	return db.renewLease(ctx, importJobs, id, owner)
}

// InterruptAbandonedImports marks interrupted the running import jobs whose
// lease ran out or whose owner dead (may be nil) knows to be gone, each with
// its "import.interrupt" audit row. Returns their ids.
func (db *DB) InterruptAbandonedImports(ctx context.Context, dead func(owner string) bool) ([]int64, error) {
	return db.interruptAbandoned(ctx, importJobs, dead)
}

// ReleaseImportJobs marks interrupted the running import jobs owner holds, for
// a shutdown that stopped them (their claim does not count as an attempt).
// Returns their ids.
func (db *DB) ReleaseImportJobs(ctx context.Context, owner string) ([]int64, error) {
	return db.releaseLeases(ctx, importJobs, owner)
}

// ResumeImportJob queues an interrupted job again, to be claimed and re-run
// from its stored upload; the resume is the signed-in user's audited act
// ("import.resume"). Returns ENOTFOUND, ECONFLICT when the job is not
// interrupted or its upload is gone.
func (db *DB) ResumeImportJob(ctx context.Context, id int64) (*patentbridge.ImportJob, error) {
	return db.moveImportJob(ctx, id, "import.resume", func(j *patentbridge.ImportJob) error {
		if j.Status != patentbridge.JobInterrupted {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "导入任务 %d 状态为“%s”，只有中断的任务可以继续", id, patentbridge.JobStatusLabel(j.Status))
		}
		if j.Upload == "" {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "导入任务 %d 的上传文件已不在，无法继续；请重新上传该文件（按申请号更新，不会重复）", id)
		}
		j.Status, j.Error = patentbridge.JobQueued, ""
		return nil
	})
}

// DiscardImportJob gives up an interrupted or queued job: it is marked
// discarded with its finish time, and returned with the upload the caller
// must remove; rows it already wrote stay. The discard is the signed-in
// user's audited act ("import.discard"). Returns ENOTFOUND, ECONFLICT when the
// job is running or has ended.
func (db *DB) DiscardImportJob(ctx context.Context, id int64) (*patentbridge.ImportJob, error) {
	var upload string
	j, err := db.moveImportJob(ctx, id, "import.discard", func(j *patentbridge.ImportJob) error {
		if j.Status != patentbridge.JobInterrupted && j.Status != patentbridge.JobQueued {
			return patentbridge.Errorf(patentbridge.ECONFLICT, "导入任务 %d 状态为“%s”，只有中断或排队中的任务可以放弃", id, patentbridge.JobStatusLabel(j.Status))
		}
		upload = j.Upload
		j.Status, j.Upload, j.Error = patentbridge.JobDiscarded, "", "已放弃：已写入的数据保留，上传文件已删除"
		return nil
	})
	if err != nil {
		return nil, err
	}
	j.Upload = upload
	return j, nil
}

// moveImportJob changes a job's state as change decides, in one transaction
// with its audit row; the job's row is locked for the change.
func (db *DB) moveImportJob(ctx context.Context, id int64, action string, change func(*patentbridge.ImportJob) error) (*patentbridge.ImportJob, error) {
	var j *patentbridge.ImportJob
	err := db.WithTx(ctx, func(tx *Tx) error {
		var err error
		q := tx.q().add("SELECT "+importJobColumns+" FROM import_jobs WHERE id = ?"+tx.db.dialect.forUpdate, id)
		if j, err = scanImportJob(tx.queryRow(ctx, q)); isNoRows(err) {
			return jobNotFound(id)
		} else if err != nil {
			return fmt.Errorf("sqldb: import job %d: %w", id, err)
		}
		was := j.Status
		if err := change(j); err != nil {
			return err
		}
		if jobEnded(j.Status) {
			j.FinishedAt = tx.now
		}
		q = tx.q().add("UPDATE import_jobs SET status = ?, error = ?, upload = ?, finished_at = ? WHERE id = ?",
			j.Status, j.Error, j.Upload, formatTime(j.FinishedAt), id)
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: import job %d: %w", id, err)
		}
		return tx.audit(ctx, action, jobObject(id), map[string]any{"status": was}, map[string]any{"status": j.Status})
	})
	return j, err
}

// ImportUploadsInUse returns the stored uploads of the jobs that have not
// ended, so that a sweep of the jobs directory keeps them.
func (db *DB) ImportUploadsInUse(ctx context.Context) (map[string]bool, error) {
	q := db.dialect.newQuery().add("SELECT upload FROM import_jobs WHERE upload <> ''")
	rs, err := db.read.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: uploads in use: %w", err)
	}
	defer rs.Close()
	out := map[string]bool{}
	for rs.Next() {
		var u string
		if err := rs.Scan(&u); err != nil {
			return nil, fmt.Errorf("sqldb: uploads in use: %w", err)
		}
		out[u] = true
	}
	return out, rs.Err()
}
