package sqldb_test

import (
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// A city user links only an agency account of its own city: another city's
// account, linked or not, is refused as if it did not exist, without naming
// the other city's commissioner.
func TestCommissionerAccountOfAnotherCityIsNotFound(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newServiceFixture(t, db)
		my, err := db.CreateUser(platformCtx(), patentbridge.NewUser{Username: "mianyang", Name: "绵阳", Role: patentbridge.RoleCity, CityCode: "5107", Password: pw})
		if err != nil {
			t.Fatal(err)
		}
		MustOrganization(t, db, "绵阳科技城知识产权服务中心", patentbridge.PartyGovernment, "5107")
		myAgent := mustMember(t, db, "myagent", patentbridge.RoleAgency, "绵阳科技城知识产权服务中心")
		grab := func(id int64) *patentbridge.Commissioner {
			return &patentbridge.Commissioner{Name: "成都抢绑专员", OrgName: "四川大学", City: "5101", RegisteredOn: date("2026-03-03"), UserID: id}
		}
		for name, id := range map[string]int64{"unlinked": myAgent.ID, "missing": 9999} {
			err := db.CreateCommissioner(as(f.chengdu), grab(id))
			if patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND || patentbridge.ErrorField(err) != "账号" {
				t.Errorf("%s: chengdu links mianyang's account: %v", name, err)
			}
		}
		mine := &patentbridge.Commissioner{Name: "绵阳专员", OrgName: "绵阳科技城知识产权服务中心", City: "5107", RegisteredOn: date("2026-03-01"), UserID: myAgent.ID}
		if err := db.CreateCommissioner(as(my), mine); err != nil {
			t.Fatalf("mianyang links its own agency account: %v", err)
		}
		err = db.CreateCommissioner(as(f.chengdu), grab(myAgent.ID))
		if patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND || strings.Contains(patentbridge.ErrorMessage(err), "专员") {
			t.Errorf("chengdu links mianyang's linked account: %v", err)
		}
		if ls, total, _ := db.ListCommissioners(as(f.chengdu), patentbridge.CommissionerFilter{}); total != 1 || ls[0].UserID == myAgent.ID {
			t.Errorf("chengdu's commissioners: %d", total)
		}
		err = db.CreateCommissioner(as(f.admin), &patentbridge.Commissioner{Name: "另一专员", City: "5107", RegisteredOn: date("2026-03-03"), UserID: myAgent.ID})
		if patentbridge.ErrorCode(err) != patentbridge.EINVALID || !strings.Contains(patentbridge.ErrorMessage(err), "已关联专员") {
			t.Errorf("the admin links a linked account: %v", err)
		}
	})
}
