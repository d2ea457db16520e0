package route

import (
	"os"
	"testing"
)

// TestTuneWeights coordinate-searches the combination weights on cached cross-fold
// scores (train on two of folds 1-3, test on the third), maximizing mean top-1 plus
// mean recall@3; fold 4 is only reported. Run with ROUTE_TUNE=1.
func TestTuneWeights(t *testing.T) {
	if os.Getenv("ROUTE_TUNE") == "" {
		t.Skip("set ROUTE_TUNE=1 to tune")
	}
	p := defaultParams
	sps := makeSplits(p)
	eval := func(p params) (cv, f4 Metrics) {
		for _, sp := range sps[:3] {
			mt := evalScores(sp, p)
			cv.Top1 += mt.Top1 / 3
			cv.RecallAt3 += mt.RecallAt3 / 3
		}
		return cv, evalScores(sps[3], p)
	}
	obj := func(m Metrics) float64 { return m.Top1 + m.RecallAt3 }
	for i, sp := range sps {
		mt := evalScores(sp, p)
		t.Logf("split %d: top1=%.4f recall@3=%.4f", i+1, mt.Top1, mt.RecallAt3)
	}
	cv, f4 := eval(p)
	t.Logf("default: cv %.4f/%.4f, fold 4 %.4f/%.4f", cv.Top1, cv.RecallAt3, f4.Top1, f4.RecallAt3)
	knobs := []struct {
		name string
		vals []float64
		set  func(p *params, x float64)
	}{
		{"wLin", []float64{0, 0.5, 1, 1.5}, func(p *params, x float64) { p.wLin = x }},
		{"linP", []float64{0.3, 0.5, 0.7, 1}, func(p *params, x float64) { p.linP = x }},
		{"wOvr", []float64{0, 0.5, 1, 1.5}, func(p *params, x float64) { p.wOvr = x }},
		{"ovrP", []float64{0.5, 0.7, 1}, func(p *params, x float64) { p.ovrP = x }},
		{"wKNN", []float64{0, 0.1, 0.25, 0.4}, func(p *params, x float64) { p.wKNN = x }},
		{"wCent", []float64{0, 0.3, 0.5, 0.8}, func(p *params, x float64) { p.wCent = x }},
		{"wScheme", []float64{0, 0.15, 0.3, 0.5}, func(p *params, x float64) { p.wScheme = x }},
		{"coocW", []float64{0, 0.15, 0.3}, func(p *params, x float64) { p.coocW = x }},
		{"wClass", []float64{0, 0.05, 0.1, 0.2}, func(p *params, x float64) { p.wClass = x }},
		{"priorA", []float64{0, 0.05, 0.1, 0.2}, func(p *params, x float64) { p.priorA = x }},
	}
	best := obj(cv)
	for _, k := range knobs {
		for _, x := range k.vals {
			q := p
			k.set(&q, x)
			if c, _ := eval(q); obj(c) > best+1e-4 {
				best, p = obj(c), q
				t.Logf("%s=%g: cv %.4f/%.4f", k.name, x, c.Top1, c.RecallAt3)
			}
		}
	}
	cv, f4 = eval(p)
	t.Logf("tuned: cv %.4f/%.4f, fold 4 %.4f/%.4f", cv.Top1, cv.RecallAt3, f4.Top1, f4.RecallAt3)
}
