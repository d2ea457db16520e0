package patentbridge

import (
	"context"
	"encoding/json"
	"time"
)

// AuditEntry is one recorded change: who (with the role, organization and city
// they had then), when, from where, what was done to which object, and the
// object's values before and after. Entries are written in the transaction of the
// change and never edited or deleted.
type AuditEntry struct {
	ID           int64           `json:"id"`
	At           time.Time       `json:"at"`
	ActorID      int64           `json:"actor_id"`
	Actor        string          `json:"actor"` // username; "" for the platform itself
	Role         Role            `json:"role"`
	Organization string          `json:"organization"`
	CityCode     string          `json:"city_code,omitempty"`
	Address      string          `json:"address"` // client address, "cli" or "system"
	UserAgent    string          `json:"user_agent,omitempty"`
	Action       string          `json:"action"` // e.g. "declaration.create", "user.disable", "login.failed"
	Object       string          `json:"object"` // e.g. "patent:2018110001013", "user:12"
	Before       json.RawMessage `json:"before"` // null when the object is new
	After        json.RawMessage `json:"after"`  // null when the object is gone
}

// AuditFilter selects audit entries; zero fields do not filter.
type AuditFilter struct {
	Actor  string    // username
	Object string    // exact object, or a prefix ending in ':' ("user:")
	Action string    // exact action, or a prefix ending in '.' ("user.")
	From   time.Time // inclusive
	To     time.Time // exclusive
	City   string    // entries of actors of this city; set by the service for city users
	Limit  int
	Offset int
}

// AuditService reads the audit log; writes happen inside every other service's acts.
type AuditService interface {
	// ListAudit returns one page of entries, newest first, and the total. The admin
	// sees every entry, a city user those of its city's users; anyone else gets
	// EFORBIDDEN, anonymous callers EUNAUTHORIZED.
	ListAudit(ctx context.Context, f AuditFilter) ([]*AuditEntry, int, error)
}
