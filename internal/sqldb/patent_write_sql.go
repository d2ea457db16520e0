package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"patentbridge"
)

// hashChunk bounds the IN list of one stored-hash lookup.
const hashChunk = 500

// sqlWriter writes a batch through database/sql with prepared statements inside
// one transaction on the single writer connection (SQLite).
//
// New patents take the ids after the largest one, so their rows, their child
// rows and most index entries go to the end of each B-tree. Every insert is
// INSERT OR ROLLBACK, foreign keys are deferred and the patents insert leaves
// the id to SQLite (an explicit INTEGER PRIMARY KEY value may fail its type
// check): a statement that cannot abort halfway needs no statement journal, and
// any failure still undoes the whole batch.
type sqlWriter struct{ db *DB }

func (w sqlWriter) upsert(ctx context.Context, rows []*patentRow) (patentbridge.UpsertResult, error) {
	for _, t := range sqliteInserts {
		m := newMultiInsert(w.db, nil, t.name, t.cols)
		for _, n := range m.sizes() {
			if err := w.db.prepareShared(ctx, m.text(n)); err != nil {
				return patentbridge.UpsertResult{}, err
			}
		}
	}
	tx, err := w.db.write.BeginTx(ctx, nil)
	if err != nil {
		return patentbridge.UpsertResult{}, err
	}
	defer tx.Rollback()
	stored, err := w.stored(ctx, tx, appNos(rows))
	if err != nil {
		return patentbridge.UpsertResult{}, err
	}
	pl := planUpsert(rows, stored)
	if len(pl.changes) > 0 {
		if err := w.write(ctx, tx, &pl); err != nil {
			return patentbridge.UpsertResult{}, err
		}
		q, err := importAudit(ctx, w.db.dialect, w.db.now(), rows, pl.result)
		if err != nil {
			return patentbridge.UpsertResult{}, err
		}
		if _, err := tx.ExecContext(ctx, q.String(), q.args...); err != nil {
			return patentbridge.UpsertResult{}, fmt.Errorf("audit import: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return patentbridge.UpsertResult{}, err
	}
	w.db.ckpt.notify()
	return pl.result, nil
}

// stored returns the id and content hash of every listed patent already stored.
func (w sqlWriter) stored(ctx context.Context, tx *sql.Tx, nos []string) (map[string]storedPatent, error) {
	out := make(map[string]storedPatent, len(nos))
	for len(nos) > 0 {
		chunk := nos[:min(hashChunk, len(nos))]
		nos = nos[len(chunk):]
		q := w.db.dialect.newQuery().add("SELECT id, app_no, content_hash FROM patents WHERE app_no IN ").addList(chunk)
		rs, err := tx.QueryContext(ctx, q.String(), q.args...)
		if err != nil {
			return nil, err
		}
		for rs.Next() {
			var no string
			var sp storedPatent
			if err := rs.Scan(&sp.id, &no, &sp.hash); err != nil {
				rs.Close()
				return nil, err
			}
			out[no] = sp
		}
		if err := rs.Close(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// write stores the planned patents, their child rows and outbox entries.
func (w sqlWriter) write(ctx context.Context, tx *sql.Tx, pl *upsertPlan) error {
	var maxID int64
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM patents").Scan(&maxID); err != nil {
		return err
	}
	pl.assignIDs(maxID + 1)
	if err := w.update(ctx, tx, pl); err != nil {
		return err
	}
	ipc, owners := pl.childRows()
	vals := make([][]any, len(pl.insert))
	for i, r := range pl.insert {
		vals[i] = r.vals[1:] // without the id
	}
	for i, rows := range [][][]any{vals, ipc, owners, pl.changes} {
		t := sqliteInserts[i]
		m := newMultiInsert(w.db, tx, t.name, t.cols)
		err := m.exec(ctx, rows)
		m.close()
		if err != nil {
			return err
		}
		if i == 0 {
			if err := checkNewIDs(ctx, tx, maxID+int64(len(vals))); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkNewIDs verifies that SQLite gave the new patents the ids assignIDs
// expected (the largest id plus one, and so on, in insertion order), before any
// child row refers to them.
func checkNewIDs(ctx context.Context, tx *sql.Tx, want int64) error {
	var got int64
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM patents").Scan(&got); err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("new patents end at id %d, want %d", got, want)
	}
	return nil
}

// update overwrites the changed patents row by row and deletes their child rows,
// which write then inserts again.
func (w sqlWriter) update(ctx context.Context, tx *sql.Tx, pl *upsertPlan) error {
	if len(pl.update) == 0 {
		return nil
	}
	for _, t := range []string{"patent_ipc", "patent_owners"} {
		for ids := pl.updated; len(ids) > 0; {
			chunk := ids[:min(hashChunk, len(ids))]
			ids = ids[len(chunk):]
			q := w.db.dialect.newQuery().add("DELETE FROM " + t + " WHERE patent_id IN ").addIDs(chunk)
			if _, err := tx.ExecContext(ctx, q.String(), q.args...); err != nil {
				return err
			}
		}
	}
	cols := updatedPatentColumns()
	st, err := tx.PrepareContext(ctx, "UPDATE OR ROLLBACK patents SET "+strings.Join(cols, " = ?, ")+" = ? WHERE id = ?")
	if err != nil {
		return err
	}
	defer st.Close()
	args := make([]any, 0, len(cols)+1)
	for _, r := range pl.update {
		args = args[:0]
		for i, c := range patentColumns {
			if c != "id" && c != "app_no" && c != "created_at" {
				args = append(args, r.vals[i])
			}
		}
		if _, err := st.ExecContext(ctx, append(args, r.vals[0])...); err != nil {
			return err
		}
	}
	return nil
}

// sqliteInserts are the tables a batch inserts into, in order.
var sqliteInserts = []struct {
	name string
	cols []string
}{
	{"patents", patentColumns[1:]}, // the id comes from SQLite
	{"patent_ipc", ipcColumns},
	{"patent_owners", ownerColumns},
	{"patent_changes", changeColumns},
}
