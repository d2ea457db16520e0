package sqldb_test

import (
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// A city user's list filter names its own city or none; another city's is
// refused on field city, the same for the programme's lists, service
// records and risk pools; the admin filters by any city.
func TestListOfAnotherCityIsForbidden(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newProgrammeFixture(t, db)
		forbidden := func(what string, err error) {
			t.Helper()
			if patentbridge.ErrorCode(err) != patentbridge.EFORBIDDEN || patentbridge.ErrorField(err) != "city" ||
				patentbridge.ErrorMessage(err) != "没有权限：市（州）管理员只能查看本市（州）的记录" {
				t.Errorf("%s: %v", what, err)
			}
		}
		_, _, err := db.ListDeals(as(f.mianyang), patentbridge.DealFilter{City: "5101"})
		forbidden("mianyang lists chengdu's deals", err)
		_, _, err = db.ListServiceRecords(as(f.mianyang), patentbridge.ServiceFilter{City: "5101"})
		forbidden("mianyang lists chengdu's services", err)
		_, _, err = db.ListRiskPools(as(f.mianyang), patentbridge.RiskPoolFilter{City: "5101"})
		forbidden("mianyang lists chengdu's pools", err)
		for _, city := range []string{"", "5107"} {
			if ds, total, err := db.ListDeals(as(f.mianyang), patentbridge.DealFilter{City: city}); err != nil || total != 1 || ds[0].ID != f.mianyangDeal.ID {
				t.Errorf("mianyang lists its deals (city %q): %d %v", city, total, err)
			}
		}
		if _, total, err := db.ListDeals(as(f.admin), patentbridge.DealFilter{City: "5101"}); err != nil || total != 1 {
			t.Errorf("the admin lists chengdu's deals: %d %v", total, err)
		}
	})
}
