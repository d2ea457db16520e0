package route

import (
	"os"
	"slices"
	"testing"

	"patentbridge/internal/refdata"
)

// TestLearningCurve prints top-1 and recall@3 for models trained on 1, 2 and 3 of the
// four labelled folds, each tested on every fold it did not train on, so the gain per
// added fold can be read off; run with ROUTE_CURVE=1 (about ten minutes on two cores).
func TestLearningCurve(t *testing.T) {
	if os.Getenv("ROUTE_CURVE") == "" {
		t.Skip("set ROUTE_CURVE=1 to print the learning curve")
	}
	for size := 1; size <= 3; size++ {
		var top1, r3 float64
		var runs int
		for _, train := range foldSubsets(size) {
			m := Train(foldExamples(train...), refdata.Default())
			for test := 1; test <= 4; test++ {
				if slices.Contains(train, test) {
					continue
				}
				mt := Evaluate(m, foldExamples(test), EvalK)
				t.Logf("train %v test %d: top1=%.4f r@3=%.4f", train, test, mt.Top1, mt.RecallAt3)
				top1 += mt.Top1
				r3 += mt.RecallAt3
				runs++
			}
		}
		t.Logf("%d training folds: mean top1=%.4f r@3=%.4f over %d runs", size, top1/float64(runs), r3/float64(runs), runs)
	}
}

// foldSubsets lists the subsets of folds 1-4 with n members.
func foldSubsets(n int) [][]int {
	var out [][]int
	var walk func(from int, cur []int)
	walk = func(from int, cur []int) {
		if len(cur) == n {
			out = append(out, append([]int(nil), cur...))
			return
		}
		for f := from; f <= 4; f++ {
			walk(f+1, append(cur, f))
		}
	}
	walk(1, nil)
	return out
}
