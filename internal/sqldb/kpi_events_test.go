package sqldb_test

import (
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// The event, case, pilot-base and 科创板 indicators, computed by hand: a
// university's 入园惠企 in Deyang with two projects and an enterprise's 路演 in
// Chengdu with one in 2026, an SOE's 入园惠企 in 2025; a case published in
// 2026; a pilot base of 2025; a candidate screened in 2025, followed in 2026.
func TestEventAndCaseIndicatorsAreComputedFromTheRecords(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newKPIWorld(t, db)
		ctx := as(w.admin)
		events := []*patentbridge.Event{
			{Kind: patentbridge.EventParkVisit, Title: "四川大学专利进德阳园区", City: "5106", HeldOn: date("2026-04-10"), Organizer: "四川大学",
				Participants: 80, Projects: []*patentbridge.EventProject{{Title: "锂电正极材料"}, {Title: "智能焊接机器人"}}},
			{Kind: patentbridge.EventRoadshow, Title: "芯动科技路演", City: "5101", HeldOn: date("2026-09-01"), Organizer: "成都芯动科技有限公司",
				Participants: 30, Projects: []*patentbridge.EventProject{{Title: "车规级芯片"}}},
			{Kind: patentbridge.EventParkVisit, Title: "东方电气进园区", City: "5106", HeldOn: date("2025-06-01"), Organizer: "东方电气集团有限公司",
				Participants: 50, Projects: []*patentbridge.EventProject{{Title: "燃机叶片"}}},
		}
		for _, e := range events {
			if err := db.CreateEvent(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.CreateCase(ctx, &patentbridge.TypicalCase{Title: "高校专利作价入股典型案例", Body: "四川大学以专利作价入股……", City: "5101",
			PublishedOn: date("2026-03-01")}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreatePilotBase(ctx, &patentbridge.PilotBase{Name: "德阳重装中试基地", OrgName: "东方电气集团有限公司", City: "5106",
			EstablishedOn: date("2025-05-01")}); err != nil {
			t.Fatal(err)
		}
		c := &patentbridge.ListingCandidate{OrgName: "成都芯动科技有限公司", ScreenedOn: date("2025-03-01")}
		if err := db.CreateListingCandidate(ctx, c); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AdvanceListing(ctx, c.ID, patentbridge.ListingFollowed, date("2026-02-01")); err != nil {
			t.Fatal(err)
		}
		rep, err := db.KPIReport(ctx, 2026)
		if err != nil {
			t.Fatal(err)
		}
		for id, want := range map[string][2]float64{
			"matching_events": {2, 1}, "matching_projects": {3, 1}, "sme_visit_events": {2, 1},
			"typical_cases": {1, 0}, "pilot_bases": {1, 1}, "kcb_screened": {1, 1}, "kcb_followed": {1, 0}, "kcb_listed": {0, 0},
		} {
			if v := kpiValue(t, rep.Province, id); v.Value != want[0] || v.Previous != want[1] {
				t.Errorf("%s = %v (previous %v), want %v", id, v.Value, v.Previous, want)
			}
		}
		if v := kpiValue(t, cityArea(t, rep, "510600"), "matching_projects"); v.Value != 2 || v.Previous != 1 {
			t.Errorf("Deyang's projects: %+v", v)
		}
		recs, total, err := db.KPIRecords(ctx, patentbridge.KPIFilter{ID: "sme_visit_events", Year: 2026})
		if err != nil || total != 2 || recs[0].Title != "东方电气进园区" || recs[1].Party != "四川大学" {
			t.Fatalf("入园惠企 records: %d %+v %v", total, recs, err)
		}
	})
}
