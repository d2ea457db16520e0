package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"patentbridge"
)

const runColumns = "id, as_of, rule_version, weights_version, indicators, screened, sleeping, excluded, grades, started_at, finished_at," +
	" status, owner, lease_until, attempts, error"

// storedRun is a run with the indicator definitions its results refer to.
type storedRun struct {
	*patentbridge.ScreeningRun
	indicators []patentbridge.Indicator // name, group, label and weight; no values
}

func scanRun(s scanner) (*storedRun, error) {
	r := &patentbridge.ScreeningRun{}
	var asOf, defs, excluded, grades, started, finished, lease string
	if err := s.Scan(&r.ID, &asOf, &r.RuleVersion, &r.WeightsVersion, &defs, &r.Screened, &r.Sleeping,
		&excluded, &grades, &started, &finished, &r.Status, &r.Owner, &lease, &r.Attempts, &r.Error); err != nil {
		return nil, err
	}
	sr := &storedRun{ScreeningRun: r}
	var err error
	if r.AsOf, err = parseDate(asOf); err != nil {
		return nil, err
	}
	if r.StartedAt, err = parseTime(started); err != nil {
		return nil, err
	}
	if r.FinishedAt, err = parseTime(finished); err != nil {
		return nil, err
	}
	if r.LeaseUntil, err = parseTime(lease); err != nil {
		return nil, err
	}
	r.Excluded, r.Grades = map[patentbridge.Criterion]int{}, map[string]int{}
	for _, j := range []struct {
		text string
		dst  any
	}{{excluded, &r.Excluded}, {grades, &r.Grades}, {defs, &sr.indicators}} {
		if j.text == "" {
			continue
		}
		if err := json.Unmarshal([]byte(j.text), j.dst); err != nil {
			return nil, fmt.Errorf("sqldb: screening run %d: stored JSON: %w", r.ID, err)
		}
	}
	return sr, nil
}

// LatestRun returns the most recent finished run. Returns ENOTFOUND.
func (db *DB) LatestRun(ctx context.Context) (*patentbridge.ScreeningRun, error) {
	return db.FindRun(ctx, 0)
}

// FindRun returns a finished run by id, or the latest finished run for id 0.
// Returns ENOTFOUND, ECONFLICT for a run that has not finished (still running
// or killed), whose partial results are never served.
func (db *DB) FindRun(ctx context.Context, id int64) (*patentbridge.ScreeningRun, error) {
	r, err := db.findRun(ctx, db.read, id)
	if err != nil {
		return nil, err
	}
	return r.ScreeningRun, nil
}

// queryer is a *sql.DB or a *sql.Tx.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// findRun returns a finished run, or the latest finished run for id 0. Returns
// ENOTFOUND, ECONFLICT for a run that has not finished.
func (db *DB) findRun(ctx context.Context, qr queryer, id int64) (*storedRun, error) {
	q := db.dialect.newQuery().add("SELECT " + runColumns + " FROM screening_runs")
	if id == 0 {
		q.add(" WHERE finished_at <> '' ORDER BY id DESC LIMIT 1")
	} else {
		q.add(" WHERE id = ?", id)
	}
	r, err := scanRun(qr.QueryRowContext(ctx, q.String(), q.args...))
	switch {
	case errors.Is(err, sql.ErrNoRows) && id == 0:
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "还没有完成的筛查，请先运行一次筛查")
	case errors.Is(err, sql.ErrNoRows):
		return nil, runNotFound(id)
	case err != nil:
		return nil, fmt.Errorf("sqldb: find screening run: %w", err)
	case r.FinishedAt.IsZero():
		// A run still going, or killed mid-way, holds part of the results: never serve it.
		return nil, &patentbridge.Error{Code: patentbridge.ECONFLICT, Field: "run_id",
			Message: fmt.Sprintf("筛查批次 %d 尚未完成（%s），其结果不能使用；请查看最近一次完成的筛查", id,
				patentbridge.JobStatusLabel(r.Status))}
	}
	return r, nil
}

