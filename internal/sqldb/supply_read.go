package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

// FindSupplyList returns a list with its items; a draft is not found by those
// who may not manage it (see patentbridge.AuthorizeSupplyList). Returns ENOTFOUND.
func (db *DB) FindSupplyList(ctx context.Context, id int64) (*patentbridge.SupplyList, error) {
	l, err := db.findSupplyList(ctx, db.read, id)
	if err != nil {
		return nil, err
	}
	if !canSeeSupplyList(ctx, l) {
		return nil, supplyNotFound(id)
	}
	return l, nil
}

// ListSupplyLists returns lists with their items, the latest published (drafts:
// created) first: published and withdrawn ones, and with includeDrafts the
// drafts the ctx user may manage.
func (db *DB) ListSupplyLists(ctx context.Context, includeDrafts bool) ([]*patentbridge.SupplyList, error) {
	q := db.dialect.newQuery().add("SELECT " + supplyColumns + " FROM supply_lists")
	if !includeDrafts {
		q.add(" WHERE status <> ?", patentbridge.ListDraft)
	}
	q.add(" ORDER BY CASE WHEN published_at = '' THEN created_at ELSE published_at END DESC, id DESC")
	rs, err := db.read.QueryContext(ctx, q.String(), q.args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: list supply lists: %w", err)
	}
	defer rs.Close()
	out := []*patentbridge.SupplyList{}
	for rs.Next() {
		l, err := scanSupplyList(rs)
		if err != nil {
			return nil, fmt.Errorf("sqldb: list supply lists: %w", err)
		}
		if canSeeSupplyList(ctx, l) {
			out = append(out, l)
		}
	}
	return out, rs.Err()
}

// CountPublishedLists returns how many lists were published in each year;
// withdrawn lists were published and keep their number, so they count.
func (db *DB) CountPublishedLists(ctx context.Context) (map[int]int, error) {
	rs, err := db.read.QueryContext(ctx, "SELECT year, COUNT(*) FROM supply_lists WHERE number > 0 GROUP BY year")
	if err != nil {
		return nil, fmt.Errorf("sqldb: count published lists: %w", err)
	}
	defer rs.Close()
	out := map[int]int{}
	for rs.Next() {
		var y, n int
		if err := rs.Scan(&y, &n); err != nil {
			return nil, fmt.Errorf("sqldb: count published lists: %w", err)
		}
		out[y] = n
	}
	return out, rs.Err()
}
