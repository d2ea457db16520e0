package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

// GradeBands returns a finished run's grades A to D with their counts and score
// ranges (0: the latest finished run), cached per run since a finished run never
// changes. Returns ENOTFOUND.
func (db *DB) GradeBands(ctx context.Context, runID int64) ([]patentbridge.GradeBand, error) {
	run, err := db.findRun(ctx, db.read, runID)
	if err != nil {
		return nil, err
	}
	if b, ok := db.bands.Load(run.ID); ok {
		return append([]patentbridge.GradeBand(nil), b.([]patentbridge.GradeBand)...), nil
	}
	q := db.dialect.newQuery().add("SELECT grade, COUNT(*), MIN(score), MAX(score) FROM screening_scores"+
		" WHERE run_id = ? AND grade <> '' GROUP BY grade", run.ID)
	rows, err := db.read.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: grade bands: %w", err)
	}
	defer rows.Close()
	by := map[string]patentbridge.GradeBand{}
	for rows.Next() {
		var b patentbridge.GradeBand
		if err := rows.Scan(&b.Grade, &b.Count, &b.MinScore, &b.MaxScore); err != nil {
			return nil, fmt.Errorf("sqldb: grade bands: %w", err)
		}
		by[b.Grade] = b
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqldb: grade bands: %w", err)
	}
	out := make([]patentbridge.GradeBand, len(patentbridge.Grades))
	for i, g := range patentbridge.Grades {
		out[i] = by[g]
		out[i].Grade = g
	}
	db.bands.Store(run.ID, out)
	return append([]patentbridge.GradeBand(nil), out...), nil
}
