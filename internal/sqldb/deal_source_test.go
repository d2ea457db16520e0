package sqldb_test

import (
	"context"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// mustDealSources returns a deal's sources as the admin reads them.
func mustDealSources(t *testing.T, db *sqldb.DB, ctx context.Context, id int64) []*patentbridge.DealSource {
	t.Helper()
	srcs, err := db.DealSources(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return srcs
}

// An imported row and the form's record of the same transfer end as one deal
// with two sources; the form's recordation number fills the one the import
// lacked; re-importing the same file line adds nothing; another contract day
// is another deal.
func TestRecordDealMergesAnImportAndAFormOfTheSameTransfer(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		transfer := func() *patentbridge.Deal {
			return &patentbridge.Deal{AppNo: f.scuA.AppNo, Kind: patentbridge.DealTransfer, FromName: "四川大学", FromType: patentbridge.PartyUniversity,
				ToName: "成都芯动科技有限公司", ToType: patentbridge.PartyEnterprise, AmountFen: 50_0000_00, ContractDate: date("2026-05-20")}
		}
		line := patentbridge.DealSource{Source: patentbridge.DealFromImport, File: "2026年交易.xlsx", Line: 7}
		imported := transfer()
		if merged, err := db.RecordDeal(as(f.admin), imported, line); err != nil || merged {
			t.Fatalf("first path: merged %v, %v", merged, err)
		}
		typed := transfer()
		typed.RecordationNo = "2026510000123"
		merged, err := db.RecordDeal(as(f.admin), typed, patentbridge.DealSource{Source: patentbridge.DealFromForm})
		if err != nil || !merged || typed.ID != imported.ID || typed.RecordationNo != "2026510000123" || typed.Source != patentbridge.DealFromImport {
			t.Fatalf("second path: merged %v, %v, %+v", merged, err, typed)
		}
		if merged, err := db.RecordDeal(as(f.admin), transfer(), line); err != nil || !merged {
			t.Fatalf("the same line again: merged %v, %v", merged, err)
		}
		if _, total, _ := db.ListDeals(as(f.admin), patentbridge.DealFilter{}); total != 1 {
			t.Fatalf("%d deals of one transfer", total)
		}
		stored, err := db.FindDeal(as(f.admin), imported.ID)
		if err != nil || stored.RecordationNo != "2026510000123" {
			t.Fatalf("stored deal %+v %v", stored, err)
		}
		mustFigure(t, db, as(f.admin), "licences_transfers", 2026, 1) // the import and the form: one transfer
		srcs := mustDealSources(t, db, as(f.admin), imported.ID)
		if len(srcs) != 2 || srcs[0].Source != patentbridge.DealFromImport || srcs[0].File != "2026年交易.xlsx" || srcs[0].Line != 7 ||
			srcs[1].Source != patentbridge.DealFromForm || srcs[1].RecordationNo != "2026510000123" || srcs[1].CreatedBy != f.admin.ID {
			t.Fatalf("sources %+v", srcs)
		}
		ctx := context.Background()
		if n, _ := db.QueryIntForTest(ctx, "SELECT COUNT(*) FROM audit_log WHERE action = 'deal.merge'"); n != 1 {
			t.Errorf("%d deal.merge audit rows", n)
		}
		later := transfer()
		later.ContractDate = date("2026-05-21")
		if merged, err := db.RecordDeal(as(f.admin), later, line); err != nil || merged || later.ID == imported.ID {
			t.Fatalf("another day: merged %v, %v", merged, err)
		}
		// The API's create still refuses a deal already stored.
		wantCode(t, db.CreateDeal(as(f.admin), transfer()), patentbridge.ECONFLICT)
		// A city user: another city's receiver is refused naming the column it came from.
		chengdu := MustCreateUser(t, db, "chengdu", patentbridge.RoleCity, pw)
		away := transfer()
		away.ToName, away.ToRegionCode = "绵阳某装备有限公司", "510703"
		_, err = db.RecordDeal(as(chengdu), away, line)
		if patentbridge.ErrorCode(err) != patentbridge.EFORBIDDEN || patentbridge.ErrorField(err) != "受让方地区代码" {
			t.Errorf("chengdu records a Mianyang deal: %v (%s)", err, patentbridge.ErrorField(err))
		}
		if merged, err := db.RecordDeal(as(chengdu), transfer(), patentbridge.DealSource{Source: patentbridge.DealFromForm}); err != nil || !merged {
			t.Errorf("chengdu records its city's deal again: %v %v", merged, err)
		}
	})
}

