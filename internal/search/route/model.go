package route

import (
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"patentbridge"
	"patentbridge/internal/refdata"
	"patentbridge/internal/screen"
	"patentbridge/internal/search"
)

// Example is a labelled text: a patent title and its IPC subclasses.
type Example struct {
	Title      string
	Subclasses []string
}

// params are the model's settings; defaultParams were tuned cross-fold on folds 1-3
// with tuneweights_test.go and exp_test.go (coocW and wClass gained nothing there and
// are 0; neither did joined subgroup titles, trigrams, more epochs or more seeds).
type params struct {
	minN        int     // shortest character n-gram
	maxN        int     // longest character n-gram
	knnK        int     // neighbours that vote
	knnP        float64 // similarity exponent of a neighbour's vote
	wKNN        float64 // weight of the neighbour vote (normalized to sum 1)
	wCent       float64 // weight of the cosine to the subclass centroid
	centP       float64 // exponent of that cosine
	wScheme     float64 // weight of the IPC scheme prior
	schemeP     float64 // exponent of the best scheme-title cosine
	schemeK     int     // scheme titles searched per query
	schemeSub   int     // how subgroup titles join the scheme prior (subNone, subApart, subJoined)
	linSub      int     // how they join the linear models' scheme examples
	strip       bool    // whether titles lose their boilerplate words first
	schemeFeats bool    // whether features only the scheme's titles have get linear weights
	schemeTrain float64 // weight of scheme titles as linear-model examples, 0 for none
	minCount    int     // training titles a subclass needs before its centroid counts
	wLin        float64 // weight of the softmax regression's probabilities
	linP        float64 // exponent of those probabilities
	epochs      int     // of the softmax regression
	lr          float64 // its initial learning rate
	coocTop     int     // top labels whose companions are raised
	coocW       float64 // weight of the companions' raise
	coocS       float64 // smoothing of P(companion | label)
	head        int     // longest suffix of the title's last Chinese run made a head feature
	words       bool    // whether the title's segmented words join its features
	wordPairs   bool    // whether pairs of adjacent words join them too
	wOvr        float64 // weight of the one-vs-rest logistic model's probabilities
	seeds       int     // linear models of each kind, trained on differently shuffled titles
	ovrP        float64 // exponent of those probabilities
	wClass      float64 // weight of the summed score of a label's IPC class
	priorA      float64 // exponent of the training frequency the scores are divided by
	maxDocFeats int     // strongest features a training document keeps, 0 for all
	maxRows     int     // most frequent features the linear models weigh at most, 0 for all
	longStrip   bool    // whether long texts lose their set phrases and their head feature
	maxQuery    int     // strongest features a long query keeps, 0 for all
}

var defaultParams = params{
	minN: 1, maxN: 2,
	knnK: 30, knnP: 3, wKNN: 0.25,
	wCent: 0.5, centP: 1,
	wScheme: 0.3, schemeP: 1, schemeK: 200,
	schemeSub: subApart, minCount: 1,
	wLin: 1, linP: 0.5, epochs: 8, lr: 5,
	wOvr: 1, ovrP: 1,
	strip: true, schemeTrain: 1, schemeFeats: true,
	coocTop: 2, coocW: 0, coocS: 1, priorA: 0.05,
	head: 3, words: true,
	seeds:     1,
	longStrip: true,
}

// Model predicts IPC subclasses for a text. It is read-only after Train and safe
// for concurrent use.
type Model struct {
	p       params
	ref     *refdata.Data
	labels  []string
	labelOf map[string]int32

	tv         *vocab    // training-title features
	tix        *invIndex // training titles
	tlabels    [][]int32 // labels of each training title
	cix        *invIndex // subclass centroids of training titles
	sv         *vocab    // scheme-title features
	six        *invIndex // scheme titles
	classOnce  sync.Once
	classifier *screen.Classifier // for Industries, built on first use
	lin        []*linear          // softmax regressions over training titles (one per seed)
	ovr        []*linear          // one-vs-rest logistic regressions over the same, or none
	slabel     []int32            // subclass of each scheme title
	cooc       [][]companion      // P(s|t) from the training label sets, by t
	freq       []int              // training titles of each label
}

// Train builds a model from labelled titles and the IPC scheme's Chinese titles.
func Train(rows []Example, ref *refdata.Data) *Model {
	return train(rows, ref, defaultParams)
}

