package sqldb_test

import (
	"context"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// kpiWorld is a small registry of the parties of the KPI tests: a university
// and an SME in Chengdu (5101), an SOE and an SME in Deyang (5106), a large
// enterprise in Mianyang (5107).
type kpiWorld struct {
	admin, chengdu *patentbridge.User
}

func newKPIWorld(t *testing.T, db *sqldb.DB) kpiWorld {
	t.Helper()
	cli := patentbridge.WithOrigin(context.Background(), patentbridge.OriginCLI)
	for _, o := range []*patentbridge.Organization{
		{Name: "四川大学", Type: patentbridge.PartyUniversity, CityCode: "5101"},
		{Name: "东方电气集团有限公司", Type: patentbridge.PartySOE, CityCode: "5106"},
		{Name: "成都芯动科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101", SME: true},
		{Name: "德阳精工机械有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5106", SME: true},
		{Name: "四川长虹电器股份有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5107"},
	} {
		if err := db.CreateOrganization(cli, o); err != nil {
			t.Fatal(err)
		}
	}
	return kpiWorld{admin: MustCreateUser(t, db, "admin", patentbridge.RoleAdmin, pw),
		chengdu: MustCreateUser(t, db, "chengdu", patentbridge.RoleCity, pw)}
}

// mustDeal records a deal on the form as the admin.
func (w kpiWorld) mustDeal(t *testing.T, db *sqldb.DB, serial int, kind patentbridge.DealKind, from string, fromType patentbridge.PartyType, to, on string) *patentbridge.Deal {
	t.Helper()
	d := &patentbridge.Deal{AppNo: appNo(2020, 1, serial), Kind: kind, FromName: from, FromType: fromType,
		ToName: to, ToType: patentbridge.PartyEnterprise, AmountFen: 10_0000_00, ContractDate: date(on)}
	if err := db.CreateDeal(as(w.admin), d); err != nil {
		t.Fatal(err)
	}
	return d
}

// kpiValue returns an area's value of an indicator, failing when it is missing.
func kpiValue(t *testing.T, a patentbridge.KPIArea, id string) patentbridge.KPIValue {
	t.Helper()
	v, ok := a.Find(id)
	if !ok {
		t.Fatalf("%s has no %s", a.Name, id)
	}
	return v
}

// cityArea returns the report's row of a 6-digit city code.
func cityArea(t *testing.T, r *patentbridge.KPIReport, code string) patentbridge.KPIArea {
	t.Helper()
	for _, a := range r.Cities {
		if a.Code == code {
			return a
		}
	}
	t.Fatalf("no city %s in the report", code)
	return patentbridge.KPIArea{}
}

// The deal indicators, computed by hand from six records: a university's
// transfer to an SME, an SOE's licence to an SME, a university's licence to a
// large enterprise, an enterprise's transfer to an SME (not from a
// university), the university's transfer in the year before, and the first
// transfer recorded again (refused, counted once).
func TestDealIndicatorsAreComputedFromTheRecords(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newKPIWorld(t, db)
		d1 := w.mustDeal(t, db, 1, patentbridge.DealTransfer, "四川大学", patentbridge.PartyUniversity, "成都芯动科技有限公司", "2026-03-01")
		w.mustDeal(t, db, 2, patentbridge.DealOrdinary, "东方电气集团有限公司", patentbridge.PartySOE, "德阳精工机械有限公司", "2026-05-01")
		w.mustDeal(t, db, 3, patentbridge.DealExclusive, "四川大学", patentbridge.PartyUniversity, "四川长虹电器股份有限公司", "2026-06-01")
		w.mustDeal(t, db, 4, patentbridge.DealTransfer, "成都芯动科技有限公司", patentbridge.PartyEnterprise, "德阳精工机械有限公司", "2026-07-01")
		w.mustDeal(t, db, 5, patentbridge.DealTransfer, "四川大学", patentbridge.PartyUniversity, "成都芯动科技有限公司", "2025-12-31")
		w.mustDeal(t, db, 6, patentbridge.DealOrdinary, "四川大学", patentbridge.PartyUniversity, "某未登记企业", "2026-08-01") // no city known
		// Two spellings of one unregistered SME, one credit code: one SME reached, in a city outside Sichuan (unassigned).
		yes := true
		for i, name := range []string{"重庆测试丙科技有限公司", "重庆测试丙科技有限责任公司"} {
			d := &patentbridge.Deal{AppNo: appNo(2020, 1, 7+i), Kind: patentbridge.DealOrdinary, FromName: "东方电气集团有限公司", FromType: patentbridge.PartySOE,
				ToName: name, ToCreditCode: "91500000MA5U00000W", ToType: patentbridge.PartyEnterprise, ToSME: &yes, ToRegionCode: "500101",
				ContractDate: date("2026-09-0" + itoa(int64(1+i)))}
			if err := db.CreateDeal(as(w.admin), d); err != nil {
				t.Fatal(err)
			}
		}
		again := *d1
		again.ID, again.Source = 0, patentbridge.DealFromImport
		wantCode(t, db.CreateDeal(as(w.admin), &again), patentbridge.ECONFLICT)

		rep, err := db.KPIReport(as(w.admin), 2026)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Year != 2026 || len(rep.Cities) != 21 || rep.Province.Code != "510000" {
			t.Fatalf("report of %d with %d cities, province %q", rep.Year, len(rep.Cities), rep.Province.Code)
		}
		type want struct {
			value, previous float64
			growth          string
			met             string // "true", "false" or "" for no target
		}
		check := func(a patentbridge.KPIArea, id string, w want) {
			t.Helper()
			v := kpiValue(t, a, id)
			met := ""
			if v.Met != nil {
				met = map[bool]string{true: "true", false: "false"}[*v.Met]
			}
			if v.Value != w.value || v.Previous != w.previous || v.GrowthLabel() != w.growth || met != w.met {
				t.Errorf("%s %s = %v (previous %v, growth %s, met %q), want %+v", a.Name, id, v.Value, v.Previous, v.GrowthLabel(), met, w)
			}
		}
		p := rep.Province
		check(p, "sme_received_conversions", want{4, 1, "+300%", "true"})
		check(p, "univ_conversions", want{3, 1, "+200%", "true"})
		check(p, "univ_to_sme_conversions", want{1, 1, "0%", "false"}) // 300 a year
		check(p, "licences_transfers", want{7, 1, "+600%", "true"})
		check(rep.Unassigned, "licences_transfers", want{3, 0, "新增", ""}) // no city, and Chongqing's
		check(rep.Unassigned, "smes_reached", want{1, 0, "新增", ""})
		check(p, "smes_reached", want{3, 1, "+200%", "true"})
		chengdu, deyang, mianyang := cityArea(t, rep, "510100"), cityArea(t, rep, "510600"), cityArea(t, rep, "510700")
		if chengdu.Name != "成都市" || deyang.Name != "德阳市" {
			t.Fatalf("city names %q %q", chengdu.Name, deyang.Name)
		}
		check(chengdu, "sme_received_conversions", want{1, 1, "0%", "false"})
		check(deyang, "sme_received_conversions", want{1, 0, "新增", "true"}) // growth from zero
		check(deyang, "licences_transfers", want{2, 0, "新增", "true"})
		check(mianyang, "sme_received_conversions", want{0, 0, "—", "false"}) // no SME received one
		check(mianyang, "univ_conversions", want{1, 0, "新增", "true"})
		check(chengdu, "univ_to_sme_conversions", want{1, 1, "0%", ""}) // the 300 is the province's

		// Each figure's records are exactly those counted.
		for _, a := range append([]patentbridge.KPIArea{p, rep.Unassigned}, rep.Cities...) {
			for _, v := range a.Indicators {
				k, _ := patentbridge.FindKPI(v.ID)
				if k.Money {
					continue
				}
				_, total, err := db.KPIRecords(as(w.admin), patentbridge.KPIFilter{ID: v.ID, Year: 2026, City: a.Code})
				if err != nil || float64(total) != v.Value {
					t.Errorf("%s %s: %v records behind the figure %v (%v)", a.Name, v.ID, total, v.Value, err)
				}
			}
		}
		recs, _, err := db.KPIRecords(as(w.admin), patentbridge.KPIFilter{ID: "sme_received_conversions", Year: 2026, City: "510600"})
		if err != nil || len(recs) != 1 || recs[0].Kind != "deal" || recs[0].City != "5106" || recs[0].Party != "东方电气集团有限公司 → 德阳精工机械有限公司" ||
			patentbridge.FormatDate(recs[0].Date) != "2026-05-01" {
			t.Fatalf("Deyang's records: %+v %v", recs, err)
		}
		// The cities and the records of no known city add up to the province.
		for i, v := range p.Indicators {
			sum := rep.Unassigned.Indicators[i].Value
			for _, c := range rep.Cities {
				sum += c.Indicators[i].Value
			}
			if sum != v.Value {
				t.Errorf("%s: the cities add up to %v, the province %v", v.ID, sum, v.Value)
			}
		}
		// A city user drills into its own city only.
		if _, total, _ := db.KPIRecords(as(w.chengdu), patentbridge.KPIFilter{ID: "licences_transfers", Year: 2026}); total != 1 {
			t.Errorf("the Chengdu user sees %d of the province's deals", total)
		}
		_, _, err = db.KPIRecords(as(w.admin), patentbridge.KPIFilter{ID: "no_such", Year: 2026})
		wantCode(t, err, patentbridge.ENOTFOUND)
		_, _, err = db.KPIRecords(as(w.admin), patentbridge.KPIFilter{ID: "licences_transfers", Year: 2026, City: "3301"})
		wantCode(t, err, patentbridge.EINVALID)
		_, err = db.KPIReport(as(w.admin), 1900)
		wantCode(t, err, patentbridge.EINVALID)
	})
}

