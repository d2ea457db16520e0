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
		stored, err := pgStoredHashes(ctx, tx, appNos(rows))
		if err != nil {
			return err
		}
		pl := planUpsert(rows, stored)
		if len(pl.write) > 0 {
			if err := pgWrite(ctx, tx, pl); err != nil {
				return err
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

func pgStoredHashes(ctx context.Context, tx pgx.Tx, nos []string) (map[string]string, error) {
	rs, err := tx.Query(ctx, "SELECT app_no, content_hash FROM patents WHERE app_no = ANY($1)", nos)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	out := make(map[string]string, len(nos))
	for rs.Next() {
		var no, h string
		if err := rs.Scan(&no, &h); err != nil {
			return nil, err
		}
		out[no] = h
	}
	return out, rs.Err()
}

func pgWrite(ctx context.Context, tx pgx.Tx, pl upsertPlan) error {
	// Writers take turns so that outbox sequence numbers commit in order and a
	// reader tailing patent_changes by seq never skips a late-committing entry.
	if _, err := tx.Exec(ctx, "LOCK TABLE patent_changes IN EXCLUSIVE MODE"); err != nil {
		return err
	}
	if len(pl.updated) > 0 {
		for _, t := range []string{"patent_ipc", "patent_parties", "patent_events"} {
			if _, err := tx.Exec(ctx, "DELETE FROM "+t+" WHERE app_no = ANY($1)", pl.updated); err != nil {
				return err
			}
		}
	}
	if _, err := tx.Exec(ctx, "CREATE TEMP TABLE patents_stage (LIKE patents INCLUDING DEFAULTS) ON COMMIT DROP"); err != nil {
		return err
	}
	var ipc, parties, events, changes [][]any
	vals := make([][]any, len(pl.write))
	for i, r := range pl.write {
		vals[i] = r.vals
		ipc = append(ipc, r.ipc...)
		parties = append(parties, r.parties...)
		events = append(events, r.events...)
		changes = append(changes, []any{r.appNo, pl.ops[i], r.vals[colUpdatedAt]})
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"patents_stage"}, patentColumns, pgx.CopyFromRows(vals)); err != nil {
		return err
	}
	cols := strings.Join(patentColumns, ", ")
	if _, err := tx.Exec(ctx, upsertPatentSQL("SELECT "+cols+" FROM patents_stage")); err != nil {
		return err
	}
	copies := []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"patent_ipc", ipcColumns, ipc},
		{"patent_parties", partyColumns, parties},
		{"patent_events", eventColumns, events},
		{"patent_changes", changeColumns, changes},
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
