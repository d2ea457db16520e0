package search

import (
	"slices"
	"sort"

	"patentbridge"
)

// ipcVotes are the IPC subclasses of the best text matches, weighted by their text
// scores: a nearest-neighbour guess of the need's field that needs no trained model.
type ipcVotes struct {
	share map[string]float64 // subclass -> share of the votes
	top   string             // the subclass with most votes
}

func voteIPC(cands []*candidate, n int) ipcVotes {
	v := ipcVotes{share: map[string]float64{}}
	total := 0.0
	for _, c := range cands[:min(n, len(cands))] {
		total += c.text
		for _, s := range c.subclasses {
			v.share[s] += c.text
		}
	}
	best := 0.0
	for s, w := range v.share {
		v.share[s] = w / total
		if w > best || (w == best && s < v.top) {
			best, v.top = w, s
		}
	}
	return v
}

// predictionFit returns the square of the best relative router score among the
// subclasses, and that prediction: squared so that a field the router names
// second at 0.78 of the first (G06F for a tea need once the router learned
// from the demo) lifts a patent far less than the first field (fold-4 eval
// match 0.4839 → 0.4888).
func predictionFit(preds []patentbridge.IPCPrediction, subclasses []string) (float64, *patentbridge.IPCPrediction) {
	if len(preds) == 0 || preds[0].Score <= 0 {
		return 0, nil
	}
	var best *patentbridge.IPCPrediction
	for i := range preds {
		if slices.Contains(subclasses, preds[i].Subclass) && (best == nil || preds[i].Score > best.Score) {
			best = &preds[i]
		}
	}
	if best == nil {
		return 0, nil
	}
	r := best.Score / preds[0].Score
	return r * r, best
}

// gradeBonus is the grade's share of Weights.GradeA.
var gradeBonus = map[string]float64{"A": 1, "B": 0.5, "C": 0, "D": -0.5}

// rerank adds the weighted signals to each candidate's normalized text score and
// sorts by the result (stable: equal scores keep the text order).
func (m *Matcher) rerank(cands []*candidate, res *patentbridge.MatchResult, req patentbridge.MatchRequest) []*candidate {
	w := m.w
	votes := voteIPC(cands, m.opts.Consensus)
	for _, c := range cands {
		s := c.text
		fit, _ := predictionFit(res.IPCPredictions, c.subclasses)
		s += w.IPC * fit
		cons := 0.0
		for _, sc := range c.subclasses {
			cons = max(cons, votes.share[sc])
		}
		s += w.Consensus * cons
		if len(sharedIndustries(res.Industries, c.industries)) > 0 {
			s += w.Industry
		}
		s += w.GradeA * gradeBonus[c.gradeOf()]
		if c.sig.OnSupplyList || c.sig.OpenLicence || c.sig.Offered {
			s += w.Available
		}
		if c.sig.Offered { // a published price is a stronger sign of availability than a list
			s += w.Available
		}
		switch regionFit(req.RegionCode, c.regionOf()) {
		case 2:
			s += w.SameCity
		case 1:
			s += w.SameProv
		}
		s += w.Interested * float64(min(c.sig.Interested, 3))
		s -= w.Irrelevant * float64(min(c.sig.Irrelevant, 3))
		switch c.sig.Verdict {
		case patentbridge.FeedbackInterested:
			s += 3 * w.Interested
		case patentbridge.FeedbackIrrelevant:
			s -= 5 * w.Irrelevant
		}
		c.score = s
	}
	out := slices.Clone(cands)
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out
}

func (c *candidate) gradeOf() string {
	if c.sig.Grade != "" {
		return c.sig.Grade
	}
	return c.grade
}

func (c *candidate) regionOf() string {
	if c.sig.RegionCode != "" {
		return c.sig.RegionCode
	}
	return c.city
}

// regionFit is 2 for the same city, 1 for the same province, 0 otherwise or unknown.
func regionFit(a, b string) int {
	switch {
	case len(a) < 2 || len(b) < 2:
		return 0
	case len(a) >= 4 && len(b) >= 4 && a[:4] == b[:4] && a[2:4] != "00":
		return 2
	case a[:2] == b[:2]:
		return 1
	}
	return 0
}

func sharedIndustries(predicted, have []string) []string {
	var out []string
	for _, p := range predicted {
		if slices.Contains(have, p) {
			out = append(out, p)
		}
	}
	return out
}
