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
//   - RecallAt3: the recall@3, per title — share of titles with at least one
//     true subclass among the first 3 predictions (a hit rate).
//   - LabelRecallAt3: micro over labels — true subclasses found in the first 3 / all
//     true subclasses; LabelRecallAt3Doc is the same ratio averaged over titles.
//   - MicroP, MicroR, MicroF1: over the predicted set (the top prediction plus every
//     other among the first k scoring at least RelThreshold × the top score), pooled
//     over all titles: P = correct predicted / predicted, R = correct predicted / true
//     labels, F1 their harmonic mean.
type Metrics struct {
	N                 int     `json:"n"`
	Top1              float64 `json:"top1_precision"`
	RecallAt3         float64 `json:"recall_at_3"`
	LabelRecallAt3    float64 `json:"label_recall_at_3"`
	LabelRecallAt3Doc float64 `json:"label_recall_at_3_per_title"`
	MicroP            float64 `json:"micro_precision"`
	MicroR            float64 `json:"micro_recall"`
	MicroF1           float64 `json:"micro_f1"`
}

// Evaluate predicts the first k subclasses of every test title and scores them;
// titles without true subclasses are skipped.
func Evaluate(m *Model, test []Example, k int) Metrics {
	mt, _ := evaluateRanked(test, k, func(text string) ([]string, []float64, error) {
		preds := m.Predict(text, max(k, 3))
		got := make([]string, len(preds))
		for i, p := range preds {
			got[i] = p.Subclass
		}
		return got, scoresOf(preds), nil
	})
	return mt
}

// evaluateRanked scores the ranked subclasses (with their scores) rank gives every
// test title, the first k of them making the predicted set.
func evaluateRanked(test []Example, k int, rank func(string) ([]string, []float64, error)) (Metrics, error) {
	var mt Metrics
	var top1, predicted, correct, truth, found3, docRecall, hit3 float64
	for _, ex := range test {
		if len(ex.Subclasses) == 0 {
			continue
		}
		mt.N++
		got, scores, err := rank(ex.Title)
		if err != nil {
			return Metrics{}, err
		}
		c := scoreOne(got, scores, ex.Subclasses, k)
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
		return mt, nil
	}
	n := float64(mt.N)
	mt.Top1, mt.RecallAt3, mt.LabelRecallAt3, mt.LabelRecallAt3Doc = top1/n, hit3/n, found3/truth, docRecall/n
	if predicted > 0 {
		mt.MicroP = correct / predicted
	}
	mt.MicroR = correct / truth
	if mt.MicroP+mt.MicroR > 0 {
		mt.MicroF1 = 2 * mt.MicroP * mt.MicroR / (mt.MicroP + mt.MicroR)
	}
	return mt, nil
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
	return fmt.Sprintf("top1=%.4f  recall@3=%.4f  (label recall@3=%.4f, per title %.4f; micro P/R/F1=%.4f/%.4f/%.4f)",
		mt.Top1, mt.RecallAt3, mt.LabelRecallAt3, mt.LabelRecallAt3Doc, mt.MicroP, mt.MicroR, mt.MicroF1)
}

// Report compares the router with the default Bleve baseline on one train/test pair.
type Report struct {
	Train    int     `json:"train"`
	Test     int     `json:"test"` // test titles with at least one true subclass
	K        int     `json:"k"`    // predictions per title
	Product  Metrics `json:"product"`
	Baseline Metrics `json:"baseline_bleve"`
}

// WriteText prints the report as aligned text.
func (r Report) WriteText(w io.Writer) error {
	_, err := fmt.Fprintf(w, "训练 %d，测试 %d，k=%d；recall@3 = 前 3 个预测中至少有一个正确小类的标题比例\n%-14s %s\n%-14s %s\n",
		r.Train, r.Test, r.K, "router", r.Product, "bleve-default", r.Baseline)
	return err
}

// WriteJSON prints the report as one indented JSON object.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
