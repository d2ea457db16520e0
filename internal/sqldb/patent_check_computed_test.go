package sqldb_test

import (
	"context"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// TestPatentCheckComputed stores the flag that the platform computed an old
// number's check character, and a later source that gives the character
// clears it: the record then changes, although no other field does.
func TestPatentCheckComputed(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		old := newPatent(1)
		old.AppNo, old.AppNoCheckComputed = "851024750", true
		plain := newPatent(2)
		MustUpsert(t, db, old, plain)
		got, err := db.FindPatent(ctx, old.AppNo)
		if err != nil || !got.AppNoCheckComputed {
			t.Fatalf("FindPatent(%s) = %+v, %v; want the check character marked computed", old.AppNo, got, err)
		}
		if got, err := db.FindPatent(ctx, plain.AppNo); err != nil || got.AppNoCheckComputed {
			t.Fatalf("FindPatent(%s) = %+v, %v; want the source's check character", plain.AppNo, got, err)
		}
		if res := MustUpsert(t, db, old, plain); res.Unchanged != 2 {
			t.Errorf("the same rows again: %+v, want both unchanged", res)
		}
		again := *old
		again.AppNoCheckComputed = false
		if res := MustUpsert(t, db, &again); res.Updated != 1 {
			t.Errorf("the number now with its check character: %+v, want updated", res)
		}
		if got, err := db.FindPatent(ctx, old.AppNo); err != nil || got.AppNoCheckComputed {
			t.Errorf("after the source gave the check character: %+v, %v", got, err)
		}
		list, _, err := db.ListPatents(ctx, patentbridge.PatentFilter{Limit: 10})
		if err != nil || len(list) != 2 {
			t.Fatalf("ListPatents = %d, %v", len(list), err)
		}
	})
}
