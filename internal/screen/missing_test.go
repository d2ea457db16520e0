package screen

import (
	"math"
	"testing"

	"patentbridge"
)

// An unknown value (a blank claims count, no enterprise rating) is marked
// missing; a known zero (no forward citation, no enterprise co-owner) stays 0.
func TestRawIndicatorsMarkMissing(t *testing.T) {
	p := basePatent(t)
	p.ClaimsCount = 0
	asOf := MustDate(t, "2026-11-27")
	v := rawIndicators(p, Facts{}, asOf, true, &patentbridge.Classification{})
	for _, i := range []int{iClaims, iFeedback} {
		if !patentbridge.IsMissingRaw(v[i]) {
			t.Errorf("%s = %v, want missing", Indicators[i].Name, v[i])
		}
	}
	for _, i := range []int{iForward, iEnterpriseCoowner, iBackward} {
		if v[i] != 0 {
			t.Errorf("%s = %v, want a known 0", Indicators[i].Name, v[i])
		}
	}
	rated := rawIndicators(p, Facts{Ratings: patentbridge.RatingSummary{Count: 1, Prospect: 4, Improvement: 4, Cooperation: 4}},
		asOf, true, &patentbridge.Classification{})
	if rated[iFeedback] != 4 {
		t.Errorf("feedback of one rating = %v, want 4", rated[iFeedback])
	}
	p.Kind = patentbridge.KindDesign // designs have no claims: 0 is known
	if v := rawIndicators(p, Facts{}, asOf, true, &patentbridge.Classification{}); v[iClaims] != 0 {
		t.Errorf("design claims = %v, want 0", v[iClaims])
	}
}

// A missing value is left out of the cohort's ranking and takes the neutral
// percentile; the known values are ranked among themselves.
func TestGraderMissingTakesNeutral(t *testing.T) {
	g := NewGrader(claimsOnly(t))
	g.Add("K1", rawWithClaims(3), "H|g2019", "H01M10/00", 0, true)
	g.Add("K2", rawWithClaims(9), "H|g2019", "H01M10/00", 0, true)
	g.Add("M1", rawWithClaims(patentbridge.MissingRaw()), "H|g2019", "H01M10/00", 0, true)
	g.Finish()
	want := map[string]float32{"K1": 0, "K2": 1, "M1": patentbridge.NeutralPercentile}
	err := g.Each(10, func(ss []Score) error {
		for _, s := range ss {
			if s.Normalized[iClaims] != want[s.AppNo] {
				t.Errorf("%s: normalized %v, want %v", s.AppNo, s.Normalized[iClaims], want[s.AppNo])
			}
			if w := 100 * float64(want[s.AppNo]); math.Abs(s.Score-w) > 1e-9 {
				t.Errorf("%s: score %v, want %v", s.AppNo, s.Score, w)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ind := DefaultConfig().Explain([]float32{0, 0, patentbridge.MissingRaw()}, []float32{0, 0, 0.5})
	if !ind[iClaims].Missing || ind[iClaims].Raw != 0 || ind[iClaims].Normalized != 0.5 || ind[iKind].Missing {
		t.Errorf("explained %+v %+v", ind[iKind], ind[iClaims])
	}
}
