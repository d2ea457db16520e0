package sqldb

import (
	"context"
	"fmt"
	"time"

	"patentbridge"
)

const declColumns = "d.id, p.app_no, d.kind, d.reason, d.text, d.how, d.enterprise, d.since, d.created_by, d.org_name, d.created_at, d.revoked_at"

// PatentDeclarations returns a patent's declarations, newest first, revoked ones included.
func (db *DB) PatentDeclarations(ctx context.Context, appNo string) ([]*patentbridge.Declaration, error) {
	q := db.dialect.newQuery().add("SELECT "+declColumns+" FROM declarations d JOIN patents p ON p.id = d.patent_id"+
		" WHERE p.app_no = ? ORDER BY d.id DESC", appNo)
	return db.queryDeclarations(ctx, db.read, q)
}

// OrganizationDeclarations returns up to limit (DefaultListLimit when not
// positive) of an organization's declarations, newest first, revoked ones included.
func (db *DB) OrganizationDeclarations(ctx context.Context, orgID int64, limit int) ([]*patentbridge.Declaration, error) {
	if limit <= 0 {
		limit = DefaultListLimit
	}
	q := db.dialect.newQuery().add("SELECT "+declColumns+" FROM declarations d JOIN patents p ON p.id = d.patent_id"+
		" WHERE d.org_id = ? ORDER BY d.id DESC LIMIT ?", orgID, min(limit, MaxListLimit))
	return db.queryDeclarations(ctx, db.read, q)
}

// ActiveDeclarations returns the unrevoked declarations by application number.
func (db *DB) ActiveDeclarations(ctx context.Context) (map[string][]*patentbridge.Declaration, error) {
	q := db.dialect.newQuery().add("SELECT " + declColumns + " FROM declarations d JOIN patents p ON p.id = d.patent_id" +
		" WHERE d.revoked_at = '' ORDER BY d.id")
	ds, err := db.queryDeclarations(ctx, db.read, q)
	if err != nil {
		return nil, err
	}
	out := map[string][]*patentbridge.Declaration{}
	for _, d := range ds {
		out[d.AppNo] = append(out[d.AppNo], d)
	}
	return out, nil
}

// queryDeclarations reads the declarations a query of declColumns selects.
func (db *DB) queryDeclarations(ctx context.Context, qr queryer, q *query) ([]*patentbridge.Declaration, error) {
	rs, err := qr.QueryContext(ctx, q.String(), q.args...)
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

// CountDeclarationsChangedAfter counts the declarations made or revoked after
// t, the start of the latest finished run, which that run did not see.
func (db *DB) CountDeclarationsChangedAfter(ctx context.Context, t time.Time) (int, error) {
	at := formatTime(t)
	q := db.dialect.newQuery().add("SELECT COUNT(*) FROM declarations WHERE created_at > ? OR revoked_at > ?", at, at)
	var n int
	if err := db.read.QueryRowContext(ctx, q.String(), q.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqldb: count declarations changed: %w", err)
	}
	return n, nil
}