func train(rows []Example, ref *refdata.Data, p params) *Model {
	m := &Model{p: p, ref: ref, labelOf: map[string]int32{}}
	label := func(s string) int32 {
		if l, ok := m.labelOf[s]; ok {
			return l
		}
		l := int32(len(m.labels))
		m.labels = append(m.labels, s)
		m.labelOf[s] = l
		return l
	}
	for _, s := range ref.Subclasses() {
		label(s.Code)
	}
	nodes := schemeNodes(ref, m.labelOf, p.schemeSub)
	lnodes := nodes
	if p.linSub != p.schemeSub {
		lnodes = schemeNodes(ref, m.labelOf, p.linSub)
	}
	// Training titles, and the scheme's titles as extra examples of the linear model.
	m.tv = newVocab()
	gs := make([][]string, len(rows))
	for i, r := range rows {
		gs[i] = m.feats(r.Title)
		m.tv.add(gs[i])
	}
	titleFeats := len(m.tv.df) // ids below are features of training titles
	var xgs [][]string
	if p.schemeTrain > 0 {
		xgs = make([][]string, len(lnodes))
		for i, n := range lnodes {
			xgs[i] = grams(n.text, p.minN, p.maxN)
			m.tv.add(xgs[i])
		}
	}
	m.tv.finish()
	docs := make([]vec, len(rows))
	m.tlabels = make([][]int32, len(rows))
	for i, r := range rows {
		docs[i] = strongest(m.tv.tfidf(gs[i]), p.maxDocFeats)
		gs[i] = nil
		for _, s := range r.Subclasses {
			if s = strings.TrimSpace(s); s != "" {
				m.tlabels[i] = append(m.tlabels[i], label(s))
			}
		}
	}
	m.tix = newInvIndex(docs, len(m.tv.df))
	m.cooc = cooccurrence(m.tlabels, len(m.labels), p.coocS)
	m.freq = make([]int, len(m.labels))
	for _, ls := range m.tlabels {
		for _, l := range ls {
			m.freq[l]++
		}
	}
	if p.wLin > 0 {
		ldocs, llabels := docs, m.tlabels
		var weights []float32
		if p.schemeTrain > 0 {
			ldocs = append(slices.Clip(docs), make([]vec, len(lnodes))...)
			llabels = append(slices.Clip(m.tlabels), make([][]int32, len(lnodes))...)
			weights = make([]float32, len(ldocs))
			for i := range weights {
				weights[i] = 1
			}
			for i, n := range lnodes {
				ldocs[len(docs)+i] = m.tv.tfidf(xgs[i])
				llabels[len(docs)+i] = []int32{n.label}
				weights[len(docs)+i] = float32(p.schemeTrain)
			}
		}
		// Only features of training titles get weights: the scheme's own vocabulary
		// would triple the model's memory for little gain.
		df := slices.Clone(m.tv.df)
		if !p.schemeFeats {
			clear(df[titleFeats:])
		}
		keepFrequent(df, p.maxRows)
		m.lin, m.ovr = trainLinears(ldocs, llabels, weights, df, len(m.labels), p)
	}
	m.cix = newInvIndex(centroids(docs, m.tlabels, len(m.labels), p.minCount), len(m.tv.df))
	// Scheme titles.
	m.sv = newVocab()
	ngs := make([][]string, len(nodes))
	for i, n := range nodes {
		ngs[i] = grams(n.text, p.minN, p.maxN)
		m.sv.add(ngs[i])
	}
	m.sv.finish()
	sdocs := make([]vec, len(nodes))
	m.slabel = make([]int32, len(nodes))
	for i, n := range nodes {
		sdocs[i] = m.sv.tfidf(ngs[i])
		m.slabel[i] = n.label
	}
	m.six = newInvIndex(sdocs, len(m.sv.df))
	return m
}

// centroids returns each label's normalized mean of its titles' vectors, indexed by label.
func centroids(docs []vec, labels [][]int32, nlabels, minCount int) []vec {
	sums := make([]map[int32]float32, nlabels)
	count := make([]int, nlabels)
	for d, ls := range labels {
		for _, l := range ls {
			if sums[l] == nil {
				sums[l] = map[int32]float32{}
			}
			count[l]++
			for _, t := range docs[d] {
				sums[l][t.id] += t.w
			}
		}
	}
	out := make([]vec, nlabels)
	for l, s := range sums {
		if count[l] < minCount {
			continue
		}
		v := make(vec, 0, len(s))
		for id, w := range s {
			v = append(v, term{id, w})
		}
		sort.Slice(v, func(i, j int) bool { return v[i].id < v[j].id })
		out[l] = v.normalized()
	}
	return out
}

// scores returns the combined score of every label for a text, nil when the text has
// no feature known to the model.
func (m *Model) scores(text string) []float64 {
	ps := m.parts(text)
	if ps == nil {
		return nil
	}
	return combine(ps, m.p)
}

// The signals parts computes, each a score per label.
const (
	partKNN    = iota // neighbour vote (similarities already raised to knnP)
	partLin           // softmax regression probability
	partCent          // cosine to the subclass centroid
	partScheme        // best cosine to one of the subclass's scheme titles
	partOvr           // one-vs-rest logistic probability
	nParts
)

