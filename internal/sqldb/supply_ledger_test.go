package sqldb_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"patentbridge"
	"patentbridge/internal/ledger"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// ledgerRecord reads entry idx as a record.
func ledgerRecord(t *testing.T, db *sqldb.DB, idx int64) (ledger.Record, map[string]any) {
	t.Helper()
	e, err := db.Entry(context.Background(), idx)
	if err != nil {
		t.Fatal(err)
	}
	var r ledger.Record
	if err := json.Unmarshal(e.Record, &r); err != nil {
		t.Fatal(err)
	}
	data, _ := r.Data.(map[string]any)
	return r, data
}

func TestSupplyListPublishAndWithdrawAreInTheLedger(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := platformCtx()
		MustUpsert(t, db, allCrafted...)
		MustRun(t, db)
		l := MustCreateList(t, ctx, db, "全省清单", patentbridge.SleepingFilter{Limit: 2})
		pub, err := db.PublishSupplyList(ctx, l.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		if pub.LedgerIndex == nil || *pub.LedgerIndex != 0 {
			t.Fatalf("published list's ledger index = %v, want 0", pub.LedgerIndex)
		}
		r, data := ledgerRecord(t, db, 0)
		items, _ := data["items"].([]any)
		if r.Kind != "supply_list.publish" || r.Object != fmt.Sprintf("supply_list:%d", l.ID) || data["number"] != "2026年第1期" ||
			data["title"] != "全省清单" || len(items) != 2 || items[0].(map[string]any)["app_no"] != l.Items[0].AppNo {
			t.Fatalf("publication record = %+v", r)
		}
		if err := db.WithdrawSupplyList(ctx, l.ID, "部分专利已转让"); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindSupplyList(ctx, l.ID)
		if err != nil || got.LedgerIndex == nil || *got.LedgerIndex != 0 || got.WithdrawLedgerIndex == nil || *got.WithdrawLedgerIndex != 1 {
			t.Fatalf("withdrawn list = %+v, %v", got, err)
		}
		r, data = ledgerRecord(t, db, 1)
		if r.Kind != "supply_list.withdraw" || data["withdraw_reason"] != "部分专利已转让" || data["withdrawn_at"] == "" {
			t.Fatalf("withdrawal record = %+v", r)
		}
	})
}

func TestSupplyListPublishWhoseLedgerAppendFailsLeavesADraft(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := platformCtx()
		MustUpsert(t, db, allCrafted...)
		MustRun(t, db)
		l := MustCreateList(t, ctx, db, "全省清单", patentbridge.SleepingFilter{Limit: 2})
		MustFailLedger(t, db)
		if _, err := db.PublishSupplyList(ctx, l.ID, true); err == nil {
			t.Fatal("publish succeeded without its ledger entry")
		}
		got, err := db.FindSupplyList(ctx, l.ID)
		if err != nil || got.Status != patentbridge.ListDraft || got.Number != 0 || got.LedgerIndex != nil {
			t.Fatalf("list after the failed publication = %+v, %v", got, err)
		}
		n, err := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM audit_log WHERE action = 'supply.publish'")
		if err != nil || n != 0 {
			t.Fatalf("audit rows of the failed publication: %d (%v)", n, err)
		}
		if n, _ := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM ledger_checkpoints"); n != 0 {
			t.Fatalf("%d checkpoints after the failed publication", n)
		}
	})
}

func TestBackfillSupplyLedgerAppendsOldListsInPublicationOrder(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := platformCtx()
		MustUpsert(t, db, allCrafted...)
		MustRun(t, db)
		a := MustCreateList(t, ctx, db, "甲清单", patentbridge.SleepingFilter{Limit: 1})
		b := MustCreateList(t, ctx, db, "乙清单", patentbridge.SleepingFilter{Limit: 1})
		c := MustCreateList(t, ctx, db, "丙清单", patentbridge.SleepingFilter{Limit: 1})
		for _, id := range []int64{b.ID, c.ID, a.ID} { // b, c and a were published in that order
			if _, err := db.PublishSupplyList(ctx, id, true); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.WithdrawSupplyList(ctx, c.ID, "专利已转让"); err != nil {
			t.Fatal(err)
		}
		// The database as it was before the ledger: no entries, no indexes.
		for _, s := range []string{"DELETE FROM ledger_entries", "DELETE FROM ledger_hashes", "DELETE FROM ledger_checkpoints",
			"UPDATE supply_lists SET ledger_index = NULL, withdraw_ledger_index = NULL"} {
			if err := db.ExecForTest(context.Background(), s); err != nil {
				t.Fatal(err)
			}
		}
		n, err := db.BackfillSupplyLedger(context.Background())
		if err != nil || n != 4 {
			t.Fatalf("backfill appended %d (%v), want 4", n, err)
		}
		for i, want := range []struct {
			kind string
			id   int64
		}{{"supply_list.publish", b.ID}, {"supply_list.publish", c.ID}, {"supply_list.publish", a.ID}, {"supply_list.withdraw", c.ID}} {
			r, _ := ledgerRecord(t, db, int64(i))
			if r.Kind != want.kind || r.Object != fmt.Sprintf("supply_list:%d", want.id) {
				t.Errorf("entry %d = %s %s, want %s supply_list:%d", i, r.Kind, r.Object, want.kind, want.id)
			}
		}
		if got, _ := db.FindSupplyList(ctx, a.ID); got.LedgerIndex == nil || *got.LedgerIndex != 2 {
			t.Errorf("list 甲's ledger index = %v, want 2", got.LedgerIndex)
		}
		if n, err := db.BackfillSupplyLedger(context.Background()); err != nil || n != 0 {
			t.Fatalf("second backfill appended %d (%v), want 0", n, err)
		}
		if rep, err := db.VerifyLedger(context.Background()); err != nil || !rep.OK() || rep.Size != 4 {
			t.Fatalf("VerifyLedger = %+v, %v", rep, err)
		}
		if n, err := db.QueryIntForTest(ctx, "SELECT COUNT(*) FROM audit_log WHERE action = 'ledger.backfill'"); err != nil || n != 1 {
			t.Errorf("backfill audit rows = %d (%v), want 1 (the second call appended nothing)", n, err)
		}
	})
}
