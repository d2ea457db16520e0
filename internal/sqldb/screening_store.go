package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"patentbridge"
)

// Columns of the two per-patent tables of a run, in the order of their rows.
var (
	resultColumns = []string{"run_id", "patent_id", "sleeping", "excluded_by", "excluded_decl", "tags", "criteria", "classes", "flags"}
	scoreColumns  = []string{"run_id", "patent_id", "grade", "score", "vectors"}
)

// CreateScreeningRun stores a new, unfinished run that r.Owner runs at once
// (the command line's screen) under a lease it must renew
// (RenewScreeningRun), and sets its ID, Status and StartedAt; the run and its
// "screening.start" audit row (as of, rule and weights versions, by the ctx
// user or the platform) are one transaction.
func (db *DB) CreateScreeningRun(ctx context.Context, r *patentbridge.ScreeningRun) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		r.Status, r.LeaseUntil, r.Attempts = patentbridge.JobRunning, db.leaseUntil(tx.now), 1
		q := tx.q().add(`INSERT INTO screening_runs (as_of, rule_version, weights_version, started_at, status, owner, lease_until, attempts)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, patentbridge.FormatDate(r.AsOf), r.RuleVersion, r.WeightsVersion,
			formatTime(tx.now), r.Status, r.Owner, formatTime(r.LeaseUntil), r.Attempts)
		if err := tx.queryRow(ctx, q).Scan(&r.ID); err != nil {
			return fmt.Errorf("sqldb: create screening run: %w", err)
		}
		r.StartedAt = tx.now
		return tx.audit(ctx, "screening.start", runObject(r.ID), nil, map[string]any{"as_of": patentbridge.FormatDate(r.AsOf),
			"rule_version": r.RuleVersion, "weights_version": r.WeightsVersion})
	})
}

// runObject names a screening run in the audit log.
func runObject(id int64) string { return fmt.Sprint("screening_run:", id) }

// SaveScreeningResults appends a batch of a run's results (in scan order) in one
// transaction; the first batch also records the run's indicator definitions and
// weights, which FindScreeningResult combines with each patent's vectors.
func (db *DB) SaveScreeningResults(ctx context.Context, runID int64, rs []*patentbridge.ScreeningResult) error {
	if len(rs) == 0 {
		return nil
	}
	nos := make([]string, len(rs))
	for i, r := range rs {
		nos[i] = r.AppNo
	}
	ids, err := db.patentIDsOf(ctx, fmt.Sprint("results/", runID), nos)
	if err != nil {
		return err
	}
	rows := make([][]any, len(rs))
	var buf []byte
	for i, r := range rs {
		decl := excludedDecl(r)
		buf = buf[:0]
		if r.Sleeping || decl != "" {
			buf = appendTags(buf, r)
		}
		nTags := len(buf)
		buf = appendJSONCriteria(buf, r.Criteria)
		nCrit := len(buf)
		buf = appendJSONClasses(buf, &r.Classes)
		nCls := len(buf)
		buf = appendJSONStrings(buf, r.Flags)
		all := string(buf)
		sleeping := int64(0)
		if r.Sleeping {
			sleeping = 1
		}
		rows[i] = []any{runID, ids[i], sleeping, string(r.ExcludedBy), decl,
			all[:nTags], all[nTags:nCrit], all[nCrit:nCls], all[nCls:]}
	}
	defs := make([]patentbridge.Indicator, len(rs[0].Indicators))
	for i, x := range rs[0].Indicators {
		defs[i] = patentbridge.Indicator{Name: x.Name, Group: x.Group, Label: x.Label, Weight: x.Weight}
	}
	defsJSON, err := json.Marshal(defs)
	if err != nil {
		return err
	}
	return db.appendRunRows(ctx, "screening_results", resultColumns, rows, func(tx *sql.Tx) error {
		q := db.dialect.newQuery().add("UPDATE screening_runs SET indicators = ? WHERE id = ? AND indicators = ''", string(defsJSON), runID)
		_, err := tx.ExecContext(ctx, q.String(), q.args...)
		return err
	})
}

// SaveScreeningScores appends a batch of scores, grades and vectors (the final
// raw vector, with market heat, replaces the first pass's) in one transaction.
func (db *DB) SaveScreeningScores(ctx context.Context, runID int64, ss []patentbridge.Score) error {
	if len(ss) == 0 {
		return nil
	}
	nos := make([]string, len(ss))
	for i, s := range ss {
		nos[i] = s.AppNo
	}
	ids, err := db.patentIDsOf(ctx, fmt.Sprint("scores/", runID), nos)
	if err != nil {
		return err
	}
	rows := make([][]any, len(ss))
	for i, s := range ss {
		rows[i] = []any{runID, ids[i], s.Grade, s.Score, encodeVectors(s.Normalized, s.Raw)}
	}
	return db.appendRunRows(ctx, "screening_scores", scoreColumns, rows, nil)
}

// appendRunRows inserts rows with multi-row statements (prepared once per
// database) and runs also, when set, in the same transaction.
func (db *DB) appendRunRows(ctx context.Context, table string, cols []string, rows [][]any, also func(*sql.Tx) error) error {
	m := newMultiInsert(db, nil, table, cols)
	for _, n := range m.sizes() {
		if err := db.prepareShared(ctx, m.text(n)); err != nil {
			return fmt.Errorf("sqldb: prepare %s insert: %w", table, err)
		}
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqldb: write %s: %w", table, err)
	}
	defer tx.Rollback()
	m.tx = tx
	err = m.exec(ctx, rows)
	m.close()
	if err == nil && also != nil {
		err = also(tx)
	}
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		return fmt.Errorf("sqldb: write %s: %w", table, err)
	}
	db.ckpt.notify()
	return nil
}

// FinishScreeningRun stores the run's counts and FinishedAt (now when zero)
// and makes it done, which is when it starts being served; the finish applies
// only while r.Owner holds the running run. The finish and its
// "screening.run" audit row (as of, counts by outcome and grade) are one
// transaction. Returns ENOTFOUND, ECONFLICT when r.Owner lost the run.
func (db *DB) FinishScreeningRun(ctx context.Context, r *patentbridge.ScreeningRun) error {
	defer db.scanIDs.drop()
	excluded, err := json.Marshal(r.Excluded)
	if err != nil {
		return err
	}
	grades, err := json.Marshal(r.Grades)
	if err != nil {
		return err
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		if r.FinishedAt.IsZero() {
			r.FinishedAt = tx.now
		}
		q := tx.q().add(`UPDATE screening_runs SET screened = ?, sleeping = ?, excluded = ?, grades = ?,
			finished_at = ?, status = ?, error = '' WHERE id = ? AND owner = ? AND status = ?`, r.Screened, r.Sleeping,
			string(excluded), string(grades), formatTime(r.FinishedAt), patentbridge.JobDone, r.ID, r.Owner, patentbridge.JobRunning)
		n, err := affected(tx.exec(ctx, q))
		if err != nil {
			return fmt.Errorf("sqldb: finish screening run %d: %w", r.ID, err)
		}
		if n == 0 {
			if _, err := tx.lockRun(ctx, r.ID); err != nil {
				return err
			}
			return lostLease(screeningRuns, r.ID)
		}
		r.Status = patentbridge.JobDone
		return tx.audit(ctx, "screening.run", runObject(r.ID), nil, map[string]any{"as_of": patentbridge.FormatDate(r.AsOf),
			"screened": r.Screened, "sleeping": r.Sleeping, "excluded": r.Excluded, "grades": r.Grades})
	})
}

func runNotFound(id int64) error {
	return patentbridge.Errorf(patentbridge.ENOTFOUND, "筛查批次 %d 不存在", id)
}
