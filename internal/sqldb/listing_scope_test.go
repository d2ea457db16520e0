package sqldb_test

import (
	"context"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// The 科创板 pipeline takes only enterprises, in the registry's city: a city
// user cannot screen another city's enterprise in by naming its own city,
// and a university is refused; the SOE of the registry is admitted.
func TestListingTakesEnterprisesOfTheirRegistryCity(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newProgrammeFixture(t, db)
		err := db.CreateListingCandidate(as(f.chengdu), &patentbridge.ListingCandidate{OrgName: "绵阳九洲电子有限公司", City: "5101", ScreenedOn: date("2026-03-03")})
		if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorField(err) != "地区代码" {
			t.Errorf("chengdu screens mianyang's enterprise as its own: %v", err)
		}
		err = db.CreateListingCandidate(as(f.admin), &patentbridge.ListingCandidate{OrgName: "绵阳九洲电子有限公司", City: "5101", ScreenedOn: date("2026-03-03")})
		if patentbridge.ErrorField(err) != "地区代码" {
			t.Errorf("the admin records another city than the registry's: %v", err)
		}
		err = db.CreateListingCandidate(as(f.chengdu), &patentbridge.ListingCandidate{OrgName: "四川大学", City: "5101", ScreenedOn: date("2026-03-03")})
		if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorField(err) != "企业名称" {
			t.Errorf("a university screened in: %v", err)
		}
		if n, _ := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM listing_pipeline"); n != 0 {
			t.Fatalf("%d candidates stored", n)
		}
		mine := &patentbridge.ListingCandidate{OrgName: "绵阳九洲电子有限公司", ScreenedOn: date("2026-03-03")}
		if err := db.CreateListingCandidate(as(f.mianyang), mine); err != nil || mine.City != "5107" {
			t.Errorf("mianyang screens its enterprise: %v %+v", err, mine)
		}
		soe := &patentbridge.ListingCandidate{OrgName: "东方电气集团有限公司", City: "5106", ScreenedOn: date("2026-03-03")}
		if err := db.CreateListingCandidate(as(f.admin), soe); err != nil {
			t.Errorf("an SOE: %v", err)
		}
	})
}
