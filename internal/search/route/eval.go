package route

import (
	"encoding/json"
	"fmt"
	"io"
)

// RelThreshold decides the predicted set of micro precision/recall/F1: every
// prediction scoring at least this share of the top score (the top one always).
const RelThreshold = 0.5

// Metrics are the routing quality on a labelled test set.
//
//   - Top1: share of test titles whose first predicted subclass is one of the true ones.
//   - MicroP, MicroR, MicroF1: over the predicted set (the top prediction plus every
//     other among the first k scoring at least RelThreshold × the top score), pooled
//     over all titles: P = correct predicted / predicted, R = correct predicted / true
//     labels, F1 their harmonic mean.
//   - RecallAt3: micro over labels — true subclasses found in the top 3 / all true subclasses.
//   - RecallAt3Doc: per title — the mean over titles of (true found in top 3 / true).
//   - HitAt3: share of titles with at least one true subclass in the top 3.
type Metrics struct {
	N            int     `json:"n"`
	Top1         float64 `json:"top1_precision"`
	MicroP       float64 `json:"micro_precision"`
	MicroR       float64 `json:"micro_recall"`
	MicroF1      float64 `json:"micro_f1"`
	RecallAt3    float64 `json:"recall_at_3"`
	RecallAt3Doc float64 `json:"recall_at_3_per_title"`
	HitAt3       float64 `json:"hit_at_3"`
}

// Evaluate predicts the first k subclasses of every test title and scores them;
// titles without true subclasses are skipped.
func Evaluate(m *Model, test []Example, k int) Metrics {
	var mt Metrics
	var top1, predicted, correct, truth, found3, docRecall, hit3 float64
	for _, ex := range test {
		if len(ex.Subclasses) == 0 {
			continue
		}
		mt.N++
		preds := m.Predict(ex.Title, max(k, 3))
		got := make([]string, len(preds))
		for i, p := range preds {
			got[i] = p.Subclass
		}
		c := scoreOne(got, scoresOf(preds), ex.Subclasses, k)
		top1 += c.top1
		predicted += c.predicted
		correct += c.correct
		truth += c.truth
		found3 += c.found3
		docRecall += c.found3 / c.truth
		if c.found3 > 0 {
			hit3++
		}
	}
	if mt.N == 0 {
		return mt
	}
	n := float64(mt.N)
	mt.Top1, mt.RecallAt3, mt.RecallAt3Doc, mt.HitAt3 = top1/n, found3/truth, docRecall/n, hit3/n
	if predicted > 0 {
		mt.MicroP = correct / predicted
	}
	mt.MicroR = correct / truth
	if mt.MicroP+mt.MicroR > 0 {
		mt.MicroF1 = 2 * mt.MicroP * mt.MicroR / (mt.MicroP + mt.MicroR)
	}
	return mt
}

// counts are one title's contributions to the metrics.
type counts struct{ top1, predicted, correct, truth, found3 float64 }

// scoreOne scores a ranked prediction list (with its scores) against the true labels.
func scoreOne(got []string, scores []float64, truth []string, k int) counts {
	isTrue := make(map[string]bool, len(truth))
	for _, t := range truth {
		isTrue[t] = true
	}
	c := counts{truth: float64(len(isTrue))}
	for i, g := range got {
		if i == 0 && isTrue[g] {
			c.top1 = 1
		}
		if i < 3 && isTrue[g] {
			c.found3++
		}
		if i < k && (i == 0 || scores[i] >= RelThreshold*scores[0]) {
			c.predicted++
			if isTrue[g] {
				c.correct++
			}
		}
	}
	return c
}

// String formats the metrics for a terminal.
func (mt Metrics) String() string {
	return fmt.Sprintf("n=%d top1=%.4f microP=%.4f microR=%.4f microF1=%.4f recall@3=%.4f recall@3(per title)=%.4f hit@3=%.4f",
		mt.N, mt.Top1, mt.MicroP, mt.MicroR, mt.MicroF1, mt.RecallAt3, mt.RecallAt3Doc, mt.HitAt3)
}

// writeJSON prints the metrics as one indented JSON object.
func (mt Metrics) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(mt)
}
