package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Tx is the write transaction of one act: every statement of the act, and its
// audit rows, commit together or not at all. Its clock reading is fixed at the
// start, so all rows of an act carry the same time.
type Tx struct {
	tx  *sql.Tx
	db  *DB
	now time.Time
}

// WithTx runs fn in one write transaction, committed when fn returns nil and
// rolled back when it returns an error or panics. Public methods of the store
// open it; private helpers take the *Tx and compose inside it.
func (db *DB) WithTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqldb: begin: %w", err)
	}
	tx := &Tx{tx: sqlTx, db: db, now: db.now()}
	defer func() {
		if p := recover(); p != nil {
			sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			sqlTx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = sqlTx.Commit(); err != nil {
		return fmt.Errorf("sqldb: commit: %w", err)
	}
	return nil
}

// exec runs a statement in the transaction.
func (tx *Tx) exec(ctx context.Context, q *query) (sql.Result, error) {
	return tx.tx.ExecContext(ctx, q.String(), q.args...)
}

// queryRow runs a one-row query in the transaction.
func (tx *Tx) queryRow(ctx context.Context, q *query) *sql.Row {
	return tx.tx.QueryRowContext(ctx, q.String(), q.args...)
}

// query runs a query in the transaction.
func (tx *Tx) query(ctx context.Context, q *query) (*sql.Rows, error) {
	return tx.tx.QueryContext(ctx, q.String(), q.args...)
}

// q starts a statement in the transaction's dialect.
func (tx *Tx) q() *query { return tx.db.dialect.newQuery() }

// affected returns the rows a statement changed.
func affected(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// isNoRows reports whether err says a query found nothing.
func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
