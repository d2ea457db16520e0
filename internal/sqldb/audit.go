package sqldb

import (
	"context"
	"fmt"
	"time"
)

// AuditEntry is one recorded write: who did what to which object.
type AuditEntry struct {
	ID     int64     `json:"id"`
	At     time.Time `json:"at"`
	UserID int64     `json:"user_id"`
	Action string    `json:"action"`
	Object string    `json:"object"`
	Detail string    `json:"detail"`
}

// Audit records a write by the user (0 for the system) in the audit log.
func (db *DB) Audit(ctx context.Context, userID int64, action, object, detail string) error {
	q := db.dialect.newQuery().add("INSERT INTO audit_log (at, user_id, action, object, detail) VALUES (?, ?, ?, ?, ?)",
		formatTime(db.now()), userID, action, object, detail)
	if _, err := db.write.ExecContext(ctx, q.String(), q.args...); err != nil {
		return fmt.Errorf("sqldb: audit %s %s: %w", action, object, err)
	}
	return nil
}

// ListAudit returns the most recent audit entries, newest first (at most limit,
// DefaultListLimit when limit is not positive).
func (db *DB) ListAudit(ctx context.Context, limit int) ([]AuditEntry, error) {
	if limit <= 0 {
		limit = DefaultListLimit
	}
	q := db.dialect.newQuery().add("SELECT id, at, user_id, action, object, detail FROM audit_log ORDER BY id DESC LIMIT ?",
		min(limit, MaxListLimit))
	rs, err := db.read.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: list audit log: %w", err)
	}
	defer rs.Close()
	var out []AuditEntry
	for rs.Next() {
		var e AuditEntry
		var at string
		if err := rs.Scan(&e.ID, &at, &e.UserID, &e.Action, &e.Object, &e.Detail); err != nil {
			return nil, fmt.Errorf("sqldb: list audit log: %w", err)
		}
		if e.At, err = parseTime(at); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rs.Err()
}
