package sqldb_test

import (
	"context"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// Matching reads an announced open licence's fee terms as its availability
// reason; a withdrawn one gives none.
func TestOpenLicenceTermsForMatching(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := MustLicenceWorld(t, db)
		terms, err := db.OpenLicenceTerms(context.Background(), []string{w.appNo})
		if err != nil || len(terms) != 0 {
			t.Fatalf("before the announcement: %v, %v", terms, err)
		}
		w.MustAnnounced(t, patentbridge.FeeTerms{Method: patentbridge.FeeFree}, "2030-12-31")
		terms, err = db.OpenLicenceTerms(context.Background(), []string{w.appNo, "2019000000000"})
		if err != nil || len(terms) != 1 || terms[w.appNo] != "开放许可：免费" {
			t.Fatalf("announced: %v, %v", terms, err)
		}
		if err := db.ExecForTest(context.Background(), "UPDATE open_licences SET status = 'withdrawn'"); err != nil {
			t.Fatal(err)
		}
		if terms, _ := db.OpenLicenceTerms(context.Background(), []string{w.appNo}); len(terms) != 0 {
			t.Errorf("withdrawn: %v", terms)
		}
	})
}
