package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

var _ patentbridge.FeedbackService = (*DB)(nil)

// SaveFeedback records a user's verdict on a patent matched to a demand,
// replacing the user's earlier verdict on the same pair. Returns EINVALID for an
// unknown verdict, a bad application number or no user, ENOTFOUND for an unknown demand.
func (db *DB) SaveFeedback(ctx context.Context, f *patentbridge.MatchFeedback) error {
	if f.Verdict != patentbridge.FeedbackInterested && f.Verdict != patentbridge.FeedbackIrrelevant {
		return patentbridge.FieldErrorf("verdict", "反馈只能是“感兴趣”（interested）或“不相关”（irrelevant）")
	}
	appNo, _, err := patentbridge.NormalizeAppNo(f.AppNo)
	if err != nil {
		return err
	}
	if f.UserID <= 0 {
		return patentbridge.FieldErrorf("user_id", "请先登录再反馈")
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqldb: save feedback: %w", err)
	}
	defer tx.Rollback()
	if _, err := db.findDemand(ctx, tx, f.DemandID); err != nil {
		return err
	}
	now := db.now()
	q := db.dialect.newQuery().add(`INSERT INTO match_feedback (demand_id, app_no, user_id, verdict, created_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (demand_id, app_no, user_id)
		DO UPDATE SET verdict = excluded.verdict, created_at = excluded.created_at`,
		f.DemandID, appNo, f.UserID, f.Verdict, formatTime(now))
	if _, err := tx.ExecContext(ctx, q.String(), q.args...); err != nil {
		return fmt.Errorf("sqldb: save feedback: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqldb: save feedback: %w", err)
	}
	f.AppNo, f.CreatedAt = appNo, now
	return nil
}

// FeedbackCounts returns, per application number, how many verdicts (over all
// demands and users) are interested ([0]) and irrelevant ([1]).
func (db *DB) FeedbackCounts(ctx context.Context) (map[string][2]int, error) {
	rs, err := db.read.QueryContext(ctx, "SELECT app_no, verdict, COUNT(*) FROM match_feedback GROUP BY app_no, verdict")
	if err != nil {
		return nil, fmt.Errorf("sqldb: feedback counts: %w", err)
	}
	defer rs.Close()
	out := map[string][2]int{}
	for rs.Next() {
		var appNo, verdict string
		var n int
		if err := rs.Scan(&appNo, &verdict, &n); err != nil {
			return nil, fmt.Errorf("sqldb: feedback counts: %w", err)
		}
		c := out[appNo]
		if verdict == patentbridge.FeedbackInterested {
			c[0] += n
		} else {
			c[1] += n
		}
		out[appNo] = c
	}
	return out, rs.Err()
}

// DemandFeedback returns the verdicts given on one demand's matches by
// application number; when several users judged a patent, the latest verdict wins.
func (db *DB) DemandFeedback(ctx context.Context, demandID int64) (map[string]string, error) {
	q := db.dialect.newQuery().add("SELECT app_no, verdict FROM match_feedback WHERE demand_id = ? ORDER BY created_at, user_id", demandID)
	rs, err := db.read.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: demand feedback: %w", err)
	}
	defer rs.Close()
	out := map[string]string{}
	for rs.Next() {
		var appNo, verdict string
		if err := rs.Scan(&appNo, &verdict); err != nil {
			return nil, fmt.Errorf("sqldb: demand feedback: %w", err)
		}
		out[appNo] = verdict
	}
	return out, rs.Err()
}
