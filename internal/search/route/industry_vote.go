package route

import (
	"math"
	"strings"

	"patentbridge/internal/screen"
)

// initClassifier builds the Sichuan mapping's classifier (Industries and the
// industry keyword votes), once.
func (m *Model) initClassifier() { m.classifier = screen.DefaultClassifier(m.ref) }

// industryVoteW is the weight of the Sichuan industry keywords' vote, as a share of
// the text's best score: a subclass a keyword names alone (川茶 → A23F) gains half of
// it, so a need that names its industry's vocabulary (绿茶, 杀青) routes there even
// when the training titles hold few of its words.
const industryVoteW = 0.5

// industryVotes returns, per label, the vote of the Sichuan industry keywords the
// text names (screen.Classifier.KeywordRules, exclusions respected): each rule
// votes 1/√n for each of the n subclasses its IPC prefixes cover, so a narrow
// rule (川茶: A23F3/ → A23F) outweighs a broad one (食品饮料: A21, A23, C12C …),
// and a label takes the best vote of the rules naming it. Nil when no rule matches.
func (m *Model) industryVotes(text string) []float64 {
	m.classOnce.Do(m.initClassifier)
	rules := m.classifier.KeywordRules(text)
	if len(rules) == 0 {
		return nil
	}
	votes := make([]float64, len(m.labels))
	for _, ru := range rules {
		ls := m.prefixLabels(ru.IPCPrefixes)
		if len(ls) == 0 {
			continue
		}
		v := 1 / math.Sqrt(float64(len(ls)))
		for _, l := range ls {
			votes[l] = max(votes[l], v)
		}
	}
	return votes
}

// prefixLabels maps IPC prefixes to the model's subclasses: a class (H10) to each
// of its subclasses, a subclass or a group (C12G, A23F3/, A23L3/36) to its
// subclass; without repeats.
func (m *Model) prefixLabels(prefixes []string) []int32 {
	var out []int32
	seen := map[int32]bool{}
	add := func(l int32) {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	for _, p := range prefixes {
		if len(p) >= 4 {
			if l, ok := m.labelOf[p[:4]]; ok {
				add(l)
			}
			continue
		}
		for l, s := range m.labels {
			if strings.HasPrefix(s, p) {
				add(int32(l))
			}
		}
	}
	return out
}

// addIndustryVotes raises the scores of the subclasses an industry keyword votes
// for by industryVoteW times their vote times the best score (1 when no label
// scores yet).
func (m *Model) addIndustryVotes(sc, votes []float64) {
	top := 0.0
	for _, x := range sc {
		top = max(top, x)
	}
	if top == 0 {
		top = 1
	}
	for l, v := range votes {
		sc[l] += industryVoteW * v * top
	}
}
