package sqldb

import (
	"context"
	"database/sql"
	"strings"

	"patentbridge"
)

// hashChunk bounds the IN list of one stored-hash lookup.
const hashChunk = 500

// sqlWriter writes a batch through database/sql with prepared statements inside
// one transaction on the single writer connection (SQLite).
type sqlWriter struct{ db *DB }

func (w sqlWriter) upsert(ctx context.Context, rows []*patentRow) (patentbridge.UpsertResult, error) {
	tx, err := w.db.write.BeginTx(ctx, nil)
	if err != nil {
		return patentbridge.UpsertResult{}, err
	}
	defer tx.Rollback()
	stored, err := w.storedHashes(ctx, tx, appNos(rows))
	if err != nil {
		return patentbridge.UpsertResult{}, err
	}
	pl := planUpsert(rows, stored)
	if len(pl.write) > 0 {
		if err := w.write(ctx, tx, pl); err != nil {
			return patentbridge.UpsertResult{}, err
		}
	}
	if err := tx.Commit(); err != nil {
		return patentbridge.UpsertResult{}, err
	}
	return pl.result, nil
}

// storedHashes returns the content hash of every listed patent already stored.
func (w sqlWriter) storedHashes(ctx context.Context, tx *sql.Tx, nos []string) (map[string]string, error) {
	out := make(map[string]string, len(nos))
	for len(nos) > 0 {
		chunk := nos[:min(hashChunk, len(nos))]
		nos = nos[len(chunk):]
		q := w.db.dialect.newQuery().add("SELECT app_no, content_hash FROM patents WHERE app_no IN ").addList(chunk)
		rs, err := tx.QueryContext(ctx, q.String(), q.args...)
		if err != nil {
			return nil, err
		}
		for rs.Next() {
			var no, h string
			if err := rs.Scan(&no, &h); err != nil {
				rs.Close()
				return nil, err
			}
			out[no] = h
		}
		if err := rs.Close(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// write replaces the planned patents, their child rows and outbox entries.
func (w sqlWriter) write(ctx context.Context, tx *sql.Tx, pl upsertPlan) error {
	d := w.db.dialect
	stmt := func(sql string) (*sql.Stmt, error) { return tx.PrepareContext(ctx, d.rebind(sql)) }
	var stmts [8]*sql.Stmt
	defer func() {
		for _, s := range stmts {
			if s != nil {
				s.Close()
			}
		}
	}()
	texts := []string{
		upsertPatentSQL("VALUES (" + strings.TrimSuffix(strings.Repeat("?, ", len(patentColumns)), ", ") + ")"),
		"INSERT INTO patent_ipc (app_no, code, is_main) VALUES (?, ?, ?)",
		"INSERT INTO patent_parties (app_no, role, pos, name, type) VALUES (?, ?, ?, ?, ?)",
		"INSERT INTO patent_events (app_no, pos, type, date, text) VALUES (?, ?, ?, ?, ?)",
		"INSERT INTO patent_changes (app_no, op, changed_at) VALUES (?, ?, ?)",
		"DELETE FROM patent_ipc WHERE app_no = ?",
		"DELETE FROM patent_parties WHERE app_no = ?",
		"DELETE FROM patent_events WHERE app_no = ?",
	}
	for i, t := range texts {
		if i >= 5 && len(pl.updated) == 0 {
			break
		}
		s, err := stmt(t)
		if err != nil {
			return err
		}
		stmts[i] = s
	}
	for _, no := range pl.updated {
		for _, s := range stmts[5:] {
			if _, err := s.ExecContext(ctx, no); err != nil {
				return err
			}
		}
	}
	for i, r := range pl.write {
		if _, err := stmts[0].ExecContext(ctx, r.vals...); err != nil {
			return err
		}
		for j, children := range [][][]any{r.ipc, r.parties, r.events} {
			for _, c := range children {
				if _, err := stmts[1+j].ExecContext(ctx, c...); err != nil {
					return err
				}
			}
		}
		if _, err := stmts[4].ExecContext(ctx, r.appNo, pl.ops[i], r.vals[colUpdatedAt]); err != nil {
			return err
		}
	}
	return nil
}
