package sqldb_test

import (
	"context"
	"strings"
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// The ledger check compares the acts still stored with their records: a pool,
// an offer and a licence as published verify; a pool's terms or a licence's
// term changed in the database afterwards are found at their entries.
func TestVerifyLedgerFindsActsAlteredAfterPublication(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newOfferFixture(t, db)
		pool := mustPublishedPool(t, db, f, &patentbridge.FeeTerms{Method: patentbridge.FeeFree})
		o := MustPublishOffer(t, db, as(f.scu), newOffer(f.scuB))
		if _, err := db.WithdrawOffer(as(f.scu), o.ID, "已与企业达成意向"); err != nil {
			t.Fatal(err)
		}
		l, err := db.TakePoolLicence(as(f.firm), pool.ID, patentbridge.TakeOpenLicence{Confirmed: true})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		rep, err := db.VerifyLedger(ctx)
		if err != nil || !rep.OK() || rep.Acts != 4 {
			t.Fatalf("as published: %+v, %v", rep, err)
		}
		if err := db.ExecForTest(ctx, "UPDATE pools SET terms = '成员外企业免费许可，另收服务费'"); err != nil {
			t.Fatal(err)
		}
		if err := db.ExecForTest(ctx, "UPDATE licences SET term_end = '2036-12-31'"); err != nil {
			t.Fatal(err)
		}
		rep, err = db.VerifyLedger(ctx)
		if err != nil || rep.OK() || len(rep.Problems) != 2 {
			t.Fatalf("after the changes: %+v, %v", rep, err)
		}
		want := map[int64]string{*pool.LedgerIndex: "专利池", *l.LedgerIndex: "许可"}
		for _, p := range rep.Problems {
			if !strings.Contains(p.Message, want[p.Index]) || want[p.Index] == "" {
				t.Errorf("problem %+v, want one at %v", p, want)
			}
		}
		if !strings.Contains(rep.Problems[0].Message+rep.Problems[1].Message, "term_end") {
			t.Errorf("the changed field is not named: %+v", rep.Problems)
		}
	})
}
