package sqldb_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// mustRegister registers a negotiated licence of the world's patent from the
// university to the firm over [from, to].
func (w *licenceWorld) mustRegister(tb testing.TB, kind patentbridge.LicenceKind, from, to string) *patentbridge.Licence {
	tb.Helper()
	l := &patentbridge.Licence{Kind: kind, AppNos: []string{w.appNo}, LicenseeOrgID: w.firmOrg,
		Fee: fixedFee, TermStart: date(from), TermEnd: date(to)}
	if err := w.db.RegisterLicence(w.ctx(w.uni), l); err != nil {
		tb.Fatal(err)
	}
	return l
}

// licenceStatus reads a licence's state as its licensor sees it.
func (w *licenceWorld) licenceStatus(tb testing.TB, id int64) string {
	tb.Helper()
	l, err := w.db.FindLicence(w.ctx(w.uni), id)
	if err != nil {
		tb.Fatal(err)
	}
	return l.Status
}

func TestEndExpiredLicencesEndsTheDayAfterTheTerm(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := MustLicenceWorld(t, db)
		yesterday := w.mustRegister(t, patentbridge.LicenceOrdinary, "2026-01-01", "2026-12-31")
		today := w.mustRegister(t, patentbridge.LicenceOrdinary, "2026-01-01", "2027-01-01")
		moveClock(db, time.Date(2027, 1, 1, 0, 0, 1, 0, time.UTC))
		_, err := db.EndExpiredLicences(w.ctx(w.uni))
		wantCode(t, err, patentbridge.EFORBIDDEN)
		n, err := db.EndExpiredLicences(platformCtx())
		if err != nil || n != 1 {
			t.Fatalf("end: %d, %v", n, err)
		}
		if got := w.licenceStatus(t, yesterday.ID); got != patentbridge.LicenceEnded {
			t.Errorf("licence ending yesterday: %s", got)
		}
		if got := w.licenceStatus(t, today.ID); got != patentbridge.LicenceEffective {
			t.Errorf("licence ending today: %s", got)
		}
		ctx := context.Background()
		q := "SELECT COUNT(*) FROM audit_log WHERE action = 'licence.end' AND object = 'licence:%d'"
		if k, err := db.QueryIntForTest(ctx, fmt.Sprintf(q, yesterday.ID)); err != nil || k != 1 {
			t.Errorf("audit rows of the ended licence: %d, %v", k, err)
		}
		if k, err := db.QueryIntForTest(ctx, fmt.Sprintf(q, today.ID)); err != nil || k != 0 {
			t.Errorf("audit rows of the licence in force: %d, %v", k, err)
		}
		entries, err := db.QueryIntForTest(ctx, "SELECT COUNT(*) FROM ledger_entries")
		if err != nil {
			t.Fatal(err)
		}
		if n, err := db.EndExpiredLicences(platformCtx()); err != nil || n != 0 {
			t.Fatalf("second run: %d, %v", n, err)
		}
		moveClock(db, time.Date(2027, 1, 2, 0, 0, 1, 0, time.UTC))
		if n, err := db.EndExpiredLicences(platformCtx()); err != nil || n != 1 {
			t.Fatalf("next day: %d, %v", n, err)
		}
		if after, _ := db.QueryIntForTest(ctx, "SELECT COUNT(*) FROM ledger_entries"); after != entries {
			t.Errorf("ledger entries %d -> %d: the end of a term is no public act", entries, after)
		}
	})
}

func TestEndExpiredLicencesAuditFailureLeavesLicence(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := MustLicenceWorld(t, db)
		l := w.mustRegister(t, patentbridge.LicenceOrdinary, "2026-01-01", "2026-12-31")
		moveClock(db, time.Date(2027, 1, 1, 0, 0, 1, 0, time.UTC))
		MustFailAudit(t, db)
		if _, err := db.EndExpiredLicences(platformCtx()); err == nil {
			t.Fatal("ended without its audit row")
		}
		if got := w.licenceStatus(t, l.ID); got != patentbridge.LicenceEffective {
			t.Errorf("after the failed act: %s", got)
		}
	})
}

func TestEndedExclusiveLicenceNoLongerBlocks(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := MustLicenceWorld(t, db)
		ended := w.mustRegister(t, patentbridge.LicenceExclusive, "2026-01-01", "2026-12-31")
		moveClock(db, time.Date(2027, 1, 1, 0, 0, 1, 0, time.UTC))
		next := &patentbridge.Licence{Kind: patentbridge.LicenceSole, AppNos: []string{w.appNo}, LicenseeOrgID: w.firmOrg,
			Fee: fixedFee, TermStart: date("2026-12-01"), TermEnd: date("2027-12-31")}
		wantCode(t, db.RegisterLicence(w.ctx(w.uni), next), patentbridge.ECONFLICT)
		if n, err := db.EndExpiredLicences(platformCtx()); err != nil || n != 1 {
			t.Fatalf("end: %d, %v", n, err)
		}
		if err := db.RegisterLicence(w.ctx(w.uni), next); err != nil {
			t.Fatalf("sole licence after the exclusive one ended: %v", err)
		}
		// The open-licence bar of 细则 art. 86(1) counts only licences in force.
		rec := patentbridge.RecordedLicence{ID: ended.ID, Kind: ended.Kind, Status: patentbridge.LicenceEnded,
			TermStart: ended.TermStart, TermEnd: ended.TermEnd}
		if rec.InForce(date("2026-06-01")) {
			t.Error("an ended licence is in force")
		}
	})
}
