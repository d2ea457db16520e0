package sqldb

import "context"

// AuditForTest appends an audit row of action on object inside tx, for tests
// that need a write of their own in an open transaction.
func (tx *Tx) AuditForTest(ctx context.Context, action, object string) error {
	return tx.audit(ctx, action, object, nil, nil)
}
