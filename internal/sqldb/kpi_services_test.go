package sqldb_test

import (
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// The filing and service indicators, computed by hand: a Chengdu SME's
// product filed in 2026 and a large Mianyang firm's (not an SME filing); a
// commissioner serving the Chengdu SME twice and the Deyang SME once in 2026;
// the SMEs reached counting the Chengdu SME once though it received a deal,
// filed a product and was served.
func TestFilingAndServiceIndicatorsAreComputedFromTheRecords(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newKPIWorld(t, db)
		ctx := as(w.admin)
		w.mustDeal(t, db, 1, patentbridge.DealTransfer, "四川大学", patentbridge.PartyUniversity, "成都芯动科技有限公司", "2026-03-01")
		for _, f := range []*patentbridge.ProductFiling{
			{OrgName: "成都芯动科技有限公司", Product: "车规级功率芯片", Model: "XD-100", Industry: "集成电路", FiledOn: date("2026-04-01"),
				Patents: []patentbridge.FiledPatent{{AppNo: appNo(2020, 1, 1), Source: patentbridge.SourceAssigned}}},
			{OrgName: "四川长虹电器股份有限公司", Product: "智能电视", Model: "CH-55", Industry: "电子信息", FiledOn: date("2026-05-01"),
				Patents: []patentbridge.FiledPatent{{AppNo: appNo(2020, 1, 9), Source: patentbridge.SourceOwn}}},
		} {
			if err := db.CreateFiling(ctx, f); err != nil {
				t.Fatal(err)
			}
		}
		c := &patentbridge.Commissioner{Name: "王芳", OrgName: "成都芯动科技有限公司", City: "5101", RegisteredOn: date("2025-01-01")}
		if err := db.CreateCommissioner(ctx, c); err != nil {
			t.Fatal(err)
		}
		for _, s := range []struct{ org, on string }{{"成都芯动科技有限公司", "2026-02-01"}, {"成都芯动科技有限公司", "2026-06-01"}, {"德阳精工机械有限公司", "2026-07-01"}} {
			if err := db.RecordService(ctx, &patentbridge.ServiceRecord{CommissionerID: c.ID, OrgName: s.org, ServedOn: date(s.on),
				Type: patentbridge.ServiceValuation, Outcome: "完成评估"}); err != nil {
				t.Fatal(err)
			}
		}
		rep, err := db.KPIReport(ctx, 2026)
		if err != nil {
			t.Fatal(err)
		}
		for id, want := range map[string][2]float64{
			"sme_product_filings": {1, 0}, "enterprises_served": {2, 0}, "commissioners": {1, 1}, "smes_reached": {2, 0},
		} {
			if v := kpiValue(t, rep.Province, id); v.Value != want[0] || v.Previous != want[1] {
				t.Errorf("%s = %v (previous %v), want %v", id, v.Value, v.Previous, want)
			}
		}
		if v := kpiValue(t, cityArea(t, rep, "510600"), "smes_reached"); v.Value != 1 {
			t.Errorf("Deyang's SMEs reached: %+v", v)
		}
		recs, total, err := db.KPIRecords(ctx, patentbridge.KPIFilter{ID: "smes_reached", Year: 2026, City: "5101"})
		if err != nil || total != 1 || recs[0].Title != "成都芯动科技有限公司" || patentbridge.FormatDate(recs[0].Date) != "2026-02-01" {
			t.Fatalf("Chengdu's SMEs reached: %d %+v %v", total, recs, err)
		}
	})
}
