package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"patentbridge"
)

// audit appends the audit row of an act by the signed-in user of ctx (the
// platform itself when there is none): action on object, with the object's
// values before and after (nil: none) as JSON. It runs in the act's transaction,
// so an act whose audit row cannot be written is rolled back.
func (tx *Tx) audit(ctx context.Context, action, object string, before, after any) error {
	return tx.auditAs(ctx, patentbridge.UserFrom(ctx), action, object, before, after)
}

// auditAs is audit for an act whose actor is not (yet) the signed-in user, such
// as a login: u may be nil for an unknown user.
func (tx *Tx) auditAs(ctx context.Context, u *patentbridge.User, action, object string, before, after any) error {
	q, err := auditInsert(ctx, tx.db.dialect, tx.now, u, action, object, before, after)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, q); err != nil {
		return fmt.Errorf("sqldb: audit %s %s: %w", action, object, err)
	}
	return nil
}

// auditInsert builds the statement that appends one audit row, for a
// transaction of database/sql or of the PostgreSQL bulk writer.
func auditInsert(ctx context.Context, d *dialect, at time.Time, u *patentbridge.User, action, object string, before, after any) (*query, error) {
	b, err := auditJSON(before)
	if err != nil {
		return nil, err
	}
	a, err := auditJSON(after)
	if err != nil {
		return nil, err
	}
	var actor patentbridge.User
	if u != nil {
		actor = *u
	}
	o := patentbridge.OriginFrom(ctx)
	return d.newQuery().add(`INSERT INTO audit_log (at, user_id, actor, role, organization, city_code, address, user_agent,
		action, object, detail, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)`,
		formatTime(at), actor.ID, actor.Username, string(actor.Role), actor.OrgName, actor.CityCode,
		clip(o.Address, 100), clip(o.UserAgent, 300), action, clip(object, 200), b, a), nil
}

// importAudit is the audit row of one batch of imported patents: the act of the
// signed-in user (or the platform, for the command line and background jobs).
func importAudit(ctx context.Context, d *dialect, at time.Time, rows []*patentRow, res patentbridge.UpsertResult) (*query, error) {
	after := map[string]any{"inserted": res.Inserted, "updated": res.Updated, "unchanged": res.Unchanged,
		"first": rows[0].appNo, "last": rows[len(rows)-1].appNo}
	object := "patents:" + rows[0].appNo + "-" + rows[len(rows)-1].appNo
	return auditInsert(ctx, d, at, patentbridge.UserFrom(ctx), "patent.import", object, nil, after)
}

// auditJSON encodes an audited value; nil is "" (shown as null).
func auditJSON(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("sqldb: audit value: %w", err)
	}
	return string(b), nil
}

// clip cuts s to at most n bytes on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
