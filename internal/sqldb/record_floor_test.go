package sqldb_test

import (
	"context"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// wantRefused checks err is EINVALID on field with a message naming each of says.
func wantRefused(t *testing.T, what string, err error, field string, says ...string) {
	t.Helper()
	if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorField(err) != field {
		t.Fatalf("%s: %v (field %q), want EINVALID on %s", what, err, patentbridge.ErrorField(err), field)
	}
	for _, s := range says {
		if !strings.Contains(patentbridge.ErrorMessage(err), s) {
			t.Errorf("%s: %q does not name %s", what, patentbridge.ErrorMessage(err), s)
		}
	}
}

// A deal dated 1900 (by the form, the API or a deal file) is refused naming
// 合同日期 and the Patent Law's day; a deal of 1990 on a patent not stored
// is kept and found by the year filter 1990.
func TestProgrammeRecordsBeforeThePatentLawAreRefused(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		deal := func(day string) *patentbridge.Deal {
			return &patentbridge.Deal{AppNo: appNo(1989, 1, 100001), Kind: patentbridge.DealTransfer, FromName: "四川大学", FromType: patentbridge.PartyUniversity,
				ToName: "成都芯动科技有限公司", ToType: patentbridge.PartyEnterprise, ContractDate: date(day)}
		}
		_, err := db.RecordDeal(as(f.admin), deal("1900-01-01"), patentbridge.DealSource{Source: patentbridge.DealFromForm})
		wantRefused(t, "a form deal of 1900", err, "合同日期", "1900-01-01", "1985-04-01")
		wantRefused(t, "an API deal of 1900", db.CreateDeal(as(f.admin), deal("1900-01-01")), "合同日期", "1900-01-01", "1985-04-01")
		_, err = db.RecordDeal(as(f.admin), deal("1901-02-03"), patentbridge.DealSource{Source: patentbridge.DealFromImport, File: "交易.xlsx", Line: 2})
		wantRefused(t, "an imported deal of 1901", err, "合同日期", "1901-02-03", "1985-04-01")
		if _, total, _ := db.ListDeals(as(f.admin), patentbridge.DealFilter{}); total != 0 {
			t.Fatalf("%d deals stored", total)
		}
		old := deal("1990-06-01")
		if _, err := db.RecordDeal(as(f.admin), old, patentbridge.DealSource{Source: patentbridge.DealFromForm}); err != nil {
			t.Fatalf("a deal of 1990: %v", err)
		}
		if ds, total, err := db.ListDeals(as(f.admin), patentbridge.DealFilter{Year: 1990}); err != nil || total != 1 || ds[0].ID != old.ID {
			t.Fatalf("deals of 1990: %d %v", total, err)
		}
	})
}

// A loan applied for in 1900 is refused naming 申请日期 and both dates.
func TestLoanAppliedBeforeThePatentLawIsRefused(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLoanFixture(t, db)
		l := newLoan(0, f.firmA)
		l.AppliedOn = date("1900-01-01")
		wantRefused(t, "a loan applied for in 1900", db.CreateLoan(as(f.admin), l), "申请日期", "1900-01-01", "1985-04-01")
		if n, _ := db.QueryIntForTest(context.Background(), "SELECT COUNT(*) FROM loans"); n != 0 {
			t.Errorf("%d loans stored", n)
		}
	})
}

// A deal dated before its stored patent's application date (2019-03-01) is
// refused naming 合同日期 and both dates, by the form, the API and a deal
// file alike; a legal event dated so is skipped and counted.
func TestDealBeforeItsPatentsFilingIsRefused(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db) // f.scuA filed 2019-03-01
		deal := func(day string) *patentbridge.Deal {
			return &patentbridge.Deal{AppNo: f.scuA.AppNo, Kind: patentbridge.DealTransfer, FromName: "四川大学", FromType: patentbridge.PartyUniversity,
				ToName: "成都芯动科技有限公司", ToType: patentbridge.PartyEnterprise, ContractDate: date(day)}
		}
		says := "合同日期 2019-02-28 早于该专利的申请日 2019-03-01"
		_, err := db.RecordDeal(as(f.admin), deal("2019-02-28"), patentbridge.DealSource{Source: patentbridge.DealFromForm})
		wantRefused(t, "a form deal before the filing", err, "合同日期", says)
		_, err = db.RecordDeal(as(f.admin), deal("2019-02-28"), patentbridge.DealSource{Source: patentbridge.DealFromImport, File: "交易.xlsx", Line: 5})
		wantRefused(t, "an imported deal before the filing", err, "合同日期", says)
		wantRefused(t, "an API deal before the filing", db.CreateDeal(as(f.admin), deal("2019-02-28")), "合同日期", says)
		if _, total, _ := db.ListDeals(as(f.admin), patentbridge.DealFilter{}); total != 0 {
			t.Fatalf("%d deals stored", total)
		}
		if _, err := db.RecordDeal(as(f.admin), deal("2019-03-01"), patentbridge.DealSource{Source: patentbridge.DealFromForm}); err != nil {
			t.Fatalf("a deal on the filing day: %v", err)
		}

		p := newPatent(0)
		p.AppNo, p.AppDate = appNo(2021, 1, 777002), date("2021-05-01")
		p.Applicants = []patentbridge.Party{{Name: "四川大学", Type: patentbridge.PartyUniversity}}
		p.Patentees = []patentbridge.Party{{Name: "成都芯动科技有限公司", Type: patentbridge.PartyEnterprise}}
		p.Events = []patentbridge.LegalEvent{{Type: patentbridge.EventTransfer, Date: date("2020-01-10"), Text: "专利权的转移"}}
		MustUpsert(t, db, p)
		sum, err := db.RecordEventDeals(platformCtx())
		if err != nil || sum.Patents != 1 || sum.New != 0 || sum.Skipped != 1 {
			t.Fatalf("a legal event before the filing: %+v %v", sum, err)
		}
		if _, total, _ := db.ListDeals(as(f.admin), patentbridge.DealFilter{AppNo: p.AppNo}); total != 0 {
			t.Errorf("%d deals of the event before the filing", total)
		}
	})
}