// The admin sets a year's target for the province or a city (audited); the
// figure is met against it; the plan's comes back when it is removed.
func TestKPITargetsAreSetPerYear(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newKPIWorld(t, db)
		w.mustDeal(t, db, 1, patentbridge.DealTransfer, "四川大学", patentbridge.PartyUniversity, "成都芯动科技有限公司", "2026-03-01")
		target := patentbridge.KPITarget{ID: "univ_to_sme_conversions", Year: 2026, Target: 1}
		wantCode(t, db.SetKPITarget(as(w.chengdu), target, false), patentbridge.EFORBIDDEN)
		if err := db.SetKPITarget(as(w.admin), target, false); err != nil {
			t.Fatal(err)
		}
		chengdu := patentbridge.KPITarget{ID: "univ_to_sme_conversions", Year: 2026, City: "510100", Target: 2}
		if err := db.SetKPITarget(as(w.admin), chengdu, false); err != nil {
			t.Fatal(err)
		}
		rep, err := db.KPIReport(as(w.admin), 2026)
		if err != nil {
			t.Fatal(err)
		}
		v := kpiValue(t, rep.Province, "univ_to_sme_conversions")
		if v.Target == nil || *v.Target != 1 || v.Met == nil || !*v.Met {
			t.Errorf("province against the admin's target: %+v", v)
		}
		c := kpiValue(t, cityArea(t, rep, "510100"), "univ_to_sme_conversions")
		if c.Target == nil || *c.Target != 2 || c.Met == nil || *c.Met {
			t.Errorf("Chengdu against its target of 2: %+v", c)
		}
		if rep, _ = db.KPIReport(as(w.admin), 2027); *kpiValue(t, rep.Province, "univ_to_sme_conversions").Target != 300 {
			t.Errorf("2027 keeps the plan's target")
		}
		if err := db.SetKPITarget(as(w.admin), target, true); err != nil {
			t.Fatal(err)
		}
		rep, _ = db.KPIReport(as(w.admin), 2026)
		if v := kpiValue(t, rep.Province, "univ_to_sme_conversions"); *v.Target != 300 || *v.Met {
			t.Errorf("after removal: %+v", v)
		}
		if n, _ := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM audit_log WHERE action = 'kpi.target'"); n != 3 {
			t.Errorf("%d kpi.target audit rows", n)
		}
		wantCode(t, db.SetKPITarget(as(w.admin), patentbridge.KPITarget{ID: "univ_to_sme_conversions", Year: 2026, Target: -1}, false), patentbridge.EINVALID)
		wantCode(t, db.SetKPITarget(as(w.admin), patentbridge.KPITarget{ID: "nope", Year: 2026, Target: 1}, false), patentbridge.ENOTFOUND)
	})
}

