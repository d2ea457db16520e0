package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"patentbridge"
)

const importJobColumns = "id, file_name, status, summary, progress, error, created_by, created_at, finished_at, upload, owner, lease_until, attempts"

var jobStatuses = []string{patentbridge.JobQueued, patentbridge.JobRunning, patentbridge.JobInterrupted,
	patentbridge.JobDone, patentbridge.JobFailed, patentbridge.JobDiscarded}

// jobEnded reports whether a job has reached a final state.
func jobEnded(status string) bool {
	return status == patentbridge.JobDone || status == patentbridge.JobFailed || status == patentbridge.JobDiscarded
}

// CreateImportJob stores a new job (queued unless a status is set) with the
// path of its stored upload (Upload, inside the jobs directory) and sets its ID
// and CreatedAt; a queued job is then claimed by a process's runner. The
// signed-in user of ctx, when there is one, is recorded as the job's starter.
// The job and its "import.start" audit row are one transaction. Returns
// EINVALID for a missing file name or unknown status.
func (db *DB) CreateImportJob(ctx context.Context, j *patentbridge.ImportJob) error {
	if j.FileName == "" {
		return patentbridge.FieldErrorf("file_name", "导入任务缺少文件名")
	}
	if j.Status == "" {
		j.Status = patentbridge.JobQueued
	}
	if !slices.Contains(jobStatuses, j.Status) {
		return patentbridge.FieldErrorf("status", "导入任务状态 %q 无效", j.Status)
	}
	if u := patentbridge.UserFrom(ctx); u != nil {
		j.CreatedBy = u.ID
	}
	summary, err := json.Marshal(j.Summary)
	if err != nil {
		return fmt.Errorf("sqldb: create import job: %w", err)
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		if j.Status == patentbridge.JobRunning {
			j.LeaseUntil = db.leaseUntil(tx.now) // running from now, under a lease like a claimed job
		}
		q := tx.q().add(`INSERT INTO import_jobs (file_name, status, summary, progress, error, created_by, created_at, finished_at, upload,
			owner, lease_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			j.FileName, j.Status, string(summary), j.Progress, j.Error, j.CreatedBy, formatTime(tx.now), formatTime(j.FinishedAt), j.Upload,
			j.Owner, formatTime(j.LeaseUntil))
		if err := tx.queryRow(ctx, q).Scan(&j.ID); err != nil {
			return fmt.Errorf("sqldb: create import job: %w", err)
		}
		j.CreatedAt = tx.now
		return tx.audit(ctx, "import.start", jobObject(j.ID), nil, map[string]any{"file_name": j.FileName, "status": j.Status})
	})
}

// UpdateImportJob saves the job's status, summary, progress, error and finish
// time; a job that reaches done or failed without a finish time gets now, and
// its upload is forgotten (the runner removes the file). When j.Owner is set
// the save is fenced: it applies only while that process holds the job. The
// finish is audited ("import.finish", with the summary) as the platform's act,
// since the import runs in the background, in the same transaction.
// Returns ENOTFOUND, ECONFLICT when j.Owner lost the job, EINVALID for an
// unknown status.
func (db *DB) UpdateImportJob(ctx context.Context, j *patentbridge.ImportJob) error {
	if !slices.Contains(jobStatuses, j.Status) {
		return patentbridge.FieldErrorf("status", "导入任务状态 %q 无效", j.Status)
	}
	summary, err := json.Marshal(j.Summary)
	if err != nil {
		return fmt.Errorf("sqldb: update import job: %w", err)
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		var was, owner string
		var startedBy int64
		q := tx.q().add("SELECT status, created_by, owner FROM import_jobs WHERE id = ?", j.ID)
		if err := tx.queryRow(ctx, q).Scan(&was, &startedBy, &owner); isNoRows(err) {
			return jobNotFound(j.ID)
		} else if err != nil {
			return fmt.Errorf("sqldb: update import job %d: %w", j.ID, err)
		}
		if j.Owner != "" && (owner != j.Owner || was != patentbridge.JobRunning) {
			return lostLease(importJobs, j.ID)
		}
		finished := jobEnded(j.Status)
		if finished && j.FinishedAt.IsZero() {
			j.FinishedAt = tx.now
		}
		if finished {
			j.Upload = ""
		}
		q = tx.q().add(`UPDATE import_jobs SET status = ?, summary = ?, progress = ?, error = ?, finished_at = ?,
			upload = CASE WHEN ? THEN '' ELSE upload END WHERE id = ?`,
			j.Status, string(summary), j.Progress, j.Error, formatTime(j.FinishedAt), finished, j.ID)
		if _, err := tx.exec(ctx, q); err != nil {
			return fmt.Errorf("sqldb: update import job %d: %w", j.ID, err)
		}
		if !finished || jobEnded(was) {
			return nil
		}
		after := map[string]any{"file_name": j.FileName, "status": j.Status, "summary": j.Summary, "started_by": startedBy}
		if j.Error != "" {
			after["error"] = j.Error
		}
		return tx.auditAs(ctx, nil, "import.finish", jobObject(j.ID), map[string]any{"status": was}, after)
	})
}

// jobObject names an import job in the audit log.
func jobObject(id int64) string { return "import_job:" + strconv.FormatInt(id, 10) }

func jobNotFound(id int64) error {
	return patentbridge.Errorf(patentbridge.ENOTFOUND, "导入任务 %d 不存在", id)
}

// FindImportJob returns a job. Returns ENOTFOUND.
func (db *DB) FindImportJob(ctx context.Context, id int64) (*patentbridge.ImportJob, error) {
	q := db.dialect.newQuery().add("SELECT "+importJobColumns+" FROM import_jobs WHERE id = ?", id)
	j, err := scanImportJob(db.read.QueryRowContext(ctx, q.String(), q.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, jobNotFound(id)
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: find import job %d: %w", id, err)
	}
	return j, nil
}

// ListImportJobs returns the most recent jobs, newest first (at most limit,
// DefaultListLimit when limit is not positive).
func (db *DB) ListImportJobs(ctx context.Context, limit int) ([]*patentbridge.ImportJob, error) {
	if limit <= 0 {
		limit = DefaultListLimit
	}
	q := db.dialect.newQuery().add("SELECT "+importJobColumns+" FROM import_jobs ORDER BY id DESC LIMIT ?", min(limit, MaxListLimit))
	rs, err := db.read.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: list import jobs: %w", err)
	}
	defer rs.Close()
	var out []*patentbridge.ImportJob
	for rs.Next() {
		j, err := scanImportJob(rs)
		if err != nil {
			return nil, fmt.Errorf("sqldb: list import jobs: %w", err)
		}
		out = append(out, j)
	}
	return out, rs.Err()
}

func scanImportJob(s scanner) (*patentbridge.ImportJob, error) {
	var j patentbridge.ImportJob
	var summary, created, finished, lease string
	if err := s.Scan(&j.ID, &j.FileName, &j.Status, &summary, &j.Progress, &j.Error, &j.CreatedBy, &created, &finished,
		&j.Upload, &j.Owner, &lease, &j.Attempts); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(summary), &j.Summary); err != nil {
		return nil, fmt.Errorf("stored summary of job %d: %w", j.ID, err)
	}
	var err error
	if j.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if j.FinishedAt, err = parseTime(finished); err != nil {
		return nil, err
	}
	if j.LeaseUntil, err = parseTime(lease); err != nil {
		return nil, err
	}
	return &j, nil
}

// SaveImportRejects stores the job's reject report (CSV bytes), replacing any
// earlier one. Returns ENOTFOUND.
func (db *DB) SaveImportRejects(ctx context.Context, id int64, csv []byte) error {
	if csv == nil {
		csv = []byte{}
	}
	q := db.dialect.newQuery().add("UPDATE import_jobs SET rejects = ? WHERE id = ?", csv, id)
	res, err := db.write.ExecContext(ctx, q.String(), q.args...)
	if err != nil {
		return fmt.Errorf("sqldb: save rejects of job %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqldb: save rejects of job %d: %w", id, err)
	} else if n == 0 {
		return jobNotFound(id)
	}
	return nil
}

// ImportRejects returns the job's reject report, empty when none was saved.
// Returns ENOTFOUND for an unknown job.
func (db *DB) ImportRejects(ctx context.Context, id int64) ([]byte, error) {
	q := db.dialect.newQuery().add("SELECT rejects FROM import_jobs WHERE id = ?", id)
	var b []byte
	err := db.read.QueryRowContext(ctx, q.String(), q.args...).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, jobNotFound(id)
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: rejects of job %d: %w", id, err)
	}
	if b == nil {
		b = []byte{}
	}
	return b, nil
}
