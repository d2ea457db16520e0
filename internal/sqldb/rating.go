package sqldb

import (
	"context"
	"fmt"
	"strings"

	"patentbridge"
)

// ratingAudit is the audited value of a rating.
type ratingAudit struct {
	Rating      int64  `json:"rating"`
	OrgName     string `json:"org_name"`
	Prospect    int    `json:"prospect"`
	Improvement int    `json:"improvement"`
	Cooperation int    `json:"cooperation"`
	Comment     string `json:"comment,omitempty"`
}

func auditRating(r *patentbridge.Rating) ratingAudit {
	return ratingAudit{Rating: r.ID, OrgName: r.OrgName, Prospect: r.Prospect, Improvement: r.Improvement,
		Cooperation: r.Cooperation, Comment: r.Comment}
}

// CreateRating stores the signed-in enterprise user's rating (UserID and
// OrgName come from ctx), replacing the user's earlier rating of the patent,
// audited in the same transaction with the replaced rating as before; it sets
// its ID and CreatedAt. Returns EINVALID, ENOTFOUND, EUNAUTHORIZED, EFORBIDDEN.
func (db *DB) CreateRating(ctx context.Context, r *patentbridge.Rating) error {
	u := patentbridge.UserFrom(ctx)
	if err := patentbridge.CanRate(u); err != nil {
		return err
	}
	no, _, err := patentbridge.NormalizeAppNo(r.AppNo)
	if err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return err
	}
	r.AppNo, r.Comment, r.UserID, r.OrgName = no, strings.TrimSpace(r.Comment), u.ID, u.OrgName
	return db.WithTx(ctx, func(tx *Tx) error {
		pid, err := db.patentID(ctx, tx.tx, r.AppNo)
		if err != nil {
			return err
		}
		var before any
		var old patentbridge.Rating
		q := tx.q().add(`SELECT id, org_name, prospect, improvement, cooperation, comment FROM ratings
			WHERE patent_id = ? AND user_id = ?`, pid, r.UserID)
		switch err := tx.queryRow(ctx, q).Scan(&old.ID, &old.OrgName, &old.Prospect, &old.Improvement, &old.Cooperation, &old.Comment); {
		case err == nil:
			before = auditRating(&old)
		case !isNoRows(err):
			return fmt.Errorf("sqldb: create rating: %w", err)
		}
		if _, err := tx.exec(ctx, tx.q().add("DELETE FROM ratings WHERE patent_id = ? AND user_id = ?", pid, r.UserID)); err != nil {
			return fmt.Errorf("sqldb: create rating: %w", err)
		}
		ins := tx.q().add(`INSERT INTO ratings (patent_id, user_id, org_name, prospect, improvement, cooperation,
			comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			pid, r.UserID, r.OrgName, r.Prospect, r.Improvement, r.Cooperation, r.Comment, formatTime(tx.now))
		if err := tx.queryRow(ctx, ins).Scan(&r.ID); err != nil {
			return fmt.Errorf("sqldb: create rating: %w", err)
		}
		r.CreatedAt = tx.now
		return tx.audit(ctx, "rating.create", "patent:"+r.AppNo, before, auditRating(r))
	})
}

// PatentRatings returns a patent's ratings, newest first.
func (db *DB) PatentRatings(ctx context.Context, appNo string) ([]*patentbridge.Rating, error) {
	q := db.dialect.newQuery().add(`SELECT r.id, p.app_no, r.user_id, r.org_name, r.prospect, r.improvement, r.cooperation,
		r.comment, r.created_at FROM ratings r JOIN patents p ON p.id = r.patent_id WHERE p.app_no = ? ORDER BY r.id DESC`, appNo)
	rs, err := db.read.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: ratings: %w", err)
	}
	defer rs.Close()
	out := []*patentbridge.Rating{}
	for rs.Next() {
		var r patentbridge.Rating
		var created string
		if err := rs.Scan(&r.ID, &r.AppNo, &r.UserID, &r.OrgName, &r.Prospect, &r.Improvement, &r.Cooperation,
			&r.Comment, &created); err != nil {
			return nil, fmt.Errorf("sqldb: ratings: %w", err)
		}
		if r.CreatedAt, err = parseTime(created); err != nil {
			return nil, err
		}
		out = append(out, &r)
	}
	return out, rs.Err()
}

// RatingSummaries returns the enterprises' ratings aggregated by application number.
func (db *DB) RatingSummaries(ctx context.Context) (map[string]patentbridge.RatingSummary, error) {
	rs, err := db.read.QueryContext(ctx, `SELECT p.app_no, COUNT(*), SUM(r.prospect), SUM(r.improvement), SUM(r.cooperation)
		FROM ratings r JOIN patents p ON p.id = r.patent_id GROUP BY p.app_no`)
	if err != nil {
		return nil, fmt.Errorf("sqldb: rating summaries: %w", err)
	}
	defer rs.Close()
	out := map[string]patentbridge.RatingSummary{}
	for rs.Next() {
		var no string
		var n, p, i, c int
		if err := rs.Scan(&no, &n, &p, &i, &c); err != nil {
			return nil, fmt.Errorf("sqldb: rating summaries: %w", err)
		}
		k := float64(n)
		out[no] = patentbridge.RatingSummary{Count: n, Prospect: float64(p) / k, Improvement: float64(i) / k, Cooperation: float64(c) / k}
	}
	return out, rs.Err()
}
