package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"patentbridge"
)

// This file feeds the search index: the change table as root types, and patents
// joined with what the latest finished screening run says of them.

// PatentChangesSince returns up to limit change-table entries after afterSeq, oldest first.
func (db *DB) PatentChangesSince(ctx context.Context, afterSeq int64, limit int) ([]patentbridge.PatentChange, error) {
	cs, err := db.PatentChanges(ctx, afterSeq, limit)
	if err != nil {
		return nil, err
	}
	out := make([]patentbridge.PatentChange, len(cs))
	for i, c := range cs {
		out[i] = patentbridge.PatentChange{Seq: c.Seq, AppNo: c.AppNo, Op: c.Op, ChangedAt: c.ChangedAt}
	}
	return out, nil
}

// LastPatentChangeSeq returns the highest sequence number of the change table, 0 when empty.
func (db *DB) LastPatentChangeSeq(ctx context.Context) (int64, error) {
	var seq sql.NullInt64
	if err := db.read.QueryRowContext(ctx, "SELECT MAX(seq) FROM patent_changes").Scan(&seq); err != nil {
		return 0, fmt.Errorf("sqldb: last patent change: %w", err)
	}
	return seq.Int64, nil
}

// LatestScreeningRunID returns the id of the latest finished screening run, 0 when none.
func (db *DB) LatestScreeningRunID(ctx context.Context) (int64, error) {
	var id sql.NullInt64
	err := db.read.QueryRowContext(ctx, "SELECT MAX(id) FROM screening_runs WHERE finished_at <> ''").Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("sqldb: latest screening run: %w", err)
	}
	return id.Int64, nil
}

// tagJoin joins a patent (alias p) with its result and score in run ?.
const tagJoin = " FROM patents p LEFT JOIN screening_results r ON r.run_id = ? AND r.patent_id = p.id" +
	" LEFT JOIN screening_scores s ON s.run_id = ? AND s.patent_id = p.id"

// EachPatentTagged calls fn for every stored patent, in storage order inside one read
// transaction, with its tags from screening run runID (zero tags when it has no result).
func (db *DB) EachPatentTagged(ctx context.Context, runID int64, fn func(p *patentbridge.Patent, t patentbridge.PatentTags) error) error {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqldb: each patent tagged: %w", err)
	}
	defer tx.Rollback()
	q := db.dialect.newQuery().add("SELECT "+readColumns+", COALESCE(s.grade, ''), COALESCE(r.classes, '')"+tagJoin+" ORDER BY p.id", runID, runID)
	rs, err := tx.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return fmt.Errorf("sqldb: each patent tagged: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		ts := &tagScanner{s: rs}
		p, err := scanPatent(ts)
		if err != nil {
			return fmt.Errorf("sqldb: each patent tagged: %w", err)
		}
		t, err := ts.tags()
		if err != nil {
			return err
		}
		if err := fn(p, t); err != nil {
			return err
		}
	}
	return rs.Err()
}

// FindPatentTagged returns a patent with its tags from screening run runID.
// Returns ENOTFOUND.
func (db *DB) FindPatentTagged(ctx context.Context, runID int64, appNo string) (*patentbridge.Patent, patentbridge.PatentTags, error) {
	q := db.dialect.newQuery().add("SELECT "+readColumns+", COALESCE(s.grade, ''), COALESCE(r.classes, '')"+tagJoin+" WHERE p.app_no = ?", runID, runID, appNo)
	ts := &tagScanner{s: db.read.QueryRowContext(ctx, q.String(), q.args...)}
	p, err := scanPatent(ts)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, patentbridge.PatentTags{}, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到申请号为 %s 的专利", patentbridge.FormatAppNo(appNo))
	} else if err != nil {
		return nil, patentbridge.PatentTags{}, fmt.Errorf("sqldb: find patent %s: %w", appNo, err)
	}
	t, err := ts.tags()
	return p, t, err
}

// tagScanner scans readColumns followed by a grade and a classes JSON column.
type tagScanner struct {
	s              scanner
	grade, classes string
}

func (t *tagScanner) Scan(dest ...any) error {
	return t.s.Scan(append(dest, &t.grade, &t.classes)...)
}

func (t *tagScanner) tags() (patentbridge.PatentTags, error) {
	out := patentbridge.PatentTags{Grade: t.grade}
	if t.classes != "" {
		if err := json.Unmarshal([]byte(t.classes), &out.Classification); err != nil {
			return out, fmt.Errorf("sqldb: stored classes: %w", err)
		}
	}
	return out, nil
}