// Publishing a year's figures appends them to the public ledger, which the
// ledger check finds consistent; a later record changes the figures but not
// what was published.
func TestPublishingTheKPIReportAppendsItToTheLedger(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newKPIWorld(t, db)
		w.mustDeal(t, db, 1, patentbridge.DealTransfer, "四川大学", patentbridge.PartyUniversity, "成都芯动科技有限公司", "2026-03-01")
		_, err := db.PublishKPIReport(as(w.chengdu), 2026)
		wantCode(t, err, patentbridge.EFORBIDDEN)
		_, err = db.PublishKPIReport(as(w.admin), 2027) // the store's clock is in 2026
		wantCode(t, err, patentbridge.EINVALID)
		idx, err := db.PublishKPIReport(as(w.admin), 2026)
		if err != nil {
			t.Fatal(err)
		}
		w.mustDeal(t, db, 2, patentbridge.DealTransfer, "四川大学", patentbridge.PartyUniversity, "成都芯动科技有限公司", "2026-04-01")
		e, err := db.Entry(context.Background(), idx)
		if err != nil || e.Kind != "kpi.publish" {
			t.Fatalf("ledger entry %d: %+v %v", idx, e, err)
		}
		rep, err := db.VerifyLedger(context.Background())
		if err != nil || len(rep.Problems) != 0 || rep.Acts != 1 {
			t.Fatalf("ledger check: %+v %v", rep, err)
		}
	})
}

