package sqldb

import (
	"context"
	"fmt"

	"patentbridge"
)

// CountOffers returns how many offers were published in each year (withdrawn
// ones were published, so they count): supply items of the KPIs.
func (db *DB) CountOffers(ctx context.Context) (map[int]int, error) {
	return db.countByYear(ctx, "offers", "SELECT published_at FROM offers WHERE published_at <> ''")
}

// CountSOEShared returns how many SOE mature patents were shared in each year:
// the patents of the 成熟专利共享 offers published that year.
func (db *DB) CountSOEShared(ctx context.Context) (map[int]int, error) {
	return db.countByYear(ctx, "SOE shared patents", `SELECT o.published_at FROM offers o
		JOIN offer_patents op ON op.offer_id = o.id WHERE o.soe_shared = 1 AND o.published_at <> ''`)
}

// countByYear counts the rows of a query of RFC 3339 times by their year.
func (db *DB) countByYear(ctx context.Context, what, sql string) (map[int]int, error) {
	rs, err := db.read.QueryContext(ctx, sql)
	if err != nil {
		return nil, fmt.Errorf("sqldb: count %s: %w", what, err)
	}
	defer rs.Close()
	out := map[int]int{}
	for rs.Next() {
		var at string
		if err := rs.Scan(&at); err != nil {
			return nil, fmt.Errorf("sqldb: count %s: %w", what, err)
		}
		t, err := parseTime(at)
		if err != nil {
			return nil, fmt.Errorf("sqldb: count %s: %w", what, err)
		}
		out[t.In(patentbridge.Beijing).Year()]++ // the programme counts Beijing years
	}
	return out, rs.Err()
}

// OfferedTerms gives, for each of appNos on a published offer, the offer's
// matching reason ("可转让，报价 50 万元"; the latest offer when several).
func (db *DB) OfferedTerms(ctx context.Context, appNos []string) (map[string]string, error) {
	out := map[string]string{}
	for chunk := range chunkStrings(appNos) {
		q := db.dialect.newQuery().add(`SELECT op.app_no, o.kind, o.price_fen, o.negotiable FROM offer_patents op
			JOIN offers o ON o.id = op.offer_id WHERE o.status = ? AND op.app_no IN `, patentbridge.OfferPublished).
			addList(chunk).add(" ORDER BY o.published_at, o.id")
		rs, err := db.read.QueryContext(ctx, q.String(), q.args...)
		if err != nil {
			return nil, fmt.Errorf("sqldb: offered patents: %w", err)
		}
		for rs.Next() {
			var no, kind string
			var o patentbridge.Offer
			var negotiable int
			if err := rs.Scan(&no, &kind, &o.PriceFen, &negotiable); err != nil {
				rs.Close()
				return nil, fmt.Errorf("sqldb: offered patents: %w", err)
			}
			o.Kind, o.Negotiable = patentbridge.OfferKind(kind), negotiable != 0
			out[no] = o.Reason()
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return nil, fmt.Errorf("sqldb: offered patents: %w", err)
		}
	}
	return out, nil
}

// chunkStrings yields values in chunks small enough for one IN list.
func chunkStrings(values []string) func(func([]string) bool) {
	return func(yield func([]string) bool) {
		for i := 0; i < len(values); i += 500 {
			if !yield(values[i:min(i+500, len(values))]) {
				return
			}
		}
	}
}
