package route

import (
	"fmt"
	"os"
	"testing"

	"patentbridge/internal/refdata"
)

// split is one train/test split with the test titles' cached base scores.
type split struct {
	m    *Model
	test []Example
	ps   []*[nParts][]float64
}

// splits trains on folds 1-3 cross-fold and on folds 1-3 for fold 4 (the last).
func makeSplits(p params) []split {
	var out []split
	for _, s := range [][]int{{2, 3, 1}, {1, 3, 2}, {1, 2, 3}, {1, 2, 3, 4}} {
		tr := s[:len(s)-1]
		m := train(foldExamples(tr...), refdata.Default(), p)
		test := foldExamples(s[len(s)-1])
		ps := make([]*[nParts][]float64, len(test))
		for i, ex := range test {
			ps[i] = m.parts(ex.Title)
		}
		out = append(out, split{m, test, ps})
	}
	return out
}

// evalScores scores cached score vectors after a post-processing step.
func evalScores(sp split, p params) Metrics {
	var mt Metrics
	var top1, found3, truth, hit3 float64
	for i, ex := range sp.test {
		if len(ex.Subclasses) == 0 {
			continue
		}
		mt.N++
		var sc []float64
		if sp.ps[i] != nil {
			sc = combine(sp.ps[i], p)
			sp.m.post(sc, p)
		}
		idx := topLabels(sc, 3)
		got := make([]string, len(idx))
		for j, l := range idx {
			got[j] = sp.m.labels[l]
		}
		c := scoreOne(got, make([]float64, len(got)), ex.Subclasses, 3)
		top1 += c.top1
		found3 += c.found3
		truth += c.truth
		if c.found3 > 0 {
			hit3++
		}
	}
	n := float64(mt.N)
	mt.Top1, mt.LabelRecallAt3, mt.RecallAt3 = top1/n, found3/truth, hit3/n
	return mt
}

// splitMetrics averages the metrics of the three cross-fold splits of makeSplits and
// gives fold 4's apart.
func splitMetrics(sps []split, p params) (cv, fold4 Metrics) {
	for _, sp := range sps[:3] {
		mt := evalScores(sp, p)
		cv.Top1 += mt.Top1 / 3
		cv.LabelRecallAt3 += mt.LabelRecallAt3 / 3
		cv.RecallAt3 += mt.RecallAt3 / 3
	}
	return cv, evalScores(sps[3], p)
}

// TestTuneFast tunes post-processing over cached scores; run with ROUTE_TUNE=1.
func TestTuneFast(t *testing.T) {
	if os.Getenv("ROUTE_TUNE") == "" {
		t.Skip("set ROUTE_TUNE=1 to tune")
	}
	sps := makeSplits(defaultParams)
	report := func(name string, p params) {
		cv, m4 := splitMetrics(sps, p)
		t.Logf("%-28s cv top1=%.4f r@3=%.4f hit@3=%.4f | 4: top1=%.4f r@3=%.4f hit@3=%.4f", name, cv.Top1, cv.LabelRecallAt3, cv.RecallAt3, m4.Top1, m4.LabelRecallAt3, m4.RecallAt3)
	}
	report("default", defaultParams)
	base := defaultParams
	base.linP, base.wKNN, base.schemeP, base.centP = 0.5, 0.15, 1, 1
	report("base", base)
	vary := func(name string, vals []float64, set func(p *params, x float64)) {
		for _, x := range vals {
			p := base
			set(&p, x)
			report(fmtName(name, " ", x), p)
		}
	}
	vary("linP", []float64{0.3, 0.4, 0.6}, func(p *params, x float64) { p.linP = x })
	vary("wKNN", []float64{0, 0.1, 0.25}, func(p *params, x float64) { p.wKNN = x })
	vary("wCent", []float64{0.15, 0.5, 0.8}, func(p *params, x float64) { p.wCent = x })
	vary("wScheme", []float64{0.08, 0.3, 0.5}, func(p *params, x float64) { p.wScheme = x })
	vary("coocW", []float64{0.15, 0.5, 0.8}, func(p *params, x float64) { p.coocW = x })
	vary("coocTop", []float64{1, 3}, func(p *params, x float64) { p.coocTop = int(x) })
}

func fmtName(p string, xs ...any) string {
	return p + fmt.Sprint(xs...)
}