// A licence taken on the platform becomes a deal; once its recordation is
// entered, the export's 备案 of it (another day, the same number) merges into
// it: one deal, two sources.
func TestPlatformLicenceAndItsLaterRecordationInAnExportAreOneDeal(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		pool := mustPublishedPool(t, db, f, &patentbridge.FeeTerms{Method: patentbridge.FeeFixed, LumpSumFen: 30_0000_00})
		l, err := db.TakePoolLicence(as(f.firm), pool.ID, patentbridge.TakeOpenLicence{Confirmed: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.RecordPayment(as(f.firm), l.ID, patentbridge.LicencePayment{AmountFen: 30_0000_00, PaidOn: sqldbtest.Start, Reference: "BOC-1"}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RecordRecordation(as(f.firm), l.ID, "X2026510000042", sqldbtest.Start); err != nil {
			t.Fatal(err)
		}
		ds, _, err := db.ListDeals(as(f.admin), patentbridge.DealFilter{AppNo: f.scuA.AppNo})
		if err != nil || len(ds) != 1 || ds[0].RecordationNo != "X2026510000042" {
			t.Fatalf("the licence's deal: %v %+v", err, ds)
		}
		// A later export of the patent carries the licence's 备案 (dated the day it was recorded).
		p, err := db.FindPatent(context.Background(), f.scuA.AppNo)
		if err != nil {
			t.Fatal(err)
		}
		p.Events = append(p.Events, patentbridge.LegalEvent{Type: patentbridge.EventLicence, Date: sqldbtest.Start.AddDate(0, 0, -1),
			Text: "专利实施许可合同备案的生效 合同备案号：X2026510000042 让与人：四川大学 受让人：成都芯动科技有限公司 许可种类：普通许可 备案日期"})
		MustUpsert(t, db, p)
		sum, err := db.RecordEventDeals(platformCtx())
		if err != nil || sum.Merged != 1 || sum.New != 0 {
			t.Fatalf("the export's 备案: %+v %v", sum, err)
		}
		srcs := mustDealSources(t, db, as(f.admin), ds[0].ID)
		if len(srcs) != 2 || srcs[0].Source != patentbridge.DealFromPlatform || srcs[0].LicenceID != l.ID || srcs[1].Source != patentbridge.DealFromLegalEvent ||
			srcs[1].CreatedBy != 0 { // the platform's, not the licence's recorder
			t.Fatalf("sources %+v", srcs)
		}
		if _, total, _ := db.ListDeals(as(f.admin), patentbridge.DealFilter{}); total != 2 { // the pool's two patents
			t.Errorf("%d deals", total)
		}
		// The figures count the licence once per patent, the export's 备案 adding nothing.
		mustFigure(t, db, as(f.admin), "licences_transfers", sqldbtest.Start.Year(), 2)
		mustFigure(t, db, as(f.admin), "univ_conversions", sqldbtest.Start.Year(), 1) // the other patent is the SOE member's
	})
}

// mustFigure checks the province's figure of an indicator for the year and
// that its drill-down lists as many records.
func mustFigure(t *testing.T, db *sqldb.DB, ctx context.Context, id string, year int, want float64) {
	t.Helper()
	rep, err := db.KPIReport(ctx, year)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := rep.Province.Find(id)
	_, total, err := db.KPIRecords(ctx, patentbridge.KPIFilter{ID: id, Year: year})
	if err != nil || v.Value != want || float64(total) != want {
		t.Errorf("%s of %d = %v with %d records (%v), want %v", id, year, v.Value, total, err, want)
	}
}

// A merge whose audit fails adds no source and fills nothing.
func TestRecordDealMergeWhoseAuditFailsChangesNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		d := &patentbridge.Deal{AppNo: f.scuA.AppNo, Kind: patentbridge.DealTransfer, FromName: "四川大学", FromType: patentbridge.PartyUniversity,
			ToName: "成都芯动科技有限公司", ToType: patentbridge.PartyEnterprise, ContractDate: date("2026-06-30")}
		if _, err := db.RecordDeal(as(f.admin), d, patentbridge.DealSource{}); err != nil {
			t.Fatal(err)
		}
		MustFailAudit(t, db)
		again := *d
		again.ID, again.RecordationNo = 0, "2026510000999"
		if merged, err := db.RecordDeal(as(f.admin), &again, patentbridge.DealSource{}); err == nil || merged {
			t.Fatalf("merged without its audit row: %v", err)
		}
		ctx := context.Background()
		if n, _ := db.QueryIntForTest(ctx, "SELECT COUNT(*) FROM deal_sources"); n != 1 {
			t.Errorf("%d sources", n)
		}
		if n, _ := db.QueryIntForTest(ctx, "SELECT COUNT(*) FROM deals WHERE recordation_no <> ''"); n != 0 {
			t.Errorf("the recordation number was filled")
		}
	})
}

