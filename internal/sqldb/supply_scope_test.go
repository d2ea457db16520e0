package sqldb_test

import (
	"context"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// TestSupplyListCityScope: a city user builds lists of its own city only,
// whatever it asks, and neither sees nor manages another city's drafts; a
// published list is public but stays its city's to manage.
func TestSupplyListCityScope(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		MustUpsert(t, db, allCrafted...)
		MustRun(t, db)
		admin, chengdu, mianyang, platform := as(auditAdmin), as(auditCity), as(auditMy), context.Background()

		cd := &patentbridge.SupplyList{Title: "成都市清单", CityCode: "5107", Filter: patentbridge.SleepingFilter{City: "5107"}}
		if err := db.CreateSupplyList(chengdu, cd); err != nil {
			t.Fatal(err)
		}
		if cd.CityCode != "5101" || cd.Filter.City != "5101" || cd.CreatedBy != auditCity.ID || len(cd.Items) != 4 {
			t.Fatalf("Chengdu's list = city %q, filter city %q, by %d, %d items; want 5101's 4 patents by %d",
				cd.CityCode, cd.Filter.City, cd.CreatedBy, len(cd.Items), auditCity.ID)
		}
		for _, it := range cd.Items {
			if it.City != "5101" {
				t.Errorf("Chengdu's list holds %s of %s", it.AppNo, it.City)
			}
		}
		my := &patentbridge.SupplyList{Title: "绵阳市清单"}
		if err := db.CreateSupplyList(mianyang, my); err != nil || my.CityCode != "5107" || len(my.Items) != 1 || my.Items[0].AppNo != pCoOwned.AppNo {
			t.Fatalf("Mianyang's list = %+v, %v", my, err)
		}
		prov := MustCreateList(t, admin, db, "全省清单", patentbridge.SleepingFilter{})

		for name, tc := range map[string]struct {
			ctx  context.Context
			id   int64
			code string
		}{
			"other city's draft": {mianyang, cd.ID, patentbridge.ENOTFOUND}, "province draft by a city": {chengdu, prov.ID, patentbridge.ENOTFOUND},
			"anonymous": {as(nil), cd.ID, patentbridge.ENOTFOUND}, "own draft": {chengdu, cd.ID, ""},
			"admin": {admin, cd.ID, ""}, "platform": {platform, cd.ID, ""},
		} {
			_, err := db.FindSupplyList(tc.ctx, tc.id)
			if patentbridge.ErrorCode(err) != tc.code {
				t.Errorf("%s: FindSupplyList = %v, want %q", name, err, tc.code)
			}
		}
		count := func(ctx context.Context, drafts bool) int {
			ls, err := db.ListSupplyLists(ctx, drafts)
			if err != nil {
				t.Fatal(err)
			}
			return len(ls)
		}
		if a, c, m, p := count(admin, true), count(chengdu, true), count(mianyang, true), count(chengdu, false); a != 3 || c != 1 || m != 1 || p != 0 {
			t.Errorf("lists with drafts: admin %d, Chengdu %d, Mianyang %d; Chengdu public %d; want 3, 1, 1, 0", a, c, m, p)
		}

		// Another city's draft is not there to edit or publish.
		wantCode(t, db.UpdateSupplyList(mianyang, &patentbridge.SupplyList{ID: cd.ID, Title: "改", Items: cd.Items}), patentbridge.ENOTFOUND)
		_, err := db.PublishSupplyList(mianyang, cd.ID, true)
		wantCode(t, err, patentbridge.ENOTFOUND)
		_, err = db.PublishSupplyList(chengdu, prov.ID, true)
		wantCode(t, err, patentbridge.ENOTFOUND)

		// Published, it is everyone's to read and still only Chengdu's (and the admin's) to withdraw.
		if _, err := db.PublishSupplyList(chengdu, cd.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindSupplyList(mianyang, cd.ID); err != nil {
			t.Errorf("a published list is hidden from another city: %v", err)
		}
		wantCode(t, db.WithdrawSupplyList(mianyang, cd.ID, "越权"), patentbridge.EFORBIDDEN)
		_, err = db.PublishSupplyList(mianyang, cd.ID, true)
		wantCode(t, err, patentbridge.EFORBIDDEN)
		if err := db.WithdrawSupplyList(admin, cd.ID, "省级统一撤回"); err != nil {
			t.Errorf("the admin withdraws a city's list: %v", err)
		}
	})
}
