package sqldb_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// cityNames resolves the two cities of these tests.
func cityNames(code4 string) string {
	return map[string]string{"5101": "成都市", "5107": "绵阳市"}[code4]
}

// TestSupplyNumberingPerIssuer: the province and each city number their own
// series per year, titled with their own name, also when they publish at once.
func TestSupplyNumberingPerIssuer(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		MustUpsert(t, db, allCrafted...)
		MustRun(t, db)
		admin, chengdu, mianyang := as(auditAdmin), as(auditCity), as(auditMy)
		stopClock(db, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
		publish := func(ctx context.Context, l *patentbridge.SupplyList) *patentbridge.SupplyList {
			t.Helper()
			p, err := db.PublishSupplyList(ctx, l.ID, true)
			if err != nil {
				t.Fatalf("publish %s: %v", l.Title, err)
			}
			return p
		}
		newList := func(ctx context.Context, title string) *patentbridge.SupplyList {
			t.Helper()
			l := &patentbridge.SupplyList{Title: title}
			if err := db.CreateSupplyList(ctx, l); err != nil {
				t.Fatalf("create %s: %v", title, err)
			}
			return l
		}
		prov1, cd1, cd2, my1 := newList(admin, "全省第一批"), newList(chengdu, "成都第一批"), newList(chengdu, "成都第二批"), newList(mianyang, "绵阳第一批")
		for _, tc := range []struct {
			ctx     context.Context
			l       *patentbridge.SupplyList
			heading string
		}{
			{admin, prov1, "四川省专利技术供给清单（2026年第1期）"},
			{chengdu, cd1, "成都市专利技术供给清单（2026年第1期）"},
			{chengdu, cd2, "成都市专利技术供给清单（2026年第2期）"},
			{mianyang, my1, "绵阳市专利技术供给清单（2026年第1期）"},
		} {
			if got := publish(tc.ctx, tc.l).Heading(cityNames); got != tc.heading {
				t.Errorf("%s published as %q, want %q", tc.l.Title, got, tc.heading)
			}
		}

		// Two Chengdu lists and a provincial one at the same moment: Chengdu's
		// take 3 and 4, the province's 2.
		lists := []*patentbridge.SupplyList{newList(chengdu, "甲"), newList(chengdu, "乙"), newList(admin, "丙")}
		nums := make([]string, len(lists))
		var wg sync.WaitGroup
		for i, l := range lists {
			wg.Go(func() {
				p, err := db.PublishSupplyList(admin, l.ID, true)
				if err != nil {
					t.Errorf("publish %s: %v", l.Title, err)
					return
				}
				nums[i] = p.IssuerName(cityNames) + p.NumberLabel()
			})
		}
		wg.Wait()
		if got := fmt.Sprint(nums); got != "[成都市2026年第3期 成都市2026年第4期 四川省2026年第2期]" &&
			got != "[成都市2026年第4期 成都市2026年第3期 四川省2026年第2期]" {
			t.Errorf("concurrent numbers = %s", got)
		}

		// A new year starts every series again.
		stopClock(db, time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC))
		if got := publish(chengdu, newList(chengdu, "次年")).NumberLabel(); got != "2027年第1期" {
			t.Errorf("Chengdu's first list of 2027 = %s", got)
		}
	})
}

// TestSupplyPublishNeedsConfirmation: publishing freezes a list for good, so
// the service refuses it without the publisher's confirmation.
func TestSupplyPublishNeedsConfirmation(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		MustUpsert(t, db, allCrafted...)
		MustRun(t, db)
		ctx := as(auditAdmin)
		l := MustCreateList(t, ctx, db, "待确认", patentbridge.SleepingFilter{})
		_, err := db.PublishSupplyList(ctx, l.ID, false)
		wantCode(t, err, patentbridge.EINVALID)
		if patentbridge.ErrorField(err) != "confirm" {
			t.Errorf("field = %q, want confirm", patentbridge.ErrorField(err))
		}
		if got, _ := db.FindSupplyList(ctx, l.ID); got.Status != patentbridge.ListDraft || got.Number != 0 {
			t.Errorf("after a refused publish: status %s, number %d", got.Status, got.Number)
		}
		if p, err := db.PublishSupplyList(ctx, l.ID, true); err != nil || p.Number != 1 {
			t.Errorf("confirmed publish = %+v, %v", p, err)
		}
	})
}

// TestSupplyIssuerMigrationKeepsNumbers: lists published under the one
// province-wide series keep their numbers; each issuer continues its own.
func TestSupplyIssuerMigrationKeepsNumbers(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		MustUpsert(t, db, allCrafted...)
		MustRun(t, db)
		ctx := context.Background()
		prov := MustCreateList(t, ctx, db, "全省清单", patentbridge.SleepingFilter{})
		cd := MustCreateList(t, ctx, db, "成都清单", patentbridge.SleepingFilter{City: "5101"})
		top, err := db.MigrationVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.MigrateToForTest(ctx, 7); err != nil {
			t.Fatal(err)
		}
		// Before: one series, the province's 第1期 and Chengdu's taking 第2期.
		for id, n := range map[int64]int{prov.ID: 1, cd.ID: 2} {
			if err := db.ExecForTest(ctx, fmt.Sprintf(`UPDATE supply_lists SET status = 'published', year = 2026, number = %d,
				published_at = '2026-02-0%dT08:00:00.000000Z' WHERE id = %d`, n, n, id)); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.MigrateToForTest(ctx, 8); err != nil {
			t.Fatal(err)
		}
		// The later migrations (the patents' and lists' columns the code reads)
		// come back before the lists are read and new ones made.
		if err := db.MigrateToForTest(ctx, top); err != nil {
			t.Fatal(err)
		}
		for id, want := range map[int64]string{prov.ID: "四川省专利技术供给清单（2026年第1期）", cd.ID: "成都市专利技术供给清单（2026年第2期）"} {
			if l, err := db.FindSupplyList(ctx, id); err != nil || l.Heading(cityNames) != want {
				t.Errorf("list %d after the migration = %v, %v; want %s", id, l, err, want)
			}
		}
		stopClock(db, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
		for _, tc := range []struct{ city, want string }{{"5101", "2026年第3期"}, {"", "2026年第2期"}, {"5107", "2026年第1期"}} {
			l := MustCreateList(t, ctx, db, "新清单"+tc.city, patentbridge.SleepingFilter{City: tc.city})
			if p, err := db.PublishSupplyList(ctx, l.ID, true); err != nil || p.NumberLabel() != tc.want {
				t.Errorf("issuer %q's next list = %v, %v; want %s", tc.city, p, err, tc.want)
			}
		}
	})
}
