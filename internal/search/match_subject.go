package search

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	index "github.com/blevesearch/bleve_index_api"

	"patentbridge"
)

// Head back-off: a word of a need that no indexed patent holds (绿茶, when the
// patents say 茶叶) still reaches the patents about its head, the last character of
// a Chinese compound (绿茶 → 茶), through the index's most frequent noun that
// begins with it (茶叶).
const (
	backOffTries = 3    // most frequent compounds of the head tried, in order
	backOffScan  = 5000 // dictionary entries of the head read at most
)

// subjectText is what a need is searched for: its NeedSubject followed by the
// head back-off compound of each of its words the index lacks, each once.
func (m *Matcher) subjectText(ctx context.Context, text string, preds []patentbridge.IPCPrediction) (string, error) {
	subject := NeedSubject(text)
	heads, err := m.backOffs(ctx, Words(subject), preds)
	if err != nil || len(heads) == 0 {
		return subject, err
	}
	return subject + " " + strings.Join(heads, " "), nil
}

// backOffs returns the head compounds of the words the index lacks (none of their
// bigrams in any doc): the most frequent indexed bigram beginning with the word's
// last character that gse knows as a noun and, with a router, that the router
// places in one of the need's first three predicted subclasses (名优 does not
// back off to 优势), without repeats.
func (m *Matcher) backOffs(ctx context.Context, words []string, preds []patentbridge.IPCPrediction) ([]string, error) {
	r, err := m.ix.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	df := func(t string) (uint64, error) {
		tfr, err := r.TermFieldReader(ctx, []byte(t), "_all", false, false, false)
		if err != nil {
			return 0, err
		}
		defer tfr.Close()
		return tfr.Count(), nil
	}
	var out []string
	for _, w := range words {
		if !hanWord(w) {
			continue
		}
		known := false
		for _, t := range cjkAnalyzer.Analyze([]byte(w)) {
			n, err := df(string(t.Term))
			if err != nil {
				return nil, err
			}
			if n > 0 {
				known = true
				break
			}
		}
		if known {
			continue
		}
		_, last := utf8.DecodeLastRuneInString(w)
		head, err := m.headCompound(r, w[len(w)-last:], preds)
		if err != nil {
			return nil, err
		}
		if head != "" && !slices.Contains(out, head) {
			out = append(out, head)
		}
	}
	return out, nil
}

// hanWord reports whether w is two or more Chinese characters.
func hanWord(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		n++
	}
	return n >= 2
}

// headCompound returns the back-off compound of a head character, "" when none fits.
func (m *Matcher) headCompound(r index.IndexReader, head string, preds []patentbridge.IPCPrediction) (string, error) {
	d, err := r.FieldDictPrefix("abstract", []byte(head))
	if err != nil {
		return "", err
	}
	defer d.Close()
	var found []index.DictEntry
	for i := 0; i < backOffScan; i++ {
		e, err := d.Next()
		if err != nil {
			return "", err
		}
		if e == nil {
			break
		}
		if utf8.RuneCountInString(e.Term) == 2 && hanWord(e.Term) {
			found = append(found, *e)
		}
	}
	slices.SortStableFunc(found, func(a, b index.DictEntry) int { return cmp.Compare(b.Count, a.Count) })
	seg, _, err := loadSegmenter()
	if err != nil {
		return "", nil
	}
	for _, e := range found[:min(len(found), backOffTries)] {
		if _, pos, ok := seg.Find(e.Term); !ok || !strings.HasPrefix(pos, "n") {
			continue
		}
		if m.fieldAgrees(e.Term, preds) {
			return e.Term, nil
		}
	}
	return "", nil
}

// fieldAgrees reports whether the router places a word in one of the need's first
// three predicted subclasses (true without a router or predictions).
func (m *Matcher) fieldAgrees(word string, preds []patentbridge.IPCPrediction) bool {
	if m.router == nil || len(preds) == 0 {
		return true
	}
	for _, p := range m.router.Predict(word, 3) {
		for _, q := range preds[:min(3, len(preds))] {
			if p.Subclass == q.Subclass {
				return true
			}
		}
	}
	return false
}

