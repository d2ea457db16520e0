package sqldb_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// MustCreateList creates a supply list from a filter.
func MustCreateList(tb testing.TB, ctx context.Context, db *sqldb.DB, title string, f patentbridge.SleepingFilter) *patentbridge.SupplyList {
	tb.Helper()
	l := &patentbridge.SupplyList{Title: title, Filter: f, CityCode: f.City, CreatedBy: 1}
	if err := db.CreateSupplyList(ctx, l); err != nil {
		tb.Fatalf("CreateSupplyList(%s): %v", title, err)
	}
	return l
}

// stopClock makes every later reading of db's clock return t.
func stopClock(db *sqldb.DB, t time.Time) { db.Now = func() time.Time { return t } }

func TestSupplyLists(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		stopClock(db, at.Add(-time.Hour)) // drafts are created before any publication
		MustUpsert(t, db, allCrafted...)
		MustRun(t, db)

		l := MustCreateList(t, ctx, db, "  成都市高校沉睡专利第一批 ", patentbridge.SleepingFilter{City: "5101"})
		if l.Status != patentbridge.ListDraft || l.Title != "成都市高校沉睡专利第一批" || len(l.Items) != 4 || l.Items[0].Grade == "" || l.Items[0].City != "5101" {
			t.Fatalf("created list = %+v", l)
		}
		got, err := db.FindSupplyList(ctx, l.ID)
		if err != nil || len(got.Items) != 4 || got.Filter.City != "5101" || got.Filter.Limit != 100 || got.Items[0].GrantDate.IsZero() {
			t.Fatalf("FindSupplyList = %+v, %v", got, err)
		}
		// Review keeps two items and adds a note; a patent from outside the draft is refused.
		keep := []patentbridge.SupplyItem{got.Items[1], got.Items[0]}
		keep[0].Note, keep[0].Title = "可作价入股", "改过的标题"
		if err := db.UpdateSupplyList(ctx, &patentbridge.SupplyList{ID: l.ID, Title: "第一批", Items: keep}); err != nil {
			t.Fatal(err)
		}
		got, _ = db.FindSupplyList(ctx, l.ID)
		if len(got.Items) != 2 || got.Items[0].Note != "可作价入股" || got.Items[0].Title == "改过的标题" || got.Title != "第一批" {
			t.Errorf("after review = %+v", got.Items)
		}
		bad := []patentbridge.SupplyItem{{AppNo: pCompany.AppNo}}
		wantCode(t, db.UpdateSupplyList(ctx, &patentbridge.SupplyList{ID: l.ID, Title: "x", Items: bad}), patentbridge.EINVALID)
		wantCode(t, db.WithdrawSupplyList(ctx, l.ID, "重复"), patentbridge.ECONFLICT)

		// Publication takes its time, and so its year, from the store's clock.
		stopClock(db, at)
		pub, err := db.PublishSupplyList(ctx, l.ID, true)
		if err != nil || pub.NumberLabel() != "2026年第1期" || pub.Status != patentbridge.ListPublished || !pub.PublishedAt.Equal(at) {
			t.Fatalf("PublishSupplyList = %+v, %v", pub, err)
		}
		_, err = db.PublishSupplyList(ctx, l.ID, true)
		wantCode(t, err, patentbridge.ECONFLICT)
		wantCode(t, db.UpdateSupplyList(ctx, &patentbridge.SupplyList{ID: l.ID, Title: "改", Items: got.Items}), patentbridge.ECONFLICT)

		// A later change of a patent does not alter the published list.
		changed := *pExact3Years
		changed.Title = "一种藏茶的发酵加工方法（修改）"
		MustUpsert(t, db, &changed)
		MustRun(t, db)
		if after, _ := db.FindSupplyList(ctx, l.ID); after.Items[1].Title != pExact3Years.Title && after.Items[0].Title != pExact3Years.Title {
			t.Errorf("published items changed with the patent: %+v", after.Items)
		}

		stopClock(db, at.Add(-time.Hour))
		second := MustCreateList(t, ctx, db, "全省第二批", patentbridge.SleepingFilter{Limit: 2})
		next := MustCreateList(t, ctx, db, "次年第一批", patentbridge.SleepingFilter{})
		stopClock(db, at.Add(time.Hour))
		// The first list is Chengdu's (city 5101); the province numbers its own series.
		if p, err := db.PublishSupplyList(ctx, second.ID, true); err != nil || p.NumberLabel() != "2026年第1期" || len(p.Items) != 2 {
			t.Errorf("second list = %+v, %v; want the province's 2026年第1期 with 2 items", p, err)
		}
		stopClock(db, at.AddDate(1, 0, 0))
		if p, err := db.PublishSupplyList(ctx, next.ID, true); err != nil || p.NumberLabel() != "2027年第1期" {
			t.Errorf("next year's list = %+v, %v; want 2027年第1期", p, err)
		}
		if err := db.WithdrawSupplyList(ctx, l.ID, "  "); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
			t.Errorf("withdraw without reason: %v", err)
		}
		stopClock(db, at.AddDate(0, 0, 3))
		if err := db.WithdrawSupplyList(ctx, l.ID, "专利权人申请撤回"); err != nil {
			t.Fatal(err)
		}
		public, err := db.ListSupplyLists(ctx, false)
		if err != nil || len(public) != 3 || public[2].ID != l.ID || public[2].Status != patentbridge.ListWithdrawn ||
			public[2].WithdrawReason == "" || !public[2].WithdrawnAt.Equal(at.AddDate(0, 0, 3)) {
			t.Errorf("public lists = %+v, %v; want 3 with the withdrawn one last", public, err)
		}
		counts, err := db.CountPublishedLists(ctx)
		if err != nil || counts[2026] != 2 || counts[2027] != 1 {
			t.Errorf("CountPublishedLists = %v, %v; want 2026:2 2027:1", counts, err)
		}

		stopClock(db, at.Add(-time.Hour))
		draft := MustCreateList(t, ctx, db, "草稿", patentbridge.SleepingFilter{})
		// Newest publication (for a draft: creation) first; the lists were published on later dates.
		var ids []int64
		all, _ := db.ListSupplyLists(ctx, true)
		for _, x := range all {
			ids = append(ids, x.ID)
		}
		if want := []int64{next.ID, second.ID, l.ID, draft.ID}; !slices.Equal(ids, want) {
			t.Errorf("lists with drafts = %v, want %v", ids, want)
		}
	})
}

