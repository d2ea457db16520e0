package httpx

import (
	"context"
	"log/slog"
)

// AuditFunc records a write in the audit log: who (user id), what (action, e.g.
// "import.start"), on which object ("import_job:12") and details.
type AuditFunc func(ctx context.Context, userID int64, action, object, detail string) error

// Record calls the audit function when there is one; a failure is logged, not
// returned, because the audited act has already happened.
func (a AuditFunc) Record(ctx context.Context, logger *slog.Logger, userID int64, action, object, detail string) {
	if a == nil {
		return
	}
	if err := a(ctx, userID, action, object, detail); err != nil {
		if logger == nil {
			logger = slog.Default()
		}
		logger.Error("audit: record failed", "action", action, "object", object, "user_id", userID, "err", err)
	}
}
