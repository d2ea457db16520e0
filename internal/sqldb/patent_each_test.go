package sqldb_test

import (
	"context"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

func TestEachPatent(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		ps := []*patentbridge.Patent{newPatent(1), newPatent(2)}
		ps[0].Abstract = "本实用新型公开了一种锂电池散热装置"
		MustUpsert(t, db, ps...)
		var got []*patentbridge.Patent
		if err := db.EachPatent(ctx, func(p *patentbridge.Patent) error { got = append(got, p); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].AppNo != ps[0].AppNo || got[0].Abstract != ps[0].Abstract || len(got[0].Owners()) == 0 {
			t.Fatalf("EachPatent gave %d patents, first %+v", len(got), got[0])
		}
	})
}