func TestSupplyListRules(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		MustUpsert(t, db, allCrafted...)
		err := db.CreateSupplyList(ctx, &patentbridge.SupplyList{Title: "无筛查"})
		wantCode(t, err, patentbridge.ENOTFOUND)
		MustRun(t, db)
		firm := as(&patentbridge.User{ID: 8, Username: "firm", Role: patentbridge.RoleEnterprise})
		for _, tc := range []struct {
			name  string
			ctx   context.Context
			l     patentbridge.SupplyList
			code  string
			field string
		}{
			{"no title", ctx, patentbridge.SupplyList{Title: " "}, patentbridge.EINVALID, "title"},
			{"too many", ctx, patentbridge.SupplyList{Title: "x", Filter: patentbridge.SleepingFilter{Limit: 1001}}, patentbridge.EINVALID, "limit"},
			{"nothing selected", ctx, patentbridge.SupplyList{Title: "x", Filter: patentbridge.SleepingFilter{City: "5134"}}, patentbridge.EINVALID, "filter"},
			{"an enterprise", firm, patentbridge.SupplyList{Title: "x"}, patentbridge.EFORBIDDEN, ""},
			{"anonymous request", as(nil), patentbridge.SupplyList{Title: "x"}, patentbridge.EUNAUTHORIZED, ""},
			{"a city user without a city", inCity(""), patentbridge.SupplyList{Title: "x"}, patentbridge.EFORBIDDEN, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				err := db.CreateSupplyList(tc.ctx, &tc.l)
				wantCode(t, err, tc.code)
				if tc.field != "" && patentbridge.ErrorField(err) != tc.field {
					t.Errorf("field = %q, want %q", patentbridge.ErrorField(err), tc.field)
				}
			})
		}

		// Two lists published at the same moment get different numbers.
		a := MustCreateList(t, ctx, db, "甲", patentbridge.SleepingFilter{})
		b := MustCreateList(t, ctx, db, "乙", patentbridge.SleepingFilter{})
		stopClock(db, time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC))
		var wg sync.WaitGroup
		nums := make([]int, 2)
		for i, id := range []int64{a.ID, b.ID} {
			wg.Go(func() {
				p, err := db.PublishSupplyList(ctx, id, true)
				if err != nil {
					t.Errorf("publish %d: %v", id, err)
					return
				}
				nums[i] = p.Number
			})
		}
		wg.Wait()
		if nums[0]+nums[1] != 3 || nums[0] == nums[1] {
			t.Errorf("concurrent numbers = %v, want 1 and 2", nums)
		}
	})
}

func TestRatingsReplace(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		MustUpsert(t, db, allCrafted...)
		rate := func(user int64, p, i, c int) error {
			firm := as(&patentbridge.User{ID: user, Role: patentbridge.RoleEnterprise, OrgName: "成都某企业"})
			return db.CreateRating(firm, &patentbridge.Rating{AppNo: pCoOwned.AppNo,
				Prospect: p, Improvement: i, Cooperation: c, Comment: "前景好"})
		}
		for _, r := range [][4]int{{11, 2, 2, 2}, {11, 5, 4, 3}, {12, 3, 2, 1}} {
			if err := rate(int64(r[0]), r[1], r[2], r[3]); err != nil {
				t.Fatal(err)
			}
		}
		rs, err := db.PatentRatings(ctx, pCoOwned.AppNo)
		if err != nil || len(rs) != 2 || rs[0].UserID != 12 || rs[1].Prospect != 5 {
			t.Fatalf("PatentRatings = %+v, %v; want user 12's, then user 11's replaced rating", rs, err)
		}
		sum, err := db.RatingSummaries(ctx)
		if s := sum[pCoOwned.AppNo]; err != nil || s.Count != 2 || s.Prospect != 4 || s.Improvement != 3 || s.Cooperation != 2 {
			t.Errorf("RatingSummaries = %+v, %v", sum, err)
		}
		wantCode(t, rate(13, 0, 3, 3), patentbridge.EINVALID)
		err = db.CreateRating(as(auditAdmin), &patentbridge.Rating{AppNo: appNo(2020, 1, 424242), Prospect: 3, Improvement: 3, Cooperation: 3})
		wantCode(t, err, patentbridge.ENOTFOUND)
		err = db.CreateDeclaration(platformCtx(), &patentbridge.Declaration{AppNo: appNo(2020, 1, 424242), Kind: patentbridge.DeclReason, Reason: patentbridge.ReasonSEP})
		wantCode(t, err, patentbridge.ENOTFOUND)
		err = db.CreateDeclaration(platformCtx(), &patentbridge.Declaration{AppNo: pCoOwned.AppNo, Kind: patentbridge.DeclReason, Reason: patentbridge.ReasonOther})
		wantCode(t, err, patentbridge.EINVALID)
	})
}
