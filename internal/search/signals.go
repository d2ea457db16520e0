package search

import (
	"context"

	"patentbridge"
)

// Router predicts IPC subclasses for a text, and the industries the text names or
// its predictions imply (implemented by internal/search/route's Model).
type Router interface {
	Predict(text string, k int) []patentbridge.IPCPrediction
	Industries(text string, preds []patentbridge.IPCPrediction) []string
}

// PatentSignal is what is known of a candidate patent beyond its text; zero
// values mean "unknown" and move nothing.
type PatentSignal struct {
	Grade        string // latest screening grade A–D; the index's grade when empty
	OnSupplyList bool   // on a published supply list (供给清单)
	OpenLicence  bool   // an announced open licence (开放许可)
	// OpenLicenceTerms is the announced open licence as a reason: "开放许可：免费".
	OpenLicenceTerms string
	Offered          bool   // offered for transfer or licence (supply item)
	OfferTerms       string // the published offer as a reason: "可转让，报价 50 万元"
	RegionCode       string // the owner's GB/T 2260 code; the index's city when empty
	Interested       int    // users who marked it 感兴趣, over all demands
	Irrelevant       int    // users who marked it 不相关, over all demands
	Verdict          string // this demand's verdict (patentbridge.FeedbackInterested / FeedbackIrrelevant)
}

// Signals supplies per-patent signals for candidate application numbers; patents
// absent from the map get none.
type Signals interface {
	PatentSignals(ctx context.Context, req patentbridge.MatchRequest, ids []string) (map[string]PatentSignal, error)
}

// SignalMap is a fixed set of signals by application number.
type SignalMap map[string]PatentSignal

// PatentSignals returns the map's entries for ids.
func (m SignalMap) PatentSignals(_ context.Context, _ patentbridge.MatchRequest, ids []string) (map[string]PatentSignal, error) {
	out := make(map[string]PatentSignal, len(ids))
	for _, id := range ids {
		if s, ok := m[id]; ok {
			out[id] = s
		}
	}
	return out, nil
}

// SignalsFunc adapts a function to Signals.
type SignalsFunc func(ctx context.Context, req patentbridge.MatchRequest, ids []string) (map[string]PatentSignal, error)

// PatentSignals calls f.
func (f SignalsFunc) PatentSignals(ctx context.Context, req patentbridge.MatchRequest, ids []string) (map[string]PatentSignal, error) {
	return f(ctx, req, ids)
}

// Weights are the re-ranking weights added to the text score (normalized so the
// best text match scores 1). Text stays first: the signals only reorder close matches.
type Weights struct {
	IPC        float64 // × the square of the best relative router score among the patent's subclasses
	Consensus  float64 // × the share of the top text matches' votes for the patent's subclasses
	Industry   float64 // the patent belongs to a predicted industry
	GradeA     float64 // grade A; B gets half, D loses half
	Available  float64 // on a supply list, open licence or offered
	SameCity   float64
	SameProv   float64
	Interested float64 // per user (capped at 3), and again for this demand's verdict
	Irrelevant float64 // per user (capped at 3); this demand's 不相关 costs 5×
}

// DefaultWeights are the weights tuned on the labeled titles (folds 1–3 → 4) and
// checked not to cost the CSL known-item retrieval.
var DefaultWeights = Weights{
	IPC: 0.6, Consensus: 0.5, Industry: 0.03,
	GradeA: 0.06, Available: 0.05, SameCity: 0.04, SameProv: 0.02,
	Interested: 0.03, Irrelevant: 0.06,
}
