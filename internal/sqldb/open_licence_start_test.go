package sqldb_test

import (
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// TestOpenLicenceTermStartsNoEarlierThanToday: a term starting before the
// store's day is refused at submission, and again at announcement when the
// day passed the start meanwhile.
func TestOpenLicenceTermStartsNoEarlierThanToday(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newDeclFixture(t, db)
		ol := royaltyDeclaration(f.uestcOnly)
		ol.TermStart = date("2020-01-01")
		MustOpenLicence(t, db, f.uestc, ol) // a draft may hold it
		_, err := db.SubmitOpenLicence(as(f.uestc), ol.ID)
		if patentbridge.ErrorField(err) != "term_start" || !strings.Contains(patentbridge.ErrorMessage(err), "不能早于今天（2026-11-27）") {
			t.Fatalf("submit a term from 2020-01-01: %v", err)
		}
		ol.TermStart = date("2026-11-27")
		if err := db.UpdateOpenLicence(as(f.uestc), ol); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SubmitOpenLicence(as(f.uestc), ol.ID); err != nil {
			t.Fatalf("submit a term from today: %v", err)
		}
		// Reviewed the next day: the term would start in the past.
		moveClock(db, time.Date(2026, 11, 28, 8, 0, 0, 0, time.UTC))
		_, err = db.ReviewOpenLicence(as(f.admin), ol.ID, true, "")
		if patentbridge.ErrorField(err) != "term_start" || !strings.Contains(patentbridge.ErrorMessage(err), "2026-11-28") {
			t.Fatalf("announce a term that started yesterday: %v", err)
		}
		if n, _ := db.QueryIntForTest(platformCtx(), "SELECT COUNT(*) FROM ledger_entries"); n != 0 {
			t.Errorf("ledger entries = %d after a refused announcement", n)
		}
	})
}
