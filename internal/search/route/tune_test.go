package route

import (
	"os"
	"testing"
	"time"

	"patentbridge/internal/refdata"
)

// foldExamples returns the embedded labelled titles of the given folds.
func foldExamples(folds ...int) []Example {
	var out []Example
	for _, t := range refdata.Default().LabeledTitles() {
		for _, f := range folds {
			if t.Fold == f {
				out = append(out, Example{Title: t.Title, Subclasses: t.Subclasses})
			}
		}
	}
	return out
}

// crossFold averages the metrics of training on two of folds 1-3 and testing on the third.
func crossFold(p params) Metrics {
	var sum Metrics
	splits := [][]int{{2, 3, 1}, {1, 3, 2}, {1, 2, 3}}
	for _, s := range splits {
		m := train(foldExamples(s[0], s[1]), refdata.Default(), p)
		mt := Evaluate(m, foldExamples(s[2]), EvalK)
		sum.N += mt.N
		sum.Top1 += mt.Top1 / 3
		sum.MicroF1 += mt.MicroF1 / 3
		sum.LabelRecallAt3 += mt.LabelRecallAt3 / 3
		sum.RecallAt3 += mt.RecallAt3 / 3
	}
	return sum
}

// TestTune prints cross-fold metrics for parameter variants; run with ROUTE_TUNE=1.
func TestTune(t *testing.T) {
	if os.Getenv("ROUTE_TUNE") == "" {
		t.Skip("set ROUTE_TUNE=1 to tune")
	}
	base := defaultParams
	variants := map[string]func(p *params){
		"default": func(p *params) {},
	}
	for name, f := range variants {
		p := base
		f(&p)
		start := time.Now()
		var mt Metrics
		if os.Getenv("ROUTE_CV") != "" {
			mt = crossFold(p)
		}
		m4 := Evaluate(train(foldExamples(1, 2, 3), refdata.Default(), p), foldExamples(4), EvalK)
		t.Logf("%-10s cv top1=%.4f f1=%.4f r@3=%.4f | 4: top1=%.4f f1=%.4f r@3=%.4f hit@3=%.4f (%v)", name, mt.Top1, mt.MicroF1, mt.LabelRecallAt3, m4.Top1, m4.MicroF1, m4.LabelRecallAt3, m4.RecallAt3, time.Since(start).Round(time.Millisecond))
	}
}
