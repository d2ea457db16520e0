package sqldb

import (
	"context"
	"fmt"
	"time"
)

// PatentChange is one entry of the patent_changes outbox: a patent inserted or
// updated, in commit order.
type PatentChange struct {
	Seq       int64     `json:"seq"`
	AppNo     string    `json:"app_no"`
	Op        string    `json:"op"` // "insert", "update" or "delete"
	ChangedAt time.Time `json:"changed_at"`
}

// PatentChanges returns up to limit outbox entries with a sequence number above
// afterSeq, oldest first; derived stores tail it to stay current.
func (db *DB) PatentChanges(ctx context.Context, afterSeq int64, limit int) ([]PatentChange, error) {
	if limit <= 0 {
		limit = DefaultListLimit
	}
	q := db.dialect.newQuery().add("SELECT seq, app_no, op, changed_at FROM patent_changes WHERE seq > ? ORDER BY seq LIMIT ?",
		afterSeq, min(limit, MaxListLimit))
	rs, err := db.read.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: patent changes: %w", err)
	}
	defer rs.Close()
	var out []PatentChange
	for rs.Next() {
		var c PatentChange
		var at string
		if err := rs.Scan(&c.Seq, &c.AppNo, &c.Op, &at); err != nil {
			return nil, fmt.Errorf("sqldb: patent changes: %w", err)
		}
		if c.ChangedAt, err = parseTime(at); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rs.Err()
}