// An imported patent's transfer becomes a deal (source legal_event); its
// licence's 备案 merges into the deal typed on the form with that number;
// a second run reads nothing new, and re-importing the export (the patent
// rewritten) adds no deal and no source.
func TestRecordEventDealsFromImportedPatents(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db) // 四川大学, 成都芯动科技有限公司 registered
		typed := &patentbridge.Deal{AppNo: appNo(2021, 1, 777001), Kind: patentbridge.DealExclusive, FromName: "成都芯动科技有限公司",
			FromType: patentbridge.PartyEnterprise, ToName: "绵阳某装备有限公司", ToType: patentbridge.PartyEnterprise, ToRegionCode: "510703",
			AmountFen: 8_000_000, ContractDate: date("2025-01-10"), RecordationNo: "X2025510000123"}
		if _, err := db.RecordDeal(as(f.admin), typed, patentbridge.DealSource{Source: patentbridge.DealFromForm}); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		p := newPatent(0)
		p.AppNo = typed.AppNo
		p.Applicants = []patentbridge.Party{{Name: "四川大学", Type: patentbridge.PartyUniversity}}
		p.Patentees = []patentbridge.Party{{Name: "成都芯动科技有限公司", Type: patentbridge.PartyEnterprise, SME: true}}
		p.Events = []patentbridge.LegalEvent{
			{Type: patentbridge.EventTransfer, Date: date("2024-06-01"), Text: "专利权的转移"},
			{Type: patentbridge.EventLicence, Date: date("2025-03-05"), Text: "专利实施许可合同备案的生效 合同备案号：X2025510000123 让与人：成都芯动科技有限公司 受让人：绵阳某装备有限公司 许可种类：独占许可 备案日期"},
		}
		MustUpsert(t, db, p)
		sum, err := db.RecordEventDeals(platformCtx())
		if err != nil || sum.Patents != 1 || sum.New != 1 || sum.Merged != 1 || sum.Skipped != 0 {
			t.Fatalf("first run %+v %v", sum, err)
		}
		ds, total, err := db.ListDeals(as(f.admin), patentbridge.DealFilter{AppNo: p.AppNo, Kind: patentbridge.DealTransfer})
		if err != nil || total != 1 || ds[0].FromOrgID != f.scu.OrgID || ds[0].ToOrgID != f.firm.OrgID || ds[0].ToCity != "5101" ||
			ds[0].Source != patentbridge.DealFromLegalEvent || patentbridge.FormatDate(ds[0].ContractDate) != "2024-06-01" {
			t.Fatalf("the transfer's deal %+v %v", ds, err)
		}
		if srcs := mustDealSources(t, db, as(f.admin), typed.ID); len(srcs) != 2 || srcs[1].Source != patentbridge.DealFromLegalEvent {
			t.Fatalf("the typed licence's sources %+v", srcs)
		}
		// Again, and after the export is imported anew (the patent rewritten).
		if sum, err := db.RecordEventDeals(platformCtx()); err != nil || sum.Patents != 0 {
			t.Fatalf("second run %+v %v", sum, err)
		}
		p.Title += "（修正）"
		MustUpsert(t, db, p)
		if sum, err := db.RecordEventDeals(platformCtx()); err != nil || sum.Patents != 1 || sum.New != 0 || sum.Merged != 2 {
			t.Fatalf("after re-import %+v %v", sum, err)
		}
		if n, _ := db.QueryIntForTest(ctx, "SELECT COUNT(*) FROM deals"); n != 2 {
			t.Errorf("%d deals", n)
		}
		if n, _ := db.QueryIntForTest(ctx, "SELECT COUNT(*) FROM deal_sources"); n != 3 {
			t.Errorf("%d deal sources", n)
		}
		wantCode(t, func() error { _, err := db.RecordEventDeals(as(f.admin)); return err }(), patentbridge.EFORBIDDEN)
	})
}
