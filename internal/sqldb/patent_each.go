package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

// EachPatent calls fn for every stored patent with all its fields, in storage order,
// inside one read transaction (a consistent snapshot), e.g. to build a search index.
// It returns the first error fn returns.
func (db *DB) EachPatent(ctx context.Context, fn func(p *patentbridge.Patent) error) error {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqldb: each patent: %w", err)
	}
	defer tx.Rollback()
	rs, err := tx.QueryContext(ctx, "SELECT "+readColumns+" FROM patents ORDER BY id")
	if err != nil {
		return fmt.Errorf("sqldb: each patent: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		p, err := scanPatent(rs)
		if err != nil {
			return fmt.Errorf("sqldb: each patent: %w", err)
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	return rs.Err()
}
