package sqldb_test

import (
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

func TestRoyaltyReportsAndStatement(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := MustLicenceWorld(t, db)
		olID := w.MustAnnounced(t, patentbridge.FeeTerms{Method: patentbridge.FeeSales, RoyaltyBase: patentbridge.RoyaltyNetSales, RateBP: 350, ReportMonths: 3}, "2030-12-31")
		ctx := w.ctx(w.firm)
		l, err := db.TakeOpenLicence(ctx, olID, patentbridge.TakeOpenLicence{Confirmed: true})
		if err != nil || l.Status != patentbridge.LicenceEffective {
			t.Fatalf("a pure royalty licence is effective on the notice: %v %+v", err, l)
		}
		_, err = db.ReportRoyalty(ctx, l.ID, patentbridge.RoyaltyReport{PeriodStart: date("2026-11-27"), PeriodEnd: date("2027-03-31"), BaseFen: 1})
		if patentbridge.ErrorField(err) != "period_start" {
			t.Fatalf("a period off the schedule: %v", err)
		}
		_, err = db.ReportRoyalty(w.ctx(w.uni), l.ID, patentbridge.RoyaltyReport{PeriodStart: date("2026-11-27"), PeriodEnd: date("2027-02-26"), BaseFen: 1})
		wantCode(t, err, patentbridge.EFORBIDDEN)
		// The period in progress may be reported early; a report after its end corrects it.
		if _, err = db.ReportRoyalty(ctx, l.ID, patentbridge.RoyaltyReport{PeriodStart: date("2027-02-27"), PeriodEnd: date("2027-05-26"), BaseFen: 1}); patentbridge.ErrorField(err) != "period_start" {
			t.Fatalf("a period not begun: %v", err)
		}
		if l, err = db.ReportRoyalty(ctx, l.ID, patentbridge.RoyaltyReport{PeriodStart: date("2026-11-27"), PeriodEnd: date("2027-02-26"), BaseFen: 100_00}); err != nil || len(l.Reports) != 1 {
			t.Fatalf("an early report of the period in progress: %v", err)
		}
		if s := patentbridge.LicenceStatement(l, db.Now()); s.DueFen != 350 {
			t.Fatalf("the early report's royalty is due from the report: %+v", s)
		}
		moveClock(db, time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC))
		l, err = db.ReportRoyalty(ctx, l.ID, patentbridge.RoyaltyReport{PeriodStart: date("2026-11-27"), PeriodEnd: date("2027-02-26"), BaseFen: 123_456_78})
		if err != nil || len(l.Reports) != 1 || l.Reports[0].DueFen != 432_099 {
			t.Fatalf("report: %v %+v", err, l.Reports)
		}
		l, err = db.RecordPayment(ctx, l.ID, patentbridge.LicencePayment{AmountFen: 400_000, PaidOn: date("2027-02-28"), Reference: "BOC-7"})
		if err != nil {
			t.Fatal(err)
		}
		s := patentbridge.LicenceStatement(l, db.Now())
		if s.DueFen != 432_099 || s.PaidFen != 400_000 || s.OutstandingFen != 32_099 {
			t.Fatalf("statement %+v", s)
		}
		l, err = db.RecordDispute(w.ctx(w.uni), l.ID, patentbridge.LicenceDispute{Channel: patentbridge.DisputeMediation, Description: "对净销售额口径有争议"})
		if err != nil || len(l.Disputes) != 1 {
			t.Fatalf("dispute: %v", err)
		}
		_, err = db.RecordDispute(ctx, l.ID, patentbridge.LicenceDispute{Channel: "arbitration", Description: "x"})
		if patentbridge.ErrorField(err) != "channel" {
			t.Fatalf("unknown channel: %v", err)
		}
		l, err = db.ResolveDispute(ctx, l.ID, l.Disputes[0].ID, "经专利局调解，双方确认按开票金额计算")
		if err != nil || l.Disputes[0].Outcome == "" || l.Disputes[0].ResolvedAt.IsZero() {
			t.Fatalf("outcome: %v %+v", err, l.Disputes)
		}
		if n, _ := db.QueryIntForTest(t.Context(), "SELECT COUNT(*) FROM audit_log WHERE action IN ('licence.report', 'licence.payment', 'licence.dispute', 'licence.dispute_outcome')"); n != 5 { // two reports: the early one and its correction
			t.Errorf("audit rows: %d", n)
		}
	})
}

func TestDeferredLicenceInItsGracePeriod(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := MustLicenceWorld(t, db)
		fee := patentbridge.FeeTerms{Method: patentbridge.FeeDeferred, GraceMonths: 12,
			Then: &patentbridge.FeeTerms{Method: patentbridge.FeeSales, RoyaltyBase: patentbridge.RoyaltyNetSales, RateBP: 300, ReportMonths: 6}}
		olID := w.MustAnnounced(t, fee, "2030-12-31")
		l, err := db.TakeOpenLicence(w.ctx(w.firm), olID, patentbridge.TakeOpenLicence{Confirmed: true})
		if err != nil || l.Status != patentbridge.LicenceEffective {
			t.Fatalf("take: %v", err)
		}
		if s := patentbridge.LicenceStatement(l, db.Now()); !s.Deferred || s.DueFen != 0 {
			t.Fatalf("in the grace period: %+v", s)
		}
		_, err = db.ReportRoyalty(w.ctx(w.firm), l.ID, patentbridge.RoyaltyReport{PeriodStart: date("2026-11-27"), PeriodEnd: date("2027-05-26"), BaseFen: 100})
		if patentbridge.ErrorField(err) != "period_start" {
			t.Fatalf("a report during the grace period: %v", err)
		}
		moveClock(db, time.Date(2028, 5, 27, 9, 0, 0, 0, time.UTC))
		l, err = db.ReportRoyalty(w.ctx(w.firm), l.ID, patentbridge.RoyaltyReport{PeriodStart: date("2027-11-27"), PeriodEnd: date("2028-05-26"), BaseFen: 10_000_00})
		if err != nil || l.Reports[0].DueFen != 30_000 {
			t.Fatalf("first report after the grace: %v %+v", err, l.Reports)
		}
	})
}

