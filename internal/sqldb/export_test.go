package sqldb

import "context"

// ExecForTest runs a statement on the write pool, for tests that break the
// database on purpose (an audit insert that fails, an entry that is edited).
func (db *DB) ExecForTest(ctx context.Context, sql string) error {
	_, err := db.write.ExecContext(ctx, sql)
	return err
}
