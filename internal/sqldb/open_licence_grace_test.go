package sqldb_test

import (
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// TestOpenLicenceGraceEndsWithinTerm: a 先使用后付费 declaration whose grace
// outlasts its term is refused when created and when updated.
func TestOpenLicenceGraceEndsWithinTerm(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newDeclFixture(t, db)
		ol := royaltyDeclaration(f.uestcOnly)
		ol.Fee = patentbridge.FeeTerms{Method: patentbridge.FeeDeferred, GraceMonths: 24,
			Then: &patentbridge.FeeTerms{Method: patentbridge.FeeSales, RateBP: 300, ReportMonths: 6}}
		ol.TermEnd = date("2027-11-30")
		if err := db.CreateOpenLicence(as(f.uestc), ol); patentbridge.ErrorField(err) != "term_end" {
			t.Fatalf("create with a 24-month grace in a one-year term: %v", err)
		}
		ol.TermEnd = date("2031-11-30")
		MustOpenLicence(t, db, f.uestc, ol)
		ol.TermEnd = date("2028-11-30") // payments would start 2028-12-01
		if err := db.UpdateOpenLicence(as(f.uestc), ol); patentbridge.ErrorField(err) != "term_end" {
			t.Fatalf("update to a term ending the day before payments: %v", err)
		}
		ol.TermEnd = date("2028-12-01")
		if err := db.UpdateOpenLicence(as(f.uestc), ol); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SubmitOpenLicence(as(f.uestc), ol.ID); err != nil {
			t.Fatal(err)
		}
	})
}
