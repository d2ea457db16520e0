package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

var _ patentbridge.FeedbackService = (*DB)(nil)

// SaveFeedback records the signed-in user's verdict (UserID comes from ctx) on
// a patent matched to a demand of its organization (the admin: any demand it
// may see), replacing the user's earlier verdict on the same pair, audited in
// the same transaction. The patent must be among the demand's matches as its
// page shows them (patentbridge.CheckDemandMatch through db.Matcher), unless it
// already has a verdict on this demand (given while it was a match, and since
// ranked lower by it). Returns EINVALID for an unknown verdict, a bad
// application number or a patent that is not a match, ENOTFOUND for a demand
// that does not exist or that the user may not see, ECONFLICT for a closed
// one, EUNAVAILABLE without matching, EUNAUTHORIZED, EFORBIDDEN. A first
// 感兴趣 tells the patent's owning organizations (站内信) in the same transaction.
func (db *DB) SaveFeedback(ctx context.Context, f *patentbridge.MatchFeedback) error {
	u := patentbridge.UserFrom(ctx)
	if u == nil {
		return patentbridge.Errorf(patentbridge.EUNAUTHORIZED, "请先登录再反馈")
	}
	if err := patentbridge.CanPost(u); err != nil {
		return err
	}
	if f.Verdict != patentbridge.FeedbackInterested && f.Verdict != patentbridge.FeedbackIrrelevant {
		return patentbridge.FieldErrorf("verdict", "反馈只能是“感兴趣”或“不相关”")
	}
	appNo, _, err := patentbridge.NormalizeAppNo(f.AppNo)
	if err != nil {
		return err
	}
	f.AppNo, f.UserID = appNo, u.ID
	// Matching reads the index and may take a while: it runs before the write
	// transaction, which checks the demand again.
	d, err := db.findDemand(ctx, db.read, f.DemandID)
	if err != nil {
		return err
	}
	if err := checkFeedback(u, d); err != nil {
		return err
	}
	judged, err := db.judged(ctx, db.read, d.ID, appNo)
	if err != nil {
		return err
	}
	if !judged {
		if err := patentbridge.CheckDemandMatch(ctx, db.Matcher, d, appNo); err != nil {
			return err
		}
	}
	return db.WithTx(ctx, func(tx *Tx) error {
		d, err := db.findDemand(ctx, tx.tx, f.DemandID)
		if err != nil {
			return err
		}
		if err := checkFeedback(u, d); err != nil {
			return err
		}
		var before any
		var old string
		q := tx.q().add("SELECT verdict FROM match_feedback WHERE demand_id = ? AND app_no = ? AND user_id = ?", d.ID, appNo, u.ID)
		switch err := tx.queryRow(ctx, q).Scan(&old); {
		case err == nil:
			before = map[string]string{"app_no": appNo, "verdict": old}
		case !isNoRows(err):
			return fmt.Errorf("sqldb: save feedback: %w", err)
		}
		up := tx.q().add(`INSERT INTO match_feedback (demand_id, app_no, user_id, verdict, created_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (demand_id, app_no, user_id)
			DO UPDATE SET verdict = excluded.verdict, created_at = excluded.created_at`,
			d.ID, appNo, u.ID, f.Verdict, formatTime(tx.now))
		if _, err := tx.exec(ctx, up); err != nil {
			return fmt.Errorf("sqldb: save feedback: %w", err)
		}
		f.CreatedAt = tx.now
		if f.Verdict == patentbridge.FeedbackInterested && old != patentbridge.FeedbackInterested {
			if err := tx.notifyInterest(ctx, d, appNo); err != nil {
				return err
			}
		}
		return tx.audit(ctx, "demand.feedback", demandObject(d.ID), before, map[string]string{"app_no": appNo, "verdict": f.Verdict})
	})
}

