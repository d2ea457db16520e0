package route

import (
	"context"
	"runtime/debug"
	"sync"

	"patentbridge"
	"patentbridge/internal/refdata"
)

var (
	defaultOnce  sync.Once
	defaultModel *Model
)

// trainingMemoryLimit is the soft heap limit while the product's model trains
// (unless the operator set a lower GOMEMLIMIT): the collector runs more often
// instead of letting training's short-lived matrices double the heap, which
// took a server with no data to 770 MB at start (peak 806 -> 429 MB measured,
// training 5.3 -> 7.1 s).
const trainingMemoryLimit = 400 << 20

// Default returns the product's model, trained once on first use on every embedded
// real labelled title (all folds) and the IPC scheme's Chinese titles.
func Default() *Model {
	defaultOnce.Do(func() { defaultModel = TrainShipped(refdata.Default()) })
	return defaultModel
}

// TrainShipped trains a model on the shipped labelled titles and the IPC scheme's
// titles as Default does, under the training memory limit.
func TrainShipped(ref *refdata.Data) *Model {
	if prev := debug.SetMemoryLimit(-1); prev > trainingMemoryLimit {
		debug.SetMemoryLimit(trainingMemoryLimit)
		defer debug.SetMemoryLimit(prev)
	}
	m := Train(Examples(ref.LabeledTitles()), ref)
	// Training's dense weight matrices and scratch (~500 MB) are garbage now; hand
	// the pages back at once rather than carry them while serving (RSS 820 -> 310 MB).
	debug.FreeOSMemory()
	return m
}

// DefaultRouter serves the product's model (Default, trained on first use) to
// matching and to the classify endpoint.
type DefaultRouter struct{}

// Predict ranks IPC subclasses for text.
func (DefaultRouter) Predict(text string, k int) []patentbridge.IPCPrediction {
	return Default().Predict(text, k)
}

// Industries lists the industries the text names and the predictions imply.
func (DefaultRouter) Industries(text string, p []patentbridge.IPCPrediction) []string {
	return Default().Industries(text, p)
}

// Classify returns up to limit (default 5) predicted subclasses and their industries.
func (DefaultRouter) Classify(_ context.Context, text string, limit int) ([]patentbridge.IPCPrediction, []string, error) {
	if limit <= 0 {
		limit = 5
	}
	p := Default().Predict(text, limit)
	return p, Default().Industries(text, p), nil
}

// IndustryTop is how many of the first predictions Industries considers.
const IndustryTop = 3

// Industries returns the Sichuan industries ("5+1", 六大优势产业, 农业"10+3") that the
// text names by their keywords (白酒 → 川酒, 食品饮料), then the Sichuan industries and
// strategic emerging industry fields implied by the first IndustryTop predictions,
// in that order without repeats. SEI fields are given as "战略性新兴产业：<name>".
func (m *Model) Industries(text string, preds []patentbridge.IPCPrediction) []string {
	m.classOnce.Do(m.initClassifier)
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	if text != "" {
		c := m.classifier.Classify(&patentbridge.Patent{Title: text})
		for _, list := range [][]string{c.Sichuan51, c.Advantage6, c.Agri103} {
			for _, s := range list {
				add(s)
			}
		}
	}
	for i, p := range preds {
		if i == IndustryTop {
			break
		}
		c := m.classifier.Classify(&patentbridge.Patent{IPC: []string{p.Subclass}})
		for _, list := range [][]string{c.Sichuan51, c.Advantage6, c.Agri103} {
			for _, s := range list {
				add(s)
			}
		}
		for _, code := range c.SEI {
			add(seiField(m.ref, code))
		}
	}
	return out
}

// seiField names the strategic emerging industry field of an SEI code, "" when unknown.
func seiField(ref *refdata.Data, code string) string {
	for _, s := range ref.SEIIndustries() {
		if s.Code == code && s.FieldName != "" {
			return "战略性新兴产业：" + s.FieldName
		}
	}
	return ""
}

// WordWeights weighs words as subject words (Model.WordWeights).
func (DefaultRouter) WordWeights(words []string) []float64 {
	return Default().WordWeights(words)
}
