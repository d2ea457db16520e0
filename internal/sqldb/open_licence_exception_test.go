package sqldb_test

import (
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// TestOpenLicenceFeeExceptionFollowsFee: the admin's exception covers the
// figures it was recorded for; a patentee's fee change clears it, so the 2024
// notice's limits apply again, while other edits keep it.
func TestOpenLicenceFeeExceptionFollowsFee(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newDeclFixture(t, db)
		ol := royaltyDeclaration(f.uestcOnly)
		ol.Fee.RateBP = 2500
		ol.FeeException = "行业基础专利，经专家论证提成率可为25%"
		MustOpenLicence(t, db, f.admin, ol)
		if ol.FeeException == "" {
			t.Fatal("the admin's exception was not recorded")
		}
		// Same fee, other terms changed: the exception stays.
		ol.Conditions = "被许可人不得再许可；须标注专利号"
		ol.FeeException = ""
		if err := db.UpdateOpenLicence(as(f.uestc), ol); err != nil {
			t.Fatalf("update keeping the fee: %v", err)
		}
		if ol.FeeException == "" {
			t.Fatal("an edit that kept the fee lost the exception")
		}
		// The rate raised to 99%: refused, the exception no longer applies.
		ol.Fee.RateBP = 9900
		if err := db.UpdateOpenLicence(as(f.uestc), ol); patentbridge.ErrorField(err) != "rate" {
			t.Fatalf("99%% under the old exception: %v", err)
		}
		// A lump sum of 50亿元: refused likewise.
		ol.Fee = patentbridge.FeeTerms{Method: patentbridge.FeeFixed, LumpSumFen: 500_000_000_000}
		if err := db.UpdateOpenLicence(as(f.uestc), ol); patentbridge.ErrorField(err) != "lump_sum" {
			t.Fatalf("50亿元 under the old exception: %v", err)
		}
		got, err := db.FindOpenLicence(as(f.uestc), ol.ID)
		if err != nil || got.Fee.RateBP != 2500 || got.FeeException == "" {
			t.Fatalf("after the refusals: %v %+v", err, got)
		}
		// A fee change within the limits is accepted and drops the exception.
		ol.Fee = patentbridge.FeeTerms{Method: patentbridge.FeeSales, RateBP: 1500, ReportMonths: 6}
		if err := db.UpdateOpenLicence(as(f.uestc), ol); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.FindOpenLicence(as(f.uestc), ol.ID); got.FeeException != "" {
			t.Fatalf("the exception survived a fee change: %q", got.FeeException)
		}
		// Back above the limit needs the admin's new exception.
		ol.Fee.RateBP = 3000
		if err := db.UpdateOpenLicence(as(f.uestc), ol); patentbridge.ErrorField(err) != "rate" {
			t.Fatalf("30%% without an exception: %v", err)
		}
		ol.FeeException = "经专家再次论证，提成率可为30%"
		if err := db.UpdateOpenLicence(as(f.admin), ol); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.FindOpenLicence(as(f.uestc), ol.ID); got.FeeException == "" || got.Fee.RateBP != 3000 {
			t.Fatalf("the admin's new exception: %+v", got)
		}
	})
}
