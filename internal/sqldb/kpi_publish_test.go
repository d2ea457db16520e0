package sqldb_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// publishedAreas reads the figures of a kpi.publish ledger entry.
func publishedAreas(t *testing.T, db *sqldb.DB, idx int64) map[string]map[string]float64 {
	t.Helper()
	e, err := db.Entry(context.Background(), idx)
	if err != nil || e.Kind != "kpi.publish" {
		t.Fatalf("ledger entry %d: %+v %v", idx, e, err)
	}
	var rec struct {
		Data struct {
			Areas map[string]map[string]float64 `json:"areas"`
		} `json:"data"`
	}
	if err := json.Unmarshal(e.Record, &rec); err != nil {
		t.Fatal(err)
	}
	return rec.Data.Areas
}

// The published figures hold the row of the records of no known 市(州), so
// that the published cities and it add up to the province: a deal to a
// receiver the registry does not know counts there.
func TestThePublishedKPIFiguresAddUpToTheProvince(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newKPIWorld(t, db)
		w.mustDeal(t, db, 1, patentbridge.DealTransfer, "四川大学", patentbridge.PartyUniversity, "成都芯动科技有限公司", "2026-03-01")
		w.mustDeal(t, db, 2, patentbridge.DealTransfer, "四川大学", patentbridge.PartyUniversity, "某未登记科技有限公司", "2026-04-01")
		idx, err := db.PublishKPIReport(as(w.admin), 2026)
		if err != nil {
			t.Fatal(err)
		}
		areas := publishedAreas(t, db, idx)
		if len(areas) != 23 {
			t.Fatalf("published areas: %d, want the province, 21 cities and unassigned", len(areas))
		}
		un, ok := areas[patentbridge.KPIUnassigned]
		if !ok || un["licences_transfers"] != 1 {
			t.Fatalf("unassigned row: %v", un)
		}
		var sum float64
		for code, vs := range areas {
			if code != "510000" {
				sum += vs["licences_transfers"]
			}
		}
		if p := areas["510000"]["licences_transfers"]; p != 2 || sum != p {
			t.Errorf("province %v, cities and unassigned %v", p, sum)
		}
	})
}

// Publishing the same figures again is refused, naming the entry and its
// day; once a record changes them, the year is published again.
func TestTheSameKPIFiguresArePublishedOnce(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newKPIWorld(t, db)
		w.mustDeal(t, db, 1, patentbridge.DealTransfer, "四川大学", patentbridge.PartyUniversity, "成都芯动科技有限公司", "2026-03-01")
		first, err := db.PublishKPIReport(as(w.admin), 2026)
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.PublishKPIReport(as(w.admin), 2026)
		wantCode(t, err, patentbridge.ECONFLICT)
		if msg := patentbridge.ErrorMessage(err); !strings.Contains(msg, "第 "+itoa(first)+" 条") || !strings.Contains(msg, "2026-11-27") {
			t.Errorf("message: %s", msg)
		}
		if _, err := db.PublishKPIReport(as(w.admin), 2025); err != nil { // another year's first
			t.Fatal(err)
		}
		w.mustDeal(t, db, 2, patentbridge.DealTransfer, "四川大学", patentbridge.PartyUniversity, "成都芯动科技有限公司", "2026-04-01")
		second, err := db.PublishKPIReport(as(w.admin), 2026)
		if err != nil || second <= first {
			t.Fatalf("changed figures: %d %v", second, err)
		}
		if v := publishedAreas(t, db, second)["510000"]["licences_transfers"]; v != 2 {
			t.Errorf("republished licences_transfers = %v", v)
		}
		rep, err := db.VerifyLedger(context.Background())
		if err != nil || len(rep.Problems) != 0 || rep.Acts != 3 {
			t.Fatalf("ledger check: %+v %v", rep, err)
		}
	})
}

// A publication made before the unassigned row was published (the province
// and the cities only) still verifies, and is no reason to refuse the
// complete figures.
func TestAnOldKPIPublicationStillVerifies(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newKPIWorld(t, db)
		w.mustDeal(t, db, 1, patentbridge.DealTransfer, "四川大学", patentbridge.PartyUniversity, "某未登记科技有限公司", "2026-03-01")
		old, err := db.PublishOldKPIForTest(as(w.admin), 2026)
		if err != nil {
			t.Fatal(err)
		}
		if areas := publishedAreas(t, db, old); len(areas) != 22 {
			t.Fatalf("old publication: %d areas", len(areas))
		}
		rep, err := db.VerifyLedger(context.Background())
		if err != nil || len(rep.Problems) != 0 || rep.Acts != 1 {
			t.Fatalf("ledger check of the old entry: %+v %v", rep, err)
		}
		if _, err := db.PublishKPIReport(as(w.admin), 2026); err != nil {
			t.Fatal(err)
		}
	})
}

// A typical case scheduled for a later day counts, and is listed, from its
// 发布日期 on (the store's clock, Beijing day), as the public sees it.
func TestAScheduledCaseCountsFromItsDay(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newKPIWorld(t, db)
		ctx := as(w.admin)
		for _, c := range []*patentbridge.TypicalCase{
			{Title: "已发布的典型案例", Body: "……", City: "5101", PublishedOn: date("2026-03-01")},
			{Title: "年末发布的典型案例", Body: "……", City: "5101", PublishedOn: date("2026-12-31")},
		} {
			if err := db.CreateCase(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		count := func() (float64, int) {
			t.Helper()
			rep, err := db.KPIReport(ctx, 2026)
			if err != nil {
				t.Fatal(err)
			}
			_, total, err := db.KPIRecords(ctx, patentbridge.KPIFilter{ID: "typical_cases", Year: 2026})
			if err != nil {
				t.Fatal(err)
			}
			return kpiValue(t, rep.Province, "typical_cases").Value, total
		}
		if v, n := count(); v != 1 || n != 1 {
			t.Errorf("on 2026-11-27: figure %v, records %d, want 1", v, n)
		}
		db.Now = sqldbtest.NewClock(time.Date(2026, 12, 30, 15, 59, 0, 0, time.UTC)) // 23:59 on 12-30 in Beijing
		if v, n := count(); v != 1 || n != 1 {
			t.Errorf("on 2026-12-30: figure %v, records %d, want 1", v, n)
		}
		db.Now = sqldbtest.NewClock(time.Date(2026, 12, 30, 16, 0, 0, 0, time.UTC)) // 00:00 on 12-31 in Beijing
		if v, n := count(); v != 2 || n != 2 {
			t.Errorf("on 2026-12-31: figure %v, records %d, want 2", v, n)
		}
	})
}
