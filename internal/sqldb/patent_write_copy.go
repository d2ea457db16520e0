package sqldb

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"patentbridge"
)

// copyWriter writes a batch on PostgreSQL with native COPY: patents into a
// temporary staging table merged by INSERT … ON CONFLICT, child rows and outbox
// entries straight into their tables, all in one transaction.
type copyWriter struct{ db *DB }

func (w copyWriter) upsert(ctx context.Context, rows []*patentRow) (patentbridge.UpsertResult, error) {
	conn, err := w.db.write.Conn(ctx)
	if err != nil {
		return patentbridge.UpsertResult{}, err
	}
	defer conn.Close()
	var res patentbridge.UpsertResult
	err = conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		tx, err := sc.Conn().Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		// Writers take turns, from before they read the stored hashes until they
		// commit: the plan then holds (no other writer inserts the same new
		// patent meanwhile), and outbox sequence numbers commit in order, so a
		// reader tailing patent_changes by seq never skips a late-committing entry.
		if _, err := tx.Exec(ctx, "LOCK TABLE patent_changes IN EXCLUSIVE MODE"); err != nil {
			return err
		}
		stored, err := pgStored(ctx, tx, appNos(rows))
		if err != nil {
			return err
		}
		pl := planUpsert(rows, stored)
		if len(pl.changes) > 0 {
			if err := pgWrite(ctx, tx, &pl); err != nil {
				return err
			}
			q, err := importAudit(ctx, w.db.dialect, w.db.now(), rows, pl.result)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, q.String(), q.args...); err != nil {
				return fmt.Errorf("audit import: %w", err)
			}
		}
		res = pl.result
		return tx.Commit(ctx)
	})
	if err != nil {
		return patentbridge.UpsertResult{}, err
	}
	return res, nil
}

func pgStored(ctx context.Context, tx pgx.Tx, nos []string) (map[string]storedPatent, error) {
	rs, err := tx.Query(ctx, "SELECT id, app_no, content_hash FROM patents WHERE app_no = ANY($1)", nos)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	out := make(map[string]storedPatent, len(nos))
	for rs.Next() {
		var no string
		var sp storedPatent
		if err := rs.Scan(&sp.id, &no, &sp.hash); err != nil {
			return nil, err
		}
		out[no] = sp
	}
	return out, rs.Err()
}

// pgNewIDs takes n ids from the patents identity sequence.
func pgNewIDs(ctx context.Context, tx pgx.Tx, n int) ([]int64, error) {
	rs, err := tx.Query(ctx, "SELECT nextval(pg_get_serial_sequence('patents', 'id')) FROM generate_series(1, $1)", n)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	ids := make([]int64, 0, n)
	for rs.Next() {
		var id int64
		if err := rs.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if err := rs.Err(); err != nil {
		return nil, err
	}
	if len(ids) != n {
		return nil, fmt.Errorf("got %d new patent ids, want %d", len(ids), n)
	}
	return ids, nil
}

func pgWrite(ctx context.Context, tx pgx.Tx, pl *upsertPlan) error {
	if len(pl.insert) > 0 {
		ids, err := pgNewIDs(ctx, tx, len(pl.insert))
		if err != nil {
			return err
		}
		for i, r := range pl.insert {
			r.setID(ids[i])
		}
	}
	if len(pl.updated) > 0 {
		for _, t := range []string{"patent_ipc", "patent_owners"} {
			if _, err := tx.Exec(ctx, "DELETE FROM "+t+" WHERE patent_id = ANY($1)", pl.updated); err != nil {
				return err
			}
		}
	}
	if _, err := tx.Exec(ctx, "CREATE TEMP TABLE patents_stage (LIKE patents INCLUDING DEFAULTS) ON COMMIT DROP"); err != nil {
		return err
	}
	var vals [][]any
	for _, rs := range [][]*patentRow{pl.insert, pl.update} {
		for _, r := range rs {
			vals = append(vals, r.vals)
		}
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"patents_stage"}, patentColumns, pgx.CopyFromRows(vals)); err != nil {
		return err
	}
	cols := strings.Join(patentColumns, ", ")
	set := updatedPatentColumns()
	for i, c := range set {
		set[i] = c + " = excluded." + c
	}
	if _, err := tx.Exec(ctx, "INSERT INTO patents ("+cols+") SELECT "+cols+" FROM patents_stage ON CONFLICT (id) DO UPDATE SET "+
		strings.Join(set, ", ")); err != nil {
		return err
	}
	ipc, owners := pl.childRows()
	copies := []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"patent_ipc", ipcColumns, ipc},
		{"patent_owners", ownerColumns, owners},
		{"patent_changes", changeColumns, pl.changes},
	}
	for _, c := range copies {
		if len(c.rows) == 0 {
			continue
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(c.rows)); err != nil {
			return err
		}
	}
	return nil
}
