package sqldb_test

import (
	"testing"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// A pool's account lists its top-up before its opening balance, each dated;
// an unknown pool has none.
func TestRiskPoolMovementsListTheAccountLatestFirst(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLoanFixture(t, db)
		pool := MustCreatePool(t, db, as(f.admin), 10, 0)
		if _, err := db.DepositRiskPool(as(f.admin), pool.ID, wan(5), date("2026-11-01")); err != nil {
			t.Fatal(err)
		}
		ms, err := db.RiskPoolMovements(as(f.admin), pool.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 2 || ms[0].Kind != "deposit" || ms[0].AmountFen != wan(5) || patentbridge.FormatDate(ms[0].On) != "2026-11-01" ||
			ms[1].Kind != "open" || ms[1].AmountFen != wan(10) || ms[0].KindLabel() != "注资" {
			t.Fatalf("movements %+v", ms)
		}
		_, err = db.RiskPoolMovements(as(f.admin), pool.ID+99)
		wantCode(t, err, patentbridge.ENOTFOUND)
	})
}