// WordWeigher is a Router that tells a need's subject words from generic ones
// (route.Model.WordWeights): each word's weight in (0, 1], 1 for a subject word.
type WordWeigher interface {
	WordWeights(words []string) []float64
}

// textPart is a part of a need's text with the weight its words are searched with.
type textPart struct {
	text string
	w    float64
}

// offSubjectWeight is the weight of a word the router places outside the need's
// field (needClasses): 坡度 in 丘陵山区地块小、坡度大 is a condition of the need,
// not its subject.
const offSubjectWeight = 0.25

// subjectParts splits a need's subject text into its weighed-down words, each with
// its weight below 1, and the rest of the text with weight 1, those words cut
// out. A word's weight is its WordWeigher weight (generic words such as 加工 or
// 小型 weigh less), halved (offSubjectWeight) when none of the router's first three
// subclasses for the word alone is in the need's field. One part of weight 1
// without a router. weigh gives the weight of a word (1 for others).
func (m *Matcher) subjectParts(subject string, preds []patentbridge.IPCPrediction) (parts []textPart, weigh func(string) float64) {
	weights := map[string]float64{}
	weigh = func(w string) float64 {
		if x, ok := weights[w]; ok {
			return x
		}
		return 1
	}
	if m.router == nil {
		return []textPart{{subject, 1}}, weigh
	}
	words := Words(subject)
	ws := make([]float64, len(words))
	if ww, ok := m.router.(WordWeigher); ok {
		ws = ww.WordWeights(words)
	} else {
		for i := range ws {
			ws[i] = 1
		}
	}
	field := needClasses(preds)
	rest := subject
	for i, w := range words {
		x := ws[i]
		if len(field) > 0 && !m.inField(w, field) {
			x *= offSubjectWeight
		}
		if x < 1 {
			weights[w] = x
			parts = append(parts, textPart{w, x})
			rest = strings.ReplaceAll(rest, w, " ")
		}
	}
	if strings.TrimSpace(rest) != "" {
		parts = append([]textPart{{rest, 1}}, parts...)
	}
	return parts, weigh
}

// needClasses is a need's field: the IPC classes (A01) of its predicted
// subclasses scoring at least half the first one's.
func needClasses(preds []patentbridge.IPCPrediction) []string {
	var out []string
	for _, p := range preds {
		if len(p.Subclass) >= 3 && p.Score >= preds[0].Score/2 && !slices.Contains(out, p.Subclass[:3]) {
			out = append(out, p.Subclass[:3])
		}
	}
	return out
}

// inField reports whether one of the router's first three subclasses for a word
// alone is in one of the classes.
func (m *Matcher) inField(word string, classes []string) bool {
	for _, p := range m.router.Predict(word, 3) {
		if len(p.Subclass) >= 3 && slices.Contains(classes, p.Subclass[:3]) {
			return true
		}
	}
	return false
}

// weighKeywords scales each keyword's weight by its subject weight and returns the
// k heaviest, heaviest first.
func weighKeywords(kws []Keyword, weigh func(string) float64, k int) []Keyword {
	for i := range kws {
		kws[i].Weight *= weigh(kws[i].Word)
	}
	slices.SortStableFunc(kws, func(a, b Keyword) int { return cmp.Compare(b.Weight, a.Weight) })
	return kws[:min(k, len(kws))]
}

// partTerms are the distinct bigrams of the parts, in order, each counted as often
// as its parts hold it times their weights.
func partTerms(parts []textPart) []textTerm {
	var out []textTerm
	at := map[string]int{}
	for _, p := range parts {
		for _, t := range textTerms(p.text) {
			if i, ok := at[t.term]; ok {
				out[i].count += t.count * p.w
				continue
			}
			at[t.term] = len(out)
			t.count *= p.w
			out = append(out, t)
		}
	}
	return out
}

// partsLen is the parts' length in characters.
func partsLen(parts []textPart) int {
	n := 0
	for _, p := range parts {
		n += utf8.RuneCountInString(p.text)
	}
	return n
}
