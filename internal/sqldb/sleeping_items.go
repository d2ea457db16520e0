package sqldb

import (
	"context"
	"database/sql"

	"patentbridge"
)

// queryIDs runs a query selecting one id per row.
func queryIDs(ctx context.Context, tx *sql.Tx, q *query) ([]int64, error) {
	rs, err := tx.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var ids []int64
	for rs.Next() {
		var id int64
		if err := rs.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rs.Err()
}

// sleepingItems loads the patents and results of a run for the ids, in their order.
func (db *DB) sleepingItems(ctx context.Context, tx *sql.Tx, run *storedRun, ids []int64) ([]*patentbridge.SleepingItem, error) {
	items := make([]*patentbridge.SleepingItem, len(ids))
	if len(ids) == 0 {
		return items, nil
	}
	pos := make(map[int64]int, len(ids))
	for i, id := range ids {
		pos[id] = i
		items[i] = &patentbridge.SleepingItem{}
	}
	for chunk := range chunkIDs(ids) {
		q := db.dialect.newQuery().add("SELECT id, " + readColumns + " FROM patents WHERE id IN ").addIDs(chunk)
		rs, err := tx.QueryContext(ctx, q.String(), q.args...)
		if err != nil {
			return nil, err
		}
		for rs.Next() {
			var id int64
			p, err := scanPatent(idScanner{rs, &id})
			if err != nil {
				rs.Close()
				return nil, err
			}
			items[pos[id]].Patent = p
		}
		if err := rs.Close(); err != nil {
			return nil, err
		}
		q = db.dialect.newQuery().add("SELECT "+resultSelect+resultFrom+" WHERE r.run_id = ? AND r.patent_id IN ", run.ID).addIDs(chunk)
		if rs, err = tx.QueryContext(ctx, q.String(), q.args...); err != nil {
			return nil, err
		}
		for rs.Next() {
			id, res, err := scanResult(rs, run)
			if err != nil {
				rs.Close()
				return nil, err
			}
			items[pos[id]].Result = res
		}
		if err := rs.Close(); err != nil {
			return nil, err
		}
	}
	for _, it := range items {
		if it.Patent != nil && it.Result != nil {
			it.Result.AppNo = it.Patent.AppNo
		}
	}
	return items, nil
}

// chunkIDs yields ids in slices short enough for one IN list.
func chunkIDs(ids []int64) func(yield func([]int64) bool) {
	return func(yield func([]int64) bool) {
		for len(ids) > 0 {
			n := min(hashChunk, len(ids))
			if !yield(ids[:n]) {
				return
			}
			ids = ids[n:]
		}
	}
}

// idScanner scans a leading id column, then hands the rest to the wrapped scan.
type idScanner struct {
	s  scanner
	id *int64
}

func (x idScanner) Scan(dest ...any) error { return x.s.Scan(append([]any{x.id}, dest...)...) }
