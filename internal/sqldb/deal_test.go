package sqldb_test

import (
	"context"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// A deal's parties resolve to the registry, so the receiver's city comes from
// its organization; the same deal recorded again is refused naming the first;
// a city user records and reads only deals received in its city.
func TestCreateDealResolvesPartiesAndRefusesTheSameDealTwice(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)                                            // 四川大学 (5101), 东方电气集团有限公司 (5106), 成都芯动科技有限公司 (5101)
		chengdu := MustCreateUser(t, db, "chengdu", patentbridge.RoleCity, pw) // city 5101
		deal := func() *patentbridge.Deal {
			return &patentbridge.Deal{AppNo: f.scuA.AppNo, Kind: patentbridge.DealExclusive, FromName: "四川大学", FromType: patentbridge.PartyUniversity,
				ToName: "成都芯动科技有限公司", ToType: patentbridge.PartyEnterprise, AmountFen: 20_0000_00, ContractDate: date("2026-06-30")}
		}
		wantCode(t, db.CreateDeal(as(f.firm), deal()), patentbridge.EFORBIDDEN)
		d := deal()
		if err := db.CreateDeal(as(f.admin), d); err != nil {
			t.Fatal(err)
		}
		if d.FromOrgID != f.scu.OrgID || d.ToOrgID != f.firm.OrgID || d.ToCity != "5101" || d.Source != patentbridge.DealFromForm {
			t.Fatalf("resolved deal: %+v", d)
		}
		again := deal()
		again.Source = patentbridge.DealFromImport
		err := db.CreateDeal(as(f.admin), again)
		if patentbridge.ErrorCode(err) != patentbridge.ECONFLICT || !strings.Contains(patentbridge.ErrorMessage(err), "交易 "+itoa(d.ID)) {
			t.Fatalf("the same deal again: %v", err)
		}
		later := deal()
		later.ContractDate = date("2026-07-01")
		if err := db.CreateDeal(as(f.admin), later); err != nil {
			t.Fatalf("another contract date: %v", err)
		}
		ctx := context.Background()
		if n, _ := db.QueryIntForTest(ctx, "SELECT COUNT(*) FROM audit_log WHERE action = 'deal.create'"); n != 2 {
			t.Errorf("%d deal.create audit rows", n)
		}
		ls, total, err := db.ListDeals(as(f.admin), patentbridge.DealFilter{Year: 2026, City: "5101"})
		if err != nil || total != 2 || ls[0].ID != later.ID {
			t.Fatalf("Chengdu's 2026 deals: %d %v", total, err)
		}
		if _, total, _ := db.ListDeals(as(f.admin), patentbridge.DealFilter{Year: 2025}); total != 0 {
			t.Errorf("2025 deals: %d", total)
		}
		// The city user: its city's deals only; another city's receiver is refused.
		if _, total, _ := db.ListDeals(as(chengdu), patentbridge.DealFilter{}); total != 2 {
			t.Errorf("chengdu user sees %d deals", total)
		}
		other := deal()
		other.ToName, other.ToRegionCode = "绵阳某装备有限公司", "510703"
		if err := db.CreateDeal(as(chengdu), other); patentbridge.ErrorCode(err) != patentbridge.EFORBIDDEN {
			t.Fatalf("chengdu records a Mianyang deal: %v", err)
		}
		if err := db.CreateDeal(as(f.admin), other); err != nil || other.ToCity != "5107" || other.ToOrgID != 0 {
			t.Fatalf("a deal to an unregistered receiver: %v %+v", err, other)
		}
		if _, err := db.FindDeal(as(chengdu), other.ID); patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND {
			t.Errorf("chengdu reads a Mianyang deal: %v", err)
		}
	})
}

func TestCreateDealWhoseAuditFailsStoresNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		MustFailAudit(t, db)
		d := &patentbridge.Deal{AppNo: f.scuA.AppNo, Kind: patentbridge.DealTransfer, FromName: "四川大学", FromType: patentbridge.PartyUniversity,
			ToName: "成都芯动科技有限公司", ToType: patentbridge.PartyEnterprise, ContractDate: date("2026-06-30")}
		if err := db.CreateDeal(as(f.admin), d); err == nil {
			t.Fatal("a deal stored without its audit row")
		}
		if n, _ := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM deals"); n != 0 {
			t.Errorf("%d deals stored", n)
		}
	})
}

// A licence taking effect on the platform becomes a deal of each of its
// patents between its parties' organizations; a deal of it entered on the form
// before is linked to the licence, not counted twice.
func TestPlatformLicencesBecomeDeals(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		pool := mustPublishedPool(t, db, f, &patentbridge.FeeTerms{Method: patentbridge.FeeFixed, LumpSumFen: 30_0000_00})
		// The pool licence's deal of the SOE's patent was entered on the form already.
		typed := &patentbridge.Deal{AppNo: f.soeP.AppNo, Kind: patentbridge.DealOrdinary, FromName: "东方电气集团有限公司", FromType: patentbridge.PartySOE,
			ToName: "成都芯动科技有限公司", ToType: patentbridge.PartyEnterprise, ContractDate: sqldbtest.Start}
		if err := db.CreateDeal(as(f.admin), typed); err != nil {
			t.Fatal(err)
		}
		l, err := db.TakePoolLicence(as(f.firm), pool.ID, patentbridge.TakeOpenLicence{Confirmed: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, total, _ := db.ListDeals(as(f.admin), patentbridge.DealFilter{}); total != 1 {
			t.Fatalf("a noticed licence is no deal yet: %d deals", total)
		}
		if _, err := db.RecordPayment(as(f.firm), l.ID, patentbridge.LicencePayment{AmountFen: 30_0000_00, PaidOn: sqldbtest.Start, Reference: "BOC-1"}); err != nil {
			t.Fatal(err)
		}
		ds, total, err := db.ListDeals(as(f.admin), patentbridge.DealFilter{Year: 2026, City: "5101"})
		if err != nil || total != 2 {
			t.Fatalf("deals after the licence took effect: %d %v", total, err)
		}
		for _, d := range ds {
			if d.LicenceID != l.ID || d.Kind != patentbridge.DealOrdinary || d.ToOrgID != f.firm.OrgID {
				t.Errorf("deal %+v", d)
			}
			switch d.AppNo {
			case f.scuA.AppNo:
				if d.Source != patentbridge.DealFromPlatform || d.AmountFen != 30_0000_00 || d.FromOrgID != f.scu.OrgID {
					t.Errorf("the first patent's deal: %+v", d)
				}
			case f.soeP.AppNo: // given by its owner, the SOE member
				if d.ID != typed.ID || d.Source != patentbridge.DealFromForm || d.FromOrgID != f.soe.OrgID {
					t.Errorf("the typed deal was not linked: %+v", d)
				}
			}
		}
	})
}
