package patentbridge_test

import (
	"testing"
	"time"

	"patentbridge"
)

func d(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestRoyaltyDueRoundsHalfUpToTheFen(t *testing.T) {
	for _, c := range []struct {
		rate int
		base int64
		want int64
	}{
		{500, 100_000_00, 5_000_00}, // 5% of 100,000 yuan
		{2000, 1, 0},                // 0.2 fen
		{5000, 1, 1},                // 0.5 fen rounds up
		{4999, 1, 0},                // 0.4999 fen
		{2000, 3, 1},                // 0.6 fen
		{1, 5000, 1},                // 0.5 fen at one basis point
		{1, 4999, 0},
		{2000, 0, 0},
		{4000, -100_00, 0}, // a loss owes nothing
		{10000, patentbridge.MaxRoyaltyBaseFen, patentbridge.MaxRoyaltyBaseFen},
		{2000, patentbridge.MaxRoyaltyBaseFen, patentbridge.MaxRoyaltyBaseFen / 5},
		{333, 12345, 411},  // 411.0885 fen
		{333, 12346, 411},  // 411.1218
		{750, 10_001, 750}, // 750.075
	} {
		if got := patentbridge.RoyaltyDue(c.rate, c.base); got != c.want {
			t.Errorf("RoyaltyDue(%d bp, %d fen) = %d, want %d", c.rate, c.base, got, c.want)
		}
	}
}

func TestAddMonthsClampsToMonthEnd(t *testing.T) {
	for in, want := range map[string]string{"2026-11-30": "2027-02-28", "2027-11-30": "2028-02-29", "2026-11-27": "2027-02-27", "2026-12-31": "2027-03-31"} {
		if got := patentbridge.AddMonths(d(in), 3); !got.Equal(d(want)) {
			t.Errorf("AddMonths(%s, 3) = %s, want %s", in, got.Format("2006-01-02"), want)
		}
	}
}

func TestReportPeriodsOfARoyaltyLicence(t *testing.T) {
	f := patentbridge.FeeTerms{Method: patentbridge.FeeSales, RateBP: 500, ReportMonths: 6}
	// The periods begun by the day can be reported: the one in progress early.
	if ps := patentbridge.ReportPeriods(f, d("2026-11-30"), d("2027-12-31"), d("2026-11-29")); ps != nil {
		t.Errorf("the day before the effect: %v", ps)
	}
	if ps := patentbridge.ReportPeriods(f, d("2026-11-30"), d("2027-12-31"), d("2027-05-29")); len(ps) != 1 {
		t.Errorf("the first period on its last day: %v", ps)
	}
	if ps := patentbridge.ReportPeriods(f, d("2026-11-30"), d("2027-12-31"), d("2027-05-30")); len(ps) != 2 {
		t.Errorf("the first day of the second period: %v", ps)
	}
	ps := patentbridge.ReportPeriods(f, d("2026-11-30"), d("2027-12-31"), d("2027-11-29"))
	want := []string{"2026-11-30至2027-05-29", "2027-05-30至2027-11-29"}
	if len(ps) != len(want) {
		t.Fatalf("periods %v", ps)
	}
	for i, p := range ps {
		if p.String() != want[i] {
			t.Errorf("period %d = %s, want %s", i, p, want[i])
		}
	}
	last := patentbridge.ReportPeriods(f, d("2026-11-30"), d("2027-12-31"), d("2030-01-01"))
	if got := last[len(last)-1].String(); got != "2027-11-30至2027-12-31" {
		t.Errorf("last period cut at the term's end: %s", got)
	}
	if ps := patentbridge.ReportPeriods(patentbridge.FeeTerms{Method: patentbridge.FeeFixed, LumpSumFen: 1}, d("2026-11-30"), d("2027-12-31"), d("2027-06-01")); ps != nil {
		t.Errorf("a lump sum takes no reports: %v", ps)
	}
}

func TestDeferredGraceMonthsThenLumpSum(t *testing.T) {
	f := patentbridge.FeeTerms{Method: patentbridge.FeeDeferred, GraceMonths: 12,
		Then: &patentbridge.FeeTerms{Method: patentbridge.FeeFixed, LumpSumFen: 300_000_00}}
	l := &patentbridge.Licence{Fee: f, NoticeAt: d("2026-11-27"), EffectiveAt: d("2026-11-27")}
	if f.UpFrontFen() != 0 {
		t.Fatal("先使用后付费 owes nothing up front")
	}
	s := patentbridge.LicenceStatement(l, d("2027-11-26"))
	if s.DueFen != 0 || !s.Deferred {
		t.Fatalf("the last day of the grace period: %+v", s)
	}
	s = patentbridge.LicenceStatement(l, d("2027-11-27"))
	if s.DueFen != 300_000_00 || s.Deferred || s.OutstandingFen != 300_000_00 {
		t.Fatalf("the day the grace period ends: %+v", s)
	}
	if ps := patentbridge.ReportPeriods(f, l.EffectiveAt, d("2030-12-31"), d("2028-01-01")); ps != nil {
		t.Errorf("a deferred lump sum takes no reports: %v", ps)
	}
}

func TestDeferredGraceMonthsThenRoyaltyStartsAfterTheGrace(t *testing.T) {
	f := patentbridge.FeeTerms{Method: patentbridge.FeeDeferred, GraceMonths: 6,
		Then: &patentbridge.FeeTerms{Method: patentbridge.FeeSales, RateBP: 300, ReportMonths: 3}}
	if ps := patentbridge.ReportPeriods(f, d("2026-11-27"), d("2030-12-31"), d("2027-05-26")); ps != nil {
		t.Fatalf("the last day of the grace: %v", ps)
	}
	ps := patentbridge.ReportPeriods(f, d("2026-11-27"), d("2030-12-31"), d("2027-05-27"))
	if len(ps) != 1 || ps[0].String() != "2027-05-27至2027-08-26" {
		t.Fatalf("periods start when the grace ends: %v", ps)
	}
	r := patentbridge.RoyaltyReport{PeriodStart: ps[0].Start, PeriodEnd: ps[0].End, BaseFen: 1_000_000_00}
	if got := patentbridge.PeriodRoyalty(f, d("2026-11-27"), r, nil); got != 3_000_000 {
		t.Errorf("royalty after the grace = %d", got)
	}
}

func TestDeferredUntilFirstRevenue(t *testing.T) {
	f := patentbridge.FeeTerms{Method: patentbridge.FeeDeferred, UntilFirstRevenue: true,
		Then: &patentbridge.FeeTerms{Method: patentbridge.FeeEntryRoyalty, EntryFeeFen: 50_000_00, RoyaltyBase: patentbridge.RoyaltyNetSales, RateBP: 200, ReportMonths: 6}}
	eff := d("2026-11-27")
	ps := patentbridge.ReportPeriods(f, eff, d("2030-12-31"), d("2027-11-26"))
	if len(ps) != 2 || ps[0].String() != "2026-11-27至2027-05-26" {
		t.Fatalf("periods from the effect: %v", ps)
	}
	noRevenue := patentbridge.RoyaltyReport{PeriodStart: ps[0].Start, PeriodEnd: ps[0].End, BaseFen: 0}
	l := &patentbridge.Licence{Fee: f, EffectiveAt: eff, Reports: []patentbridge.RoyaltyReport{noRevenue}}
	if s := patentbridge.LicenceStatement(l, d("2030-01-01")); !s.Deferred || s.DueFen != 0 {
		t.Fatalf("no revenue yet: %+v", s)
	}
	first := patentbridge.RoyaltyReport{PeriodStart: ps[1].Start, PeriodEnd: ps[1].End, BaseFen: 2_000_000_00}
	first.DueFen = patentbridge.PeriodRoyalty(f, eff, first, l.Reports)
	if first.DueFen != 4_000_000 {
		t.Fatalf("royalty of the period with the first revenue = %d", first.DueFen)
	}
	l.Reports = append(l.Reports, first)
	l.Payments = []patentbridge.LicencePayment{{AmountFen: 50_000_00}}
	s := patentbridge.LicenceStatement(l, ps[1].End.AddDate(0, 0, 1))
	if s.Deferred || s.DueFen != 50_000_00+4_000_000 || s.OutstandingFen != 4_000_000 {
		t.Fatalf("after the first revenue: %+v", s)
	}
}

func TestOpenLicenceFeeReductionWhileInEffect(t *testing.T) {
	ol := &patentbridge.OpenLicence{AnnouncedAt: d("2026-12-01"), WithdrawnAt: d("2028-03-01")}
	for on, want := range map[string]int{"2026-11-30": 0, "2026-12-01": 1500, "2028-02-29": 1500, "2028-03-01": 0} {
		if got := patentbridge.OpenLicenceFeeReduction(ol, d(on), 0); got != want {
			t.Errorf("%s: %d, want %d", on, got, want)
		}
	}
	if got := patentbridge.OpenLicenceFeeReduction(ol, d("2027-01-01"), 8500); got != 8500 {
		t.Errorf("not combined, the more favourable applies: %d", got)
	}
}

func TestReportedRoyaltyIsDueFromTheReport(t *testing.T) {
	f := patentbridge.FeeTerms{Method: patentbridge.FeeSales, RateBP: 500, ReportMonths: 3}
	r := patentbridge.RoyaltyReport{PeriodStart: d("2026-11-27"), PeriodEnd: d("2027-02-26"), BaseFen: 100_000_00, DueFen: 5_000_00,
		CreatedAt: d("2027-03-10").Add(9 * time.Hour)}
	l := &patentbridge.Licence{Fee: f, EffectiveAt: d("2026-11-27"), Reports: []patentbridge.RoyaltyReport{r}}
	if s := patentbridge.LicenceStatement(l, d("2027-03-09")); s.DueFen != 0 {
		t.Errorf("before the report: %+v", s)
	}
	s := patentbridge.LicenceStatement(l, d("2027-03-10"))
	if s.DueFen != 5_000_00 || s.OutstandingFen != 5_000_00 || len(s.Dues) != 1 || !s.Dues[0].DueOn.Equal(d("2027-03-10")) {
		t.Errorf("on the day of the report: %+v", s)
	}
}

func TestRoyaltyBaseNotNegativeExceptAProfit(t *testing.T) {
	sales := patentbridge.FeeTerms{Method: patentbridge.FeeSales, RateBP: 300, ReportMonths: 6}
	profit := patentbridge.FeeTerms{Method: patentbridge.FeeProfit, RateBP: 2000, ReportMonths: 12}
	entryProfit := patentbridge.FeeTerms{Method: patentbridge.FeeEntryRoyalty, EntryFeeFen: 1, RoyaltyBase: patentbridge.RoyaltyProfit, RateBP: 1000}
	entrySales := patentbridge.FeeTerms{Method: patentbridge.FeeEntryRoyalty, EntryFeeFen: 1, RoyaltyBase: patentbridge.RoyaltyNetSales, RateBP: 1000}
	untilRevenue := patentbridge.FeeTerms{Method: patentbridge.FeeDeferred, UntilFirstRevenue: true, Then: &patentbridge.FeeTerms{Method: patentbridge.FeeFixed, LumpSumFen: 1}}
	for _, f := range []patentbridge.FeeTerms{sales, entrySales, untilRevenue} {
		if err := patentbridge.CheckRoyaltyBase(f, -500); patentbridge.ErrorField(err) != "base_fen" {
			t.Errorf("%s: negative net sales: %v", f.Method, err)
		}
		if err := patentbridge.CheckRoyaltyBase(f, 0); err != nil {
			t.Errorf("%s: no sales: %v", f.Method, err)
		}
	}
	for _, f := range []patentbridge.FeeTerms{profit, entryProfit} {
		if err := patentbridge.CheckRoyaltyBase(f, -500); err != nil {
			t.Errorf("%s: a loss: %v", f.Method, err)
		}
		if got := patentbridge.PeriodRoyalty(f, d("2026-11-27"), patentbridge.RoyaltyReport{BaseFen: -500}, nil); got != 0 {
			t.Errorf("%s: a loss owes %d", f.Method, got)
		}
	}
	if err := patentbridge.CheckRoyaltyBase(profit, -patentbridge.MaxRoyaltyBaseFen-1); patentbridge.ErrorField(err) != "base_fen" {
		t.Errorf("a loss out of range: %v", err)
	}
}

func TestStatementOfAnOverpaidLicence(t *testing.T) {
	l := &patentbridge.Licence{Fee: patentbridge.FeeTerms{Method: patentbridge.FeeFixed, LumpSumFen: 12_000_00}, NoticeAt: d("2026-11-27"), EffectiveAt: d("2026-11-27"),
		Payments: []patentbridge.LicencePayment{{AmountFen: 12_000_00}, {AmountFen: 5_000_00}}}
	s := patentbridge.LicenceStatement(l, d("2026-12-01"))
	if s.DueFen != 12_000_00 || s.PaidFen != 17_000_00 || s.OutstandingFen != 0 || s.OverpaidFen != 5_000_00 {
		t.Errorf("overpaid: %+v", s)
	}
	l.Payments = l.Payments[:1]
	if s := patentbridge.LicenceStatement(l, d("2026-12-01")); s.OutstandingFen != 0 || s.OverpaidFen != 0 {
		t.Errorf("settled: %+v", s)
	}
}

func TestStatementLabelsTheEntryFee(t *testing.T) {
	f := patentbridge.FeeTerms{Method: patentbridge.FeeEntryRoyalty, EntryFeeFen: 50_000_00, RoyaltyBase: patentbridge.RoyaltyNetSales, RateBP: 200, ReportMonths: 6}
	l := &patentbridge.Licence{Fee: f, NoticeAt: d("2026-11-27"), EffectiveAt: d("2026-11-27")}
	if s := patentbridge.LicenceStatement(l, d("2026-11-27")); len(s.Dues) != 1 || s.Dues[0].What != "入门费" {
		t.Errorf("entry fee line: %+v", s.Dues)
	}
	deferred := &patentbridge.Licence{Fee: patentbridge.FeeTerms{Method: patentbridge.FeeDeferred, GraceMonths: 6, Then: &f}, EffectiveAt: d("2026-11-27")}
	if s := patentbridge.LicenceStatement(deferred, d("2027-05-27")); len(s.Dues) != 1 || s.Dues[0].What != "先使用后付费期满后入门费" {
		t.Errorf("deferred entry fee line: %+v", s.Dues)
	}
}