// A reported period's royalty is due from the report; a second report of the
// period corrects it, audited with the figures before and after.
func TestRoyaltyReportCorrection(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := MustLicenceWorld(t, db)
		olID := w.MustAnnounced(t, patentbridge.FeeTerms{Method: patentbridge.FeeSales, RoyaltyBase: patentbridge.RoyaltyNetSales, RateBP: 500, ReportMonths: 3}, "2030-12-31")
		ctx := w.ctx(w.firm)
		l, err := db.TakeOpenLicence(ctx, olID, patentbridge.TakeOpenLicence{Confirmed: true})
		if err != nil {
			t.Fatal(err)
		}
		moveClock(db, time.Date(2027, 3, 5, 9, 0, 0, 0, time.UTC))
		period := patentbridge.RoyaltyReport{PeriodStart: date("2026-11-27"), PeriodEnd: date("2027-02-26")}
		period.BaseFen = 3_750_000_00
		l, err = db.ReportRoyalty(ctx, l.ID, period)
		if err != nil {
			t.Fatal(err)
		}
		if s := patentbridge.LicenceStatement(l, db.Now()); s.DueFen != 187_500_00 || s.OutstandingFen != 187_500_00 {
			t.Fatalf("the reported royalty is due at once: %+v", s)
		}
		moveClock(db, time.Date(2027, 3, 8, 9, 0, 0, 0, time.UTC))
		period.BaseFen = 2_000_000_00
		_, err = db.ReportRoyalty(w.ctx(w.uni), l.ID, period)
		wantCode(t, err, patentbridge.EFORBIDDEN)
		l, err = db.ReportRoyalty(ctx, l.ID, period)
		if err != nil || len(l.Reports) != 1 || l.Reports[0].BaseFen != 2_000_000_00 || l.Reports[0].DueFen != 100_000_00 {
			t.Fatalf("correction: %v %+v", err, l.Reports)
		}
		s := patentbridge.LicenceStatement(l, db.Now())
		if s.DueFen != 100_000_00 || !s.Dues[0].DueOn.Equal(date("2027-03-05")) {
			t.Fatalf("statement after the correction: %+v", s)
		}
		if n, _ := db.QueryIntForTest(t.Context(), "SELECT COUNT(*) FROM licence_royalty_reports"); n != 1 {
			t.Errorf("the correction replaces the report: %d rows", n)
		}
		if n, _ := db.QueryIntForTest(t.Context(), `SELECT COUNT(*) FROM audit_log WHERE action = 'licence.report'
			AND before_json LIKE '%375000000%' AND after_json LIKE '%200000000%'`); n != 1 {
			t.Errorf("the correction's audit row with the figures before and after: %d", n)
		}
	})
}

// Negative net sales are refused; a negative profit is a loss owing nothing.
func TestRoyaltyReportNegativeBase(t *testing.T) {
	for _, fee := range []patentbridge.FeeTerms{
		{Method: patentbridge.FeeSales, RoyaltyBase: patentbridge.RoyaltyNetSales, RateBP: 350, ReportMonths: 3},
		{Method: patentbridge.FeeProfit, RoyaltyBase: patentbridge.RoyaltyProfit, RateBP: 2000, ReportMonths: 3},
	} {
		sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
			w := MustLicenceWorld(t, db)
			ctx := w.ctx(w.firm)
			l, err := db.TakeOpenLicence(ctx, w.MustAnnounced(t, fee, "2030-12-31"), patentbridge.TakeOpenLicence{Confirmed: true})
			if err != nil {
				t.Fatal(err)
			}
			moveClock(db, time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC))
			period := patentbridge.RoyaltyReport{PeriodStart: date("2026-11-27"), PeriodEnd: date("2027-02-26"), BaseFen: -5_00}
			l, err = db.ReportRoyalty(ctx, l.ID, period)
			if fee.Method == patentbridge.FeeSales {
				if patentbridge.ErrorField(err) != "base_fen" {
					t.Fatalf("negative net sales: %v", err)
				}
				if n, _ := db.QueryIntForTest(t.Context(), "SELECT COUNT(*) FROM licence_royalty_reports"); n != 0 {
					t.Fatalf("the refused report is stored: %d", n)
				}
				return
			}
			if err != nil || len(l.Reports) != 1 || l.Reports[0].DueFen != 0 || l.Reports[0].BaseFen != -5_00 {
				t.Fatalf("a loss: %v %+v", err, l)
			}
		})
	}
}
