package sqldb_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// auditValues decodes an audit row's before or after JSON (nil for null).
func auditValues(tb testing.TB, raw json.RawMessage) map[string]any {
	tb.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		tb.Fatalf("audit value %s: %v", raw, err)
	}
	return m
}

// TestSupplyListAudit: each act on a list writes its audit row, by the signed-in
// user, with the list before and after it.
func TestSupplyListAudit(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		MustUpsert(t, db, allCrafted...)
		MustRun(t, db)
		admin := as(auditAdmin)
		l := MustCreateList(t, admin, db, "全省清单", patentbridge.SleepingFilter{Limit: 2})
		items := []patentbridge.SupplyItem{l.Items[1]}
		items[0].Note = "可独占许可"
		if err := db.UpdateSupplyList(admin, &patentbridge.SupplyList{ID: l.ID, Title: "全省清单（修订）", Items: items}); err != nil {
			t.Fatal(err)
		}
		stopClock(db, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
		if _, err := db.PublishSupplyList(admin, l.ID, true); err != nil {
			t.Fatal(err)
		}
		if err := db.WithdrawSupplyList(admin, l.ID, "部分专利已转让"); err != nil {
			t.Fatal(err)
		}
		object := "supply_list:" + itoa(l.ID)
		es, total, err := db.ListAudit(admin, patentbridge.AuditFilter{Object: object})
		if err != nil || total != 4 {
			t.Fatalf("audit of %s: %d rows, %v; want 4", object, total, err)
		}
		for i, want := range []string{"supply.withdraw", "supply.publish", "supply.update", "supply.create"} {
			if es[i].Action != want || es[i].Actor != "admin" || es[i].Address != "10.0.0.9" {
				t.Errorf("row %d = %s by %s from %s, want %s by admin", i, es[i].Action, es[i].Actor, es[i].Address, want)
			}
		}
		withdrawn, published, updated, created := es[0], es[1], es[2], es[3]
		if string(created.Before) != "null" || auditValues(t, created.After)["title"] != "全省清单" || auditValues(t, created.After)["status"] != "draft" {
			t.Errorf("create: before %s, after %s", created.Before, created.After)
		}
		before, after := auditValues(t, updated.Before), auditValues(t, updated.After)
		if before["title"] != "全省清单" || len(before["items"].([]any)) != 2 || after["title"] != "全省清单（修订）" ||
			len(after["items"].([]any)) != 1 || after["notes"].(map[string]any)[items[0].AppNo] != "可独占许可" {
			t.Errorf("update: before %s, after %s", updated.Before, updated.After)
		}
		before, after = auditValues(t, published.Before), auditValues(t, published.After)
		if before["number"] != "草稿" || after["number"] != "2026年第1期" || after["status"] != "published" ||
			after["published_at"] != "2026-12-01T09:00:00.000000Z" {
			t.Errorf("publish: before %s, after %s", published.Before, published.After)
		}
		before, after = auditValues(t, withdrawn.Before), auditValues(t, withdrawn.After)
		if before["status"] != "published" || after["status"] != "withdrawn" || after["withdraw_reason"] != "部分专利已转让" {
			t.Errorf("withdraw: before %s, after %s", withdrawn.Before, withdrawn.After)
		}

		// A city user's list is audited as its act, visible to it in its city's log.
		MustCreateList(t, as(auditCity), db, "成都市清单", patentbridge.SleepingFilter{})
		mine, n, err := db.ListAudit(as(auditCity), patentbridge.AuditFilter{Action: "supply."})
		if err != nil || n != 1 || mine[0].Actor != "chengdu" || mine[0].CityCode != "5101" || auditValues(t, mine[0].After)["city_code"] != "5101" {
			t.Errorf("Chengdu's audit = %+v (%d), %v", mine, n, err)
		}
	})
}

// TestSupplyListAuditFailure: an act whose audit row cannot be written leaves
// nothing behind: no new list, no edit, no publication, no withdrawal.
func TestSupplyListAuditFailure(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		MustUpsert(t, db, allCrafted...)
		MustRun(t, db)
		draft := MustCreateList(t, ctx, db, "草稿", patentbridge.SleepingFilter{})
		pub := MustCreateList(t, ctx, db, "已发布", patentbridge.SleepingFilter{})
		if _, err := db.PublishSupplyList(ctx, pub.ID, true); err != nil {
			t.Fatal(err)
		}
		MustFailAudit(t, db)

		if err := db.CreateSupplyList(ctx, &patentbridge.SupplyList{Title: "新清单"}); err == nil {
			t.Error("a list was created without its audit row")
		}
		if err := db.UpdateSupplyList(ctx, &patentbridge.SupplyList{ID: draft.ID, Title: "改名", Items: draft.Items}); err == nil {
			t.Error("a list was edited without its audit row")
		}
		if _, err := db.PublishSupplyList(ctx, draft.ID, true); err == nil {
			t.Error("a list was published without its audit row")
		}
		if err := db.WithdrawSupplyList(ctx, pub.ID, "撤回"); err == nil {
			t.Error("a list was withdrawn without its audit row")
		}
		all, err := db.ListSupplyLists(ctx, true)
		if err != nil || len(all) != 2 {
			t.Fatalf("lists = %d, %v; want the 2 from before", len(all), err)
		}
		if got, _ := db.FindSupplyList(ctx, draft.ID); got.Title != "草稿" || got.Status != patentbridge.ListDraft || got.Number != 0 {
			t.Errorf("draft after the failed acts = %q %s %d", got.Title, got.Status, got.Number)
		}
		if got, _ := db.FindSupplyList(ctx, pub.ID); got.Status != patentbridge.ListPublished || got.WithdrawReason != "" {
			t.Errorf("published list after the failed withdrawal = %s %q", got.Status, got.WithdrawReason)
		}
		if counts, _ := db.CountPublishedLists(ctx); counts[2026] != 1 {
			t.Errorf("published counts = %v, want the one from before", counts)
		}
	})
}