// checkFeedback admits u to give feedback on d's matches: a demand it may see
// (else not found), of its organization (the admin: any), not closed.
func checkFeedback(u *patentbridge.User, d *patentbridge.Demand) error {
	if err := patentbridge.CheckSeeDemand(u, d); err != nil {
		return err
	}
	if !patentbridge.CanUseDemandFeedback(u, d) {
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只有发布该需求的企业或管理员可以反馈匹配结果")
	}
	return patentbridge.CheckDemandAct(d, patentbridge.DemandActFeedback)
}

// judged reports whether anyone gave a verdict on the patent appNo among the
// matches of demand id.
func (db *DB) judged(ctx context.Context, qr queryer, id int64, appNo string) (bool, error) {
	q := db.dialect.newQuery().add("SELECT COUNT(*) FROM match_feedback WHERE demand_id = ? AND app_no = ?", id, appNo)
	var n int
	if err := qr.QueryRowContext(ctx, q.String(), q.args...).Scan(&n); err != nil {
		return false, fmt.Errorf("sqldb: feedback on demand %d: %w", id, err)
	}
	return n > 0, nil
}

// notifyInterest tells the organizations of the registry that own a patent
// (its current owners, but not the demand's own enterprise) that an enterprise
// marked it 感兴趣 on the matches of one of its demands.
func (tx *Tx) notifyInterest(ctx context.Context, d *patentbridge.Demand, appNo string) error {
	q := tx.q().add(`SELECT DISTINCT o.org_id, p.title FROM patent_owners o JOIN patents p ON p.id = o.patent_id
		WHERE p.app_no = ? AND o.org_id IS NOT NULL AND o.org_id <> ? ORDER BY o.org_id`, appNo, d.OrgID)
	rs, err := tx.query(ctx, q)
	if err != nil {
		return fmt.Errorf("sqldb: patent owners of %s: %w", appNo, err)
	}
	type owner struct {
		id    int64
		title string
	}
	var owners []owner
	for rs.Next() {
		var o owner
		if err := rs.Scan(&o.id, &o.title); err != nil {
			rs.Close()
			return fmt.Errorf("sqldb: patent owners of %s: %w", appNo, err)
		}
		owners = append(owners, o)
	}
	if err := rs.Err(); err != nil {
		rs.Close()
		return fmt.Errorf("sqldb: patent owners of %s: %w", appNo, err)
	}
	if err := rs.Close(); err != nil {
		return fmt.Errorf("sqldb: patent owners of %s: %w", appNo, err)
	}
	body := fmt.Sprintf("%s在技术需求《%s》的匹配结果中将专利 %s 标记为“感兴趣”。", d.Enterprise, clipRunes(d.Title, 60), patentbridge.FormatAppNo(appNo))
	if d.Status == patentbridge.DemandPublished {
		body += fmt.Sprintf("需求及联系方式见 /demands/%d。", d.ID)
	}
	for _, o := range owners {
		m := &patentbridge.Message{OrgID: o.id, Kind: patentbridge.MessagePatentInterest, Link: "/patents/" + appNo,
			Title: clipRunes(d.Enterprise, 50) + "对您的专利《" + clipRunes(o.title, 60) + "》感兴趣", Body: body}
		if err := tx.notify(ctx, m); err != nil {
			return err
		}
	}
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
// application number, to the posting organization's users, the admin and the
// platform; when several users judged a patent, the latest verdict wins.
// Returns ENOTFOUND (also for a demand the user may not see), EUNAUTHORIZED,
// EFORBIDDEN.
func (db *DB) DemandFeedback(ctx context.Context, demandID int64) (map[string]string, error) {
	u, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	d, err := db.findDemand(ctx, db.read, demandID)
	if err != nil {
		return nil, err
	}
	if err := patentbridge.CheckSeeDemand(u, d); err != nil {
		return nil, err
	}
	if !patentbridge.CanUseDemandFeedback(u, d) {
		return nil, patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只有发布该需求的企业和管理员可以查看匹配反馈")
	}
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