// parts returns the raw signals for a text, nil when it has no known feature.
func (m *Model) parts(text string) *[nParts][]float64 {
	gs := m.feats(text)
	qt, qs := m.tv.tfidf(gs), m.sv.tfidf(gs)
	if m.p.maxQuery > 0 && isLong(text) {
		qt, qs = strongest(qt, m.p.maxQuery), strongest(qs, m.p.maxQuery)
	}
	if len(qt) == 0 && len(qs) == 0 {
		return nil
	}
	n := len(m.labels)
	var ps [nParts][]float64
	for i := range ps {
		ps[i] = make([]float64, n)
	}
	knnScores(m.tix, m.tlabels, qt, m.p.knnK, m.p.knnP, ps[partKNN])
	meanScores(m.lin, qt, ps[partLin])
	meanScores(m.ovr, qt, ps[partOvr])
	for _, h := range m.cix.search(qt, n) {
		ps[partCent][h.doc] = float64(h.sim)
	}
	for _, h := range m.six.search(qs, m.p.schemeK) {
		l := m.slabel[h.doc]
		ps[partScheme][l] = max(ps[partScheme][l], float64(h.sim))
	}
	return &ps
}

// combine weighs the signals into one score per label: the neighbour vote normalized
// to sum 1, the others raised to their exponents.
func combine(ps *[nParts][]float64, p params) []float64 {
	total := make([]float64, len(ps[0]))
	addScaled(total, ps[partKNN], p.wKNN, true)
	addPow(total, ps[partLin], p.wLin, p.linP)
	addPow(total, ps[partOvr], p.wOvr, p.ovrP)
	addPow(total, ps[partCent], p.wCent, p.centP)
	addPow(total, ps[partScheme], p.wScheme, p.schemeP)
	return total
}

// addPow adds w·part^e to total.
func addPow(total, part []float64, w, e float64) {
	if w == 0 {
		return
	}
	for i, x := range part {
		if x > 0 {
			if e != 1 {
				x = math.Pow(x, e)
			}
			total[i] += w * x
		}
	}
}

// finalScores are the combined scores of the need's subject (needSubject) after
// post, with the votes of the Sichuan industry keywords the text names; nil when
// neither has anything to say.
func (m *Model) finalScores(text string) []float64 {
	subject := search.NeedSubject(text)
	sc := m.scores(subject)
	if sc != nil {
		m.post(sc, m.p)
	}
	if votes := m.industryVotes(text); votes != nil {
		if sc == nil {
			sc = make([]float64, len(m.labels))
		}
		m.addIndustryVotes(sc, votes)
	}
	return sc
}

// addScaled adds w·part to total, first normalizing part to sum 1 when asked.
func addScaled(total, part []float64, w float64, toSum bool) {
	if w == 0 {
		return
	}
	if toSum {
		var s float64
		for _, x := range part {
			s += x
		}
		if s == 0 {
			return
		}
		w /= s
	}
	for i, x := range part {
		total[i] += w * x
	}
}

// Predict returns the k most likely IPC subclasses for a text, best first, with
// their Chinese titles; nothing when the text has no usable features.
func (m *Model) Predict(text string, k int) []patentbridge.IPCPrediction {
	if k <= 0 {
		return nil
	}
	sc := m.finalScores(text)
	idx := make([]int, 0, len(sc))
	for i, s := range sc {
		if s > 0 {
			idx = append(idx, i)
		}
	}
	sort.Slice(idx, func(a, b int) bool {
		if sc[idx[a]] != sc[idx[b]] {
			return sc[idx[a]] > sc[idx[b]]
		}
		return m.labels[idx[a]] < m.labels[idx[b]]
	})
	if len(idx) > k {
		idx = idx[:k]
	}
	out := make([]patentbridge.IPCPrediction, len(idx))
	for i, l := range idx {
		s := m.labels[l]
		out[i] = patentbridge.IPCPrediction{Subclass: s, Title: m.ref.IPCTitle(s), Score: round4(sc[l])}
	}
	return out
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// feats returns the features of a text for the training-title vocabulary.
func (m *Model) feats(text string) []string {
	return append(grams(m.clean(text), m.p.minN, m.p.maxN), extras(text, m.p)...)
}

// clean strips a title's boilerplate words (and a long text's set phrases) when
// the model is set to.
func (m *Model) clean(s string) string {
	if m.p.longStrip {
		s = stripLong(s)
	}
	if m.p.strip {
		return stripBoilerplate(s)
	}
	return s
}

// post adjusts combined scores: the companions of the top labels raised, the mass of
// each label's class shared, frequent labels damped.
func (m *Model) post(sc []float64, p params) {
	addCompanions(sc, m.cooc, p.coocTop, p.coocW)
	if p.wClass > 0 {
		sum := map[string]float64{}
		for l, x := range sc {
			sum[m.labels[l][:3]] += x
		}
		for l := range sc {
			if sc[l] > 0 {
				sc[l] += p.wClass * sum[m.labels[l][:3]]
			}
		}
	}
	if p.priorA > 0 {
		for l := range sc {
			sc[l] /= math.Pow(float64(m.freq[l])+1, p.priorA)
		}
	}
}
