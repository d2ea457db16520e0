package sqldb

import (
	"context"
	"database/sql"

	"patentbridge"
)

// hashChunk bounds the IN list of one stored-hash lookup.
const hashChunk = 500

// sqlWriter writes a batch through database/sql with prepared statements inside
// one transaction on the single writer connection (SQLite).
type sqlWriter struct{ db *DB }

func (w sqlWriter) upsert(ctx context.Context, rows []*patentRow) (patentbridge.UpsertResult, error) {
	for _, t := range w.tables(nil) {
		m := newMultiInsert(w.db, nil, t.name, t.cols, t.suffix)
		if err := w.db.prepareShared(ctx, m.text(m.fullChunk())); err != nil {
			return patentbridge.UpsertResult{}, err
		}
	}
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
	if len(pl.updated) > 0 {
		for _, t := range []string{"patent_ipc", "patent_parties", "patent_events"} {
			for nos := pl.updated; len(nos) > 0; {
				chunk := nos[:min(hashChunk, len(nos))]
				nos = nos[len(chunk):]
				q := d.newQuery().add("DELETE FROM " + t + " WHERE app_no IN ").addList(chunk)
				if _, err := tx.ExecContext(ctx, q.String(), q.args...); err != nil {
					return err
				}
			}
		}
	}
	for _, t := range w.tables(&pl) {
		m := newMultiInsert(w.db, tx, t.name, t.cols, t.suffix)
		err := m.exec(ctx, t.rows)
		m.close()
		if err != nil {
			return err
		}
	}
	return nil
}

// insertTable is one table a batch inserts into, with its rows.
type insertTable struct {
	name   string
	cols   []string
	suffix string
	rows   [][]any
}

// tables lists the tables a batch writes, in order, with the plan's rows.
func (w sqlWriter) tables(pl *upsertPlan) []insertTable {
	ts := []insertTable{
		{name: "patents", cols: patentColumns, suffix: upsertPatentSet()},
		{name: "patent_ipc", cols: ipcColumns},
		{name: "patent_parties", cols: partyColumns},
		{name: "patent_events", cols: eventColumns},
		{name: "patent_changes", cols: changeColumns},
	}
	if pl == nil {
		return ts
	}
	for i, r := range pl.write {
		ts[0].rows = append(ts[0].rows, r.vals)
		ts[1].rows = append(ts[1].rows, r.ipc...)
		ts[2].rows = append(ts[2].rows, r.parties...)
		ts[3].rows = append(ts[3].rows, r.events...)
		ts[4].rows = append(ts[4].rows, []any{r.appNo, pl.ops[i], r.vals[colUpdatedAt]})
	}
	return ts
}