// A stock figure counts what stands on the year's last day: a commissioner
// who left in mid-2026 counts for 2025, not for 2026; an outlet opened on
// 31 December counts for that year.
func TestStockIndicatorsCountWhatStandsAtTheYearsEnd(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newKPIWorld(t, db)
		ctx := context.Background()
		for _, s := range []string{
			`INSERT INTO commissioners (name, org_name, city, registered_on, left_on, created_at) VALUES ('张三', '成都芯动科技有限公司', '5101', '2025-03-01', '2026-06-30', '')`,
			`INSERT INTO commissioners (name, org_name, city, registered_on, left_on, created_at) VALUES ('李四', '德阳精工机械有限公司', '5106', '2026-02-01', '', '')`,
			`INSERT INTO service_outlets (name, kind, city, opened_on, created_at) VALUES ('德阳网点', 'outlet', '5106', '2025-12-31', '')`,
		} {
			if err := db.ExecForTest(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		rep, err := db.KPIReport(as(w.admin), 2026)
		if err != nil {
			t.Fatal(err)
		}
		if v := kpiValue(t, rep.Province, "commissioners"); v.Value != 1 || v.Previous != 1 || *v.Target != 1000 || *v.Met {
			t.Errorf("commissioners: %+v", v)
		}
		if v := kpiValue(t, cityArea(t, rep, "510100"), "commissioners"); v.Value != 0 || v.Previous != 1 || v.Target != nil {
			t.Errorf("Chengdu's commissioners: %+v", v)
		}
		if v := kpiValue(t, cityArea(t, rep, "510600"), "service_outlets"); v.Value != 1 || v.Previous != 1 {
			t.Errorf("Deyang's outlets: %+v", v)
		}
	})
}

// The ledger check finds a published report whose kept figures were changed.
func TestAChangedKPIPublicationIsFoundByTheLedgerCheck(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newKPIWorld(t, db)
		w.mustDeal(t, db, 1, patentbridge.DealTransfer, "四川大学", patentbridge.PartyUniversity, "成都芯动科技有限公司", "2026-03-01")
		if _, err := db.PublishKPIReport(as(w.admin), 2026); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		if err := db.ExecForTest(ctx, `UPDATE kpi_publications SET figures = REPLACE(figures, '"licences_transfers":1', '"licences_transfers":9')`); err != nil {
			t.Fatal(err)
		}
		rep, err := db.VerifyLedger(ctx)
		if err != nil || len(rep.Problems) != 1 {
			t.Fatalf("ledger check after the change: %+v %v", rep, err)
		}
	})
}
