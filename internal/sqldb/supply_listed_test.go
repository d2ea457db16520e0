package sqldb_test

import (
	"context"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

func TestSupplyListedFollowsPublication(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		MustUpsert(t, db, allCrafted...)
		MustRun(t, db)
		l := MustCreateList(t, ctx, db, "成都市第一批", patentbridge.SleepingFilter{City: "5101"})
		listed, outside := l.Items[0].AppNo, pCompany.AppNo
		check := func(when string, want bool) {
			t.Helper()
			got, err := db.SupplyListed(ctx, []string{listed, outside})
			if err != nil {
				t.Fatal(err)
			}
			if got[listed] != want || got[outside] {
				t.Errorf("%s: %v, want %s listed=%v and %s not", when, got, listed, want, outside)
			}
		}
		check("draft", false)
		if _, err := db.PublishSupplyList(ctx, l.ID, true); err != nil {
			t.Fatal(err)
		}
		check("published", true)
		if err := db.WithdrawSupplyList(ctx, l.ID, "专利权人申请撤回"); err != nil {
			t.Fatal(err)
		}
		check("withdrawn", false)
	})
}
