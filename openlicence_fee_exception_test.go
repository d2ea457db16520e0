package patentbridge

import "testing"

func TestKeptFeeException(t *testing.T) {
	cur := &OpenLicence{FeeException: "专家论证",
		Fee: FeeTerms{Method: FeeDeferred, GraceMonths: 12, Then: &FeeTerms{Method: FeeSales, RateBP: 2500, ReportMonths: 6}}}
	same := FeeTerms{Method: FeeDeferred, GraceMonths: 12, Then: &FeeTerms{Method: FeeSales, RateBP: 2500, ReportMonths: 6, RoyaltyBase: RoyaltyNetSales}}
	if got := KeptFeeException(cur, same); got != "专家论证" {
		t.Errorf("same terms (base implied): %q", got)
	}
	for name, fee := range map[string]FeeTerms{
		"rate":    {Method: FeeDeferred, GraceMonths: 12, Then: &FeeTerms{Method: FeeSales, RateBP: 9900, ReportMonths: 6}},
		"grace":   {Method: FeeDeferred, GraceMonths: 24, Then: &FeeTerms{Method: FeeSales, RateBP: 2500, ReportMonths: 6}},
		"method":  {Method: FeeFixed, LumpSumFen: 500_000_000_000},
		"no then": {Method: FeeSales, RateBP: 2500, ReportMonths: 6},
	} {
		if got := KeptFeeException(cur, fee); got != "" {
			t.Errorf("%s changed: kept %q", name, got)
		}
	}
}
