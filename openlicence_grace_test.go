package patentbridge

import (
	"strings"
	"testing"
)

// TestValidateOpenLicenceGraceWithinTerm: a 先使用后付费 deferral of
// GraceMonths must end within the term (term_start + months <= term_end).
func TestValidateOpenLicenceGraceWithinTerm(t *testing.T) {
	deferred := func(months int, start, end string) *OpenLicence {
		return &OpenLicence{Fee: FeeTerms{Method: FeeDeferred, GraceMonths: months,
			Then: &FeeTerms{Method: FeeSales, RateBP: 300, ReportMonths: 6}}, TermStart: day(start), TermEnd: day(end)}
	}
	for _, tc := range []struct {
		name string
		ol   *OpenLicence
		ok   bool
	}{
		{"term shorter than the grace", deferred(24, "2026-12-01", "2027-11-30"), false},
		{"term ends the day before payments", deferred(12, "2026-12-01", "2027-11-30"), false},
		{"term ends on the first day owed", deferred(12, "2026-12-01", "2027-12-01"), true},
		{"month end clamped", deferred(3, "2027-11-30", "2028-02-29"), true},
		{"month end clamped, a day short", deferred(3, "2027-11-30", "2028-02-28"), false},
		{"long term", deferred(12, "2026-12-01", "2031-11-30"), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateOpenLicence(tc.ol)
			if tc.ok {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			msg := ErrorMessage(err)
			if ErrorField(err) != "term_end" || !strings.Contains(msg, "先使用后付费") ||
				!strings.Contains(msg, FormatDate(tc.ol.TermEnd)) || !strings.Contains(msg, "个月的延期付费期") {
				t.Fatalf("err = %v, want a refusal on term_end naming the term and the grace", err)
			}
		})
	}
	until := &OpenLicence{Fee: FeeTerms{Method: FeeDeferred, UntilFirstRevenue: true, Then: &FeeTerms{Method: FeeFixed, LumpSumFen: 100}},
		TermStart: day("2026-12-01"), TermEnd: day("2027-01-31")}
	if err := ValidateOpenLicence(until); err != nil {
		t.Errorf("until first revenue has no months to check: %v", err)
	}
}
