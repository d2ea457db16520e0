package sqldb

import (
	"context"
	"database/sql"
	"strings"
)

// maxParams bounds the placeholders of one multi-row INSERT (SQLite allows 32766).
const maxParams = 8000

// multiInsert inserts many rows with multi-row VALUES statements, prepared once per
// chunk size, which saves most of the per-statement cost of row-at-a-time inserts.
type multiInsert struct {
	db     *DB
	d      *dialect
	tx     *sql.Tx
	prefix string // "INSERT OR ROLLBACK INTO t (a, b) VALUES "
	ncols  int
	stmts  map[int]*sql.Stmt
}

// newMultiInsert returns an inserter into table. On SQLite, OR ROLLBACK makes a
// failed constraint undo the whole transaction rather than the statement alone,
// so SQLite keeps no statement journal for these statements.
func newMultiInsert(db *DB, tx *sql.Tx, table string, cols []string) *multiInsert {
	return &multiInsert{db: db, d: db.dialect, tx: tx, ncols: len(cols), stmts: map[int]*sql.Stmt{},
		prefix: db.dialect.insertAll + table + " (" + strings.Join(cols, ", ") + ") VALUES "}
}

// exec inserts rows, each holding one value per column: full chunks first, then
// the rest in chunks of decreasing powers of two, so that every statement comes
// from the few sizes that sizes lists and prepareShared keeps.
func (m *multiInsert) exec(ctx context.Context, rows [][]any) error {
	sizes := m.sizes()
	args := make([]any, 0, min(len(rows), sizes[0])*m.ncols)
	for i, n := range sizes {
		// Full chunks repeat; each smaller size is used at most once, since
		// what is left is below twice the size.
		for len(rows) >= n {
			st, err := m.stmt(ctx, n)
			if err != nil {
				return err
			}
			args = args[:0]
			for _, r := range rows[:n] {
				args = append(args, r...)
			}
			rows = rows[n:]
			if _, err := st.ExecContext(ctx, args...); err != nil {
				return err
			}
			if i > 0 {
				break
			}
		}
	}
	return nil
}

// sizes returns the rows per statement exec uses: the full chunk, then every
// power of two below it, largest first.
func (m *multiInsert) sizes() []int {
	full := m.fullChunk()
	out := []int{full}
	p := 1
	for p*2 < full {
		p *= 2
	}
	for ; p >= 1; p /= 2 {
		if p < full {
			out = append(out, p)
		}
	}
	return out
}

func (m *multiInsert) stmt(ctx context.Context, n int) (*sql.Stmt, error) {
	if st, ok := m.stmts[n]; ok {
		return st, nil
	}
	text := m.text(n)
	var st *sql.Stmt
	if shared := m.db.cachedStmt(text); shared != nil {
		st = m.tx.StmtContext(ctx, shared)
	} else {
		var err error
		if st, err = m.tx.PrepareContext(ctx, text); err != nil {
			return nil, err
		}
	}
	m.stmts[n] = st
	return st, nil
}

// fullChunk is the number of rows of a full chunk.
func (m *multiInsert) fullChunk() int { return max(1, maxParams/m.ncols) }

// text returns the statement inserting n rows.
func (m *multiInsert) text(n int) string {
	q := m.d.newQuery()
	q.b.WriteString(m.prefix)
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?, ", m.ncols), ", ") + ")"
	for i := range n {
		if i > 0 {
			q.b.WriteString(", ")
		}
		q.b.WriteString(tuple)
	}
	return m.d.rebind(q.String())
}

// prepareShared prepares a statement on the write pool so that later
// transactions reuse it; it must run outside a transaction, since SQLite's writer
// pool has a single connection.
func (db *DB) prepareShared(ctx context.Context, text string) error {
	db.stmtMu.Lock()
	defer db.stmtMu.Unlock()
	if _, ok := db.stmts[text]; ok {
		return nil
	}
	st, err := db.write.PrepareContext(ctx, text)
	if err != nil {
		return err
	}
	if db.stmts == nil {
		db.stmts = map[string]*sql.Stmt{}
	}
	db.stmts[text] = st
	return nil
}

// cachedStmt returns a statement prepared by prepareShared, or nil.
func (db *DB) cachedStmt(text string) *sql.Stmt {
	db.stmtMu.Lock()
	defer db.stmtMu.Unlock()
	return db.stmts[text]
}

// close releases the prepared statements.
func (m *multiInsert) close() {
	for _, st := range m.stmts {
		st.Close()
	}
}
