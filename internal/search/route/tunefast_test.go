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
	sc   [][]float64
}

// splits trains on folds 1-3 cross-fold and on folds 1-3 for fold 4 (the last).
func makeSplits(p params) []split {
	var out []split
	for _, s := range [][]int{{2, 3, 1}, {1, 3, 2}, {1, 2, 3}, {1, 2, 3, 4}} {
		tr := s[:len(s)-1]
		m := train(foldExamples(tr...), refdata.Default(), p)
		test := foldExamples(s[len(s)-1])
		sc := make([][]float64, len(test))
		for i, ex := range test {
			sc[i] = m.scores(ex.Title)
		}
		out = append(out, split{m, test, sc})
	}
	return out
}

// evalScores scores cached score vectors after a post-processing step.
func evalScores(sp split, post func(m *Model, sc []float64)) Metrics {
	var mt Metrics
	var top1, found3, truth, hit3 float64
	for i, ex := range sp.test {
		if len(ex.Subclasses) == 0 {
			continue
		}
		mt.N++
		var sc []float64
		if sp.sc[i] != nil {
			sc = append([]float64(nil), sp.sc[i]...)
			post(sp.m, sc)
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
	mt.Top1, mt.RecallAt3, mt.HitAt3 = top1/n, found3/truth, hit3/n
	return mt
}

// TestTuneFast tunes post-processing over cached scores; run with ROUTE_TUNE=1.
func TestTuneFast(t *testing.T) {
	if os.Getenv("ROUTE_TUNE") == "" {
		t.Skip("set ROUTE_TUNE=1 to tune")
	}
	sps := makeSplits(defaultParams)
	report := func(name string, post func(m *Model, sc []float64)) {
		var cv Metrics
		for _, sp := range sps[:3] {
			mt := evalScores(sp, post)
			cv.Top1 += mt.Top1 / 3
			cv.RecallAt3 += mt.RecallAt3 / 3
			cv.HitAt3 += mt.HitAt3 / 3
		}
		m4 := evalScores(sps[3], post)
		t.Logf("%-24s cv top1=%.4f r@3=%.4f hit@3=%.4f | 4: top1=%.4f r@3=%.4f hit@3=%.4f", name, cv.Top1, cv.RecallAt3, cv.HitAt3, m4.Top1, m4.RecallAt3, m4.HitAt3)
	}
	report("base", func(*Model, []float64) {})
	for _, top := range []int{1, 2, 3, 5} {
		for _, w := range []float64{0.3, 0.6, 1, 1.5, 2.5} {
			for _, s := range []float64{1, 5} {
				cs := map[float64][][]companion{}
				report(fmtName("cooc", top, w, s), func(m *Model, sc []float64) {
					c, ok := cs[s]
					if !ok || len(c) != len(m.labels) {
						c = cooccurrence(m.tlabels, len(m.labels), s)
						cs[s] = c
					}
					addCompanions(sc, c, top, w)
				})
			}
		}
	}
}

func fmtName(p string, xs ...any) string {
	return p + fmt.Sprint(xs...)
}