// ListRuns returns the most recent runs, finished or not (with their state:
// queued, running, interrupted, failed or done), newest first (limit
// DefaultListLimit when not positive).
func (db *DB) ListRuns(ctx context.Context, limit int) ([]*patentbridge.ScreeningRun, error) {
	if limit <= 0 {
		limit = DefaultListLimit
	}
	q := db.dialect.newQuery().add("SELECT "+runColumns+" FROM screening_runs ORDER BY id DESC LIMIT ?", min(limit, MaxListLimit))
	rs, err := db.read.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: list screening runs: %w", err)
	}
	defer rs.Close()
	out := []*patentbridge.ScreeningRun{}
	for rs.Next() {
		r, err := scanRun(rs)
		if err != nil {
			return nil, fmt.Errorf("sqldb: list screening runs: %w", err)
		}
		out = append(out, r.ScreeningRun)
	}
	return out, rs.Err()
}

// resultSelect is the SELECT list of a result with its score (NULL until the
// second pass has stored it), over screening_results r LEFT JOIN screening_scores s.
const resultSelect = "r.patent_id, r.sleeping, r.excluded_by, r.criteria, r.classes, r.flags, r.tags, s.grade, s.score, s.vectors"

const resultFrom = " FROM screening_results r LEFT JOIN screening_scores s ON s.run_id = r.run_id AND s.patent_id = r.patent_id"

// FindScreeningResult returns a patent's result in a run (0: the latest finished
// run) with score, grade and every indicator's raw value (final, with market
// heat), normalized value and weight. Returns ENOTFOUND.
func (db *DB) FindScreeningResult(ctx context.Context, runID int64, appNo string) (*patentbridge.ScreeningResult, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqldb: find screening result: %w", err)
	}
	defer tx.Rollback()
	run, err := db.findRun(ctx, tx, runID)
	if err != nil {
		return nil, err
	}
	q := db.dialect.newQuery().add("SELECT "+resultSelect+resultFrom+
		" WHERE r.run_id = ? AND r.patent_id = (SELECT id FROM patents WHERE app_no = ?)", run.ID, appNo)
	_, res, err := scanResult(tx.QueryRowContext(ctx, q.String(), q.args...), run)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "专利 %s 不在筛查批次 %d 中（未导入或尚未筛查）",
			patentbridge.FormatAppNo(appNo), run.ID)
	} else if err != nil {
		return nil, fmt.Errorf("sqldb: find screening result: %w", err)
	}
	res.AppNo = appNo
	return res, nil
}

// scanResult reads one row of resultSelect; the caller sets AppNo.
func scanResult(s scanner, run *storedRun) (int64, *patentbridge.ScreeningResult, error) {
	var (
		pid                        int64
		sleeping                   int
		excl, crit, classes, flags string
		tags                       string
		grade                      sql.NullString
		score                      sql.NullFloat64
		vectors                    []byte
	)
	if err := s.Scan(&pid, &sleeping, &excl, &crit, &classes, &flags, &tags, &grade, &score, &vectors); err != nil {
		return 0, nil, err
	}
	res := &patentbridge.ScreeningResult{RunID: run.ID, Sleeping: sleeping == 1, ExcludedBy: patentbridge.Criterion(excl),
		City: tagCity(tags), Score: score.Float64, Grade: grade.String}
	var err error
	if res.Criteria, err = decodeCriteria(crit); err != nil {
		return 0, nil, err
	}
	if err := json.Unmarshal([]byte(classes), &res.Classes); err != nil {
		return 0, nil, fmt.Errorf("sqldb: stored classes: %w", err)
	}
	if err := json.Unmarshal([]byte(flags), &res.Flags); err != nil {
		return 0, nil, fmt.Errorf("sqldb: stored flags: %w", err)
	}
	res.Indicators = append([]patentbridge.Indicator(nil), run.indicators...)
	if vectors != nil {
		norm, raw, err := decodeVectors(vectors, len(res.Indicators))
		if err != nil {
			return 0, nil, err
		}
		for i := range res.Indicators {
			res.Indicators[i].SetValues(raw[i], norm[i])
		}
	}
	return pid, res, nil
}

// PatentsChangedSince counts the patents inserted or updated after t (the
// start of a run), from the change table: the patents the run did not see as
// they are now. A deleted patent is not counted.
func (db *DB) PatentsChangedSince(ctx context.Context, t time.Time) (int, error) {
	q := db.dialect.newQuery().add("SELECT COUNT(DISTINCT app_no) FROM patent_changes WHERE changed_at > ? AND op <> 'delete'", formatTime(t))
	var n int
	if err := db.read.QueryRowContext(ctx, q.String(), q.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqldb: patents changed since %s: %w", formatTime(t), err)
	}
	return n, nil
}
