package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"patentbridge"
)

const declColumns = "d.id, p.app_no, d.kind, d.reason, d.text, d.how, d.enterprise, d.since, d.created_by, d.org_name, d.created_at, d.revoked_at"

// CreateDeclaration validates and stores a declaration and sets its ID and
// CreatedAt. Returns EINVALID, ENOTFOUND (patent).
func (db *DB) CreateDeclaration(ctx context.Context, d *patentbridge.Declaration) error {
	if err := d.Validate(); err != nil {
		return err
	}
	no, _, _ := patentbridge.NormalizeAppNo(d.AppNo)
	d.AppNo = no
	now := db.now()
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqldb: create declaration: %w", err)
	}
	defer tx.Rollback()
	pid, err := patentID(ctx, db, tx, d.AppNo)
	if err != nil {
		return err
	}
	q := db.dialect.newQuery().add(`INSERT INTO declarations (patent_id, kind, reason, text, how, enterprise, since,
		created_by, org_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		pid, string(d.Kind), d.Reason, strings.TrimSpace(d.Text), strings.TrimSpace(d.How), strings.TrimSpace(d.Enterprise),
		patentbridge.FormatDate(d.Since), d.CreatedBy, d.OrgName, formatTime(now))
	if err := tx.QueryRowContext(ctx, q.String(), q.args...).Scan(&d.ID); err != nil {
		return fmt.Errorf("sqldb: create declaration: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqldb: create declaration: %w", err)
	}
	d.CreatedAt = now
	return nil
}

// patentID returns the id of the patent with the application number. Returns ENOTFOUND.
func patentID(ctx context.Context, db *DB, tx *sql.Tx, appNo string) (int64, error) {
	var id int64
	q := db.dialect.newQuery().add("SELECT id FROM patents WHERE app_no = ?", appNo)
	err := tx.QueryRowContext(ctx, q.String(), q.args...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到申请号为 %s 的专利", patentbridge.FormatAppNo(appNo))
	}
	if err != nil {
		return 0, fmt.Errorf("sqldb: find patent %s: %w", appNo, err)
	}
	return id, nil
}

// RevokeDeclaration withdraws a declaration in effect, so that the next run
// screens the patent again. Returns ENOTFOUND when it is unknown or already revoked.
func (db *DB) RevokeDeclaration(ctx context.Context, id int64, userID int64) error {
	q := db.dialect.newQuery().add("UPDATE declarations SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at = ''",
		formatTime(db.now()), userID, id)
	res, err := db.write.ExecContext(ctx, q.String(), q.args...)
	if err != nil {
		return fmt.Errorf("sqldb: revoke declaration %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqldb: revoke declaration %d: %w", id, err)
	} else if n == 0 {
		return patentbridge.Errorf(patentbridge.ENOTFOUND, "声明 %d 不存在或已撤销", id)
	}
	return nil
}

// PatentDeclarations returns a patent's declarations, newest first, revoked ones included.
func (db *DB) PatentDeclarations(ctx context.Context, appNo string) ([]*patentbridge.Declaration, error) {
	q := db.dialect.newQuery().add("SELECT "+declColumns+" FROM declarations d JOIN patents p ON p.id = d.patent_id"+
		" WHERE p.app_no = ? ORDER BY d.id DESC", appNo)
	return db.queryDeclarations(ctx, q)
}

// ActiveDeclarations returns the unrevoked declarations by application number.
func (db *DB) ActiveDeclarations(ctx context.Context) (map[string][]*patentbridge.Declaration, error) {
	q := db.dialect.newQuery().add("SELECT " + declColumns + " FROM declarations d JOIN patents p ON p.id = d.patent_id" +
		" WHERE d.revoked_at = '' ORDER BY d.id")
	ds, err := db.queryDeclarations(ctx, q)
	if err != nil {
		return nil, err
	}
	out := map[string][]*patentbridge.Declaration{}
	for _, d := range ds {
		out[d.AppNo] = append(out[d.AppNo], d)
	}
	return out, nil
}

func (db *DB) queryDeclarations(ctx context.Context, q *query) ([]*patentbridge.Declaration, error) {
	rs, err := db.read.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: declarations: %w", err)
	}
	defer rs.Close()
	out := []*patentbridge.Declaration{}
	for rs.Next() {
		var d patentbridge.Declaration
		var kind, since, created, revoked string
		if err := rs.Scan(&d.ID, &d.AppNo, &kind, &d.Reason, &d.Text, &d.How, &d.Enterprise, &since,
			&d.CreatedBy, &d.OrgName, &created, &revoked); err != nil {
			return nil, fmt.Errorf("sqldb: declarations: %w", err)
		}
		d.Kind = patentbridge.DeclarationKind(kind)
		if d.Since, err = parseDate(since); err == nil {
			if d.CreatedAt, err = parseTime(created); err == nil {
				d.RevokedAt, err = parseTime(revoked)
			}
		}
		if err != nil {
			return nil, err
		}
		out = append(out, &d)
	}
	return out, rs.Err()
}

// CreateRating stores an enterprise's rating, replacing the user's earlier
// rating of the patent, and sets its ID and CreatedAt. Returns EINVALID, ENOTFOUND.
func (db *DB) CreateRating(ctx context.Context, r *patentbridge.Rating) error {
	no, _, err := patentbridge.NormalizeAppNo(r.AppNo)
	if err != nil {
		return err
	}
	r.AppNo = no
	for _, f := range []struct {
		name string
		v    int
	}{{"prospect", r.Prospect}, {"improvement", r.Improvement}, {"cooperation", r.Cooperation}} {
		if f.v < 1 || f.v > 5 {
			return patentbridge.FieldErrorf(f.name, "评分应为 1 到 5 的整数")
		}
	}
	r.Comment = strings.TrimSpace(r.Comment)
	if utf8.RuneCountInString(r.Comment) > 1000 {
		return patentbridge.FieldErrorf("comment", "评价意见不能超过1000个字")
	}
	now := db.now()
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqldb: create rating: %w", err)
	}
	defer tx.Rollback()
	pid, err := patentID(ctx, db, tx, r.AppNo)
	if err != nil {
		return err
	}
	del := db.dialect.newQuery().add("DELETE FROM ratings WHERE patent_id = ? AND user_id = ?", pid, r.UserID)
	if _, err := tx.ExecContext(ctx, del.String(), del.args...); err != nil {
		return fmt.Errorf("sqldb: create rating: %w", err)
	}
	q := db.dialect.newQuery().add(`INSERT INTO ratings (patent_id, user_id, org_name, prospect, improvement, cooperation,
		comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		pid, r.UserID, r.OrgName, r.Prospect, r.Improvement, r.Cooperation, r.Comment, formatTime(now))
	if err := tx.QueryRowContext(ctx, q.String(), q.args...).Scan(&r.ID); err != nil {
		return fmt.Errorf("sqldb: create rating: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqldb: create rating: %w", err)
	}
	r.CreatedAt = now
	return nil
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
