package sqldb_test

import (
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// A programme record's 市(州) must be one of Sichuan's 21: 9999 is refused
// naming 地区代码, 510700 is stored as 5107; a deal whose 受让方地区代码 is
// the 4-digit 5107 counts in Mianyang.
func TestProgrammeRecordsAreStoredInASichuanCity(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newProgrammeFixture(t, db)
		ctx := as(f.admin)
		refused := func(what string, err error) {
			t.Helper()
			if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorField(err) != "地区代码" ||
				!strings.Contains(patentbridge.ErrorMessage(err), "9999") {
				t.Errorf("%s in 9999: %v, want EINVALID naming 地区代码", what, err)
			}
		}
		base := func(city string) *patentbridge.PilotBase {
			return &patentbridge.PilotBase{Name: "绵阳中试基地" + city, OrgName: "绵阳九洲电子有限公司", City: city, EstablishedOn: date("2026-02-01")}
		}
		event := func(city string) *patentbridge.Event {
			return newEvent("绵阳专利路演"+city, city, "2026-05-12", "雷达天线")
		}
		kase := func(city string) *patentbridge.TypicalCase {
			return &patentbridge.TypicalCase{Title: "绵阳案例" + city, Body: "正文", City: city, PublishedOn: date("2026-10-01")}
		}
		refused("pilot base", db.CreatePilotBase(ctx, base("9999")))
		refused("event", db.CreateEvent(ctx, event("9999")))
		refused("case", db.CreateCase(ctx, kase("9999")))
		for _, table := range []string{"pilot_bases", "events", "cases"} {
			if n, _ := db.QueryIntForTest(ctx, "SELECT COUNT(*) FROM "+table); n != 0 {
				t.Errorf("%d %s stored in 9999", n, table)
			}
		}

		b, e, c := base("510700"), event("510700"), kase("510700")
		if err := db.CreatePilotBase(as(f.mianyang), b); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateEvent(as(f.mianyang), e); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateCase(as(f.mianyang), c); err != nil {
			t.Fatal(err)
		}
		gotB, err := db.FindPilotBase(ctx, b.ID)
		if err != nil || gotB.City != "5107" {
			t.Errorf("pilot base 510700 stored in %q (%v), want 5107", gotB.City, err)
		}
		gotE, err := db.FindEvent(ctx, e.ID)
		if err != nil || gotE.City != "5107" {
			t.Errorf("event 510700 stored in %q (%v), want 5107", gotE.City, err)
		}
		gotC, err := db.FindCase(ctx, c.ID)
		if err != nil || gotC.City != "5107" {
			t.Errorf("case 510700 stored in %q (%v), want 5107", gotC.City, err)
		}

		d := &patentbridge.Deal{AppNo: appNo(2021, 1, 7), Kind: patentbridge.DealTransfer, FromName: "四川大学", FromType: patentbridge.PartyUniversity,
			ToName: "绵阳未登记科技有限公司", ToType: patentbridge.PartyEnterprise, ToRegionCode: "5107", AmountFen: 10_0000_00, ContractDate: date("2026-07-01")}
		if err := db.CreateDeal(ctx, d); err != nil {
			t.Fatal(err)
		}
		if d.ToCity != "5107" || d.ToRegionCode != "510700" {
			t.Errorf("deal received in 5107: city %q, region %q; want 5107, 510700", d.ToCity, d.ToRegionCode)
		}
		recs, total, err := db.KPIRecords(ctx, patentbridge.KPIFilter{ID: "licences_transfers", Year: 2026, City: "5107"})
		if err != nil || total != 2 {
			t.Fatalf("Mianyang's deals: %d (%v), want its fixture deal and the 5107 one", total, err)
		}
		found := false
		for _, r := range recs {
			found = found || r.ID == d.ID
		}
		if !found {
			t.Errorf("the deal received in 5107 is not among Mianyang's: %+v", recs)
		}
	})
}

// An outlet given no city takes its organization's only when that is a
// Sichuan 市(州): one of an organization in Chongqing must be given one.
func TestOutletTakesOnlyASichuanOrganizationCity(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newProgrammeFixture(t, db)
		MustOrganization(t, db, "重庆某知识产权服务有限公司", patentbridge.PartyEnterprise, "5001")
		o := &patentbridge.ServiceOutlet{Name: "重庆网点", Kind: patentbridge.OutletPoint, OrgName: "重庆某知识产权服务有限公司", OpenedOn: date("2026-03-01")}
		if err := db.CreateOutlet(as(f.admin), o); patentbridge.ErrorField(err) != "所在市(州)" {
			t.Errorf("an outlet of a Chongqing organization without a city: %v, want an error naming 所在市(州)", err)
		}
		o.City = "510100"
		if err := db.CreateOutlet(as(f.admin), o); err != nil || o.City != "5101" {
			t.Errorf("the outlet given 510100: %v, city %q; want 5101", err, o.City)
		}
	})
}
