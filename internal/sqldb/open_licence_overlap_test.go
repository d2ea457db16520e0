package sqldb_test

import (
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// TestOpenLicenceBarredByLaterExclusiveLicence: an exclusive licence
// registered for a term starting after today bars an open licence whose term
// overlaps it (细则 art. 86(1)); one ending the day before the declaration's
// term starts does not.
func TestOpenLicenceBarredByLaterExclusiveLicence(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newDeclFixture(t, db)
		excl := &patentbridge.Licence{Kind: patentbridge.LicenceExclusive, AppNos: []string{f.uestcOnly.AppNo},
			LicenseeOrgID: f.firm.OrgID, Fee: fixedFee, TermStart: date("2027-01-01"), TermEnd: date("2027-12-31")}
		if err := db.RegisterLicence(as(f.uestc), excl); err != nil {
			t.Fatal(err)
		}
		if excl.Status != patentbridge.LicenceEffective {
			t.Fatalf("registered licence status %q", excl.Status)
		}
		ol := MustOpenLicence(t, db, f.uestc, royaltyDeclaration(f.uestcOnly)) // 2026-12-01 to 2031-11-30
		_, err := db.SubmitOpenLicence(as(f.uestc), ol.ID)
		if patentbridge.ErrorField(err) != "app_no" || !strings.Contains(patentbridge.ErrorMessage(err), "第八十六条第（一）项") ||
			!strings.Contains(patentbridge.ErrorMessage(err), "2027-01-01") {
			t.Fatalf("submit over a later exclusive licence: %v", err)
		}
		// Starting on the exclusive licence's last day: still refused.
		ol.TermStart = date("2027-12-31")
		if err := db.UpdateOpenLicence(as(f.uestc), ol); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SubmitOpenLicence(as(f.uestc), ol.ID); patentbridge.ErrorField(err) != "app_no" {
			t.Fatalf("starting on the exclusive licence's last day: %v", err)
		}
		// Starting the day after it ends: allowed.
		ol.TermStart = date("2028-01-01")
		if err := db.UpdateOpenLicence(as(f.uestc), ol); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SubmitOpenLicence(as(f.uestc), ol.ID); err != nil {
			t.Fatalf("starting the day after the exclusive licence ends: %v", err)
		}
	})
}
