package search

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// MatcherOptions tune a Matcher; zero fields take the defaults.
type MatcherOptions struct {
	Candidates  int           // text matches re-ranked (default 100)
	Consensus   int           // top text matches whose IPC subclasses vote (default 20)
	Predictions int           // IPC subclasses asked of the router (default 5)
	Keywords    int           // TF-IDF keywords taken from the text (default 8)
	LongText    int           // texts longer than this many characters add keyword queries (default 20)
	Weights     *Weights      // nil: DefaultWeights
	Ref         *refdata.Data // city and province names; nil: refdata.Default()
}

// Matcher ranks patents for a need: Bleve text relevance over title, abstract,
// claim and IPC titles (plus TF-IDF keywords for long texts), re-ranked by the IPC
// subclasses predicted for the text, the IPC consensus of the best text matches,
// industry, grade, availability, region and feedback, with reasons in Chinese.
type Matcher struct {
	ix     *Index
	router Router
	opts   MatcherOptions
	w      Weights
}

// NewMatcher returns a matcher over ix; router may be nil (no IPC or industry prediction).
func NewMatcher(ix *Index, router Router, opts MatcherOptions) *Matcher {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&opts.Candidates, 100)
	def(&opts.Consensus, 20)
	def(&opts.Predictions, 5)
	def(&opts.Keywords, 8)
	def(&opts.LongText, 20)
	w := DefaultWeights
	if opts.Weights != nil {
		w = *opts.Weights
	}
	return &Matcher{ix: ix, router: router, opts: opts, w: w}
}

// candidate is one text match being re-ranked.
type candidate struct {
	id, title, abstract string
	text, score         float64 // normalized text score; final score
	subclasses          []string
	grade, city         string
	industries          []string
	sig                 PatentSignal
}

// Match ranks patents for req.Text (limit 10 by default, at most 100) among the
// granted patents in force of universities, institutes and SOEs unless req.All
// (matchFilter); extra may be nil. Each match says whether it is sleeping (only
// sleeping patents are graded) and on a supply list. Returns EINVALID for an
// empty text.
func (m *Matcher) Match(ctx context.Context, req patentbridge.MatchRequest, extra Signals) (*patentbridge.MatchResult, error) {
	text := strings.TrimSpace(req.Text)
	if text == "" {
		return nil, patentbridge.FieldErrorf("text", "请填写需求描述")
	}
	limit := req.Limit
	if limit <= 0 {
		limit = 10
	}
	limit = min(limit, 100)
	res := &patentbridge.MatchResult{Items: []patentbridge.Match{}, IPCPredictions: []patentbridge.IPCPrediction{}, Industries: []string{}}
	if m.router != nil {
		if p := m.router.Predict(text, m.opts.Predictions); p != nil {
			res.IPCPredictions = p
		}
		if ind := m.router.Industries(text, res.IPCPredictions); ind != nil {
			res.Industries = ind
		}
	}
	subject, err := m.subjectText(ctx, text, res.IPCPredictions)
	if err != nil {
		return nil, fmt.Errorf("search: match subject: %w", err)
	}
	parts, weigh := m.subjectParts(subject, res.IPCPredictions)
	kws := weighKeywords(Keywords(subject, 0), weigh, m.opts.Keywords)
	res.Keywords = make([]string, len(kws))
	for i, k := range kws {
		res.Keywords[i] = k.Word
	}
	cands, err := m.candidates(ctx, parts, kws, matchFilter(req))
	if err != nil {
		return nil, err
	}
	if len(cands) == 0 {
		return res, nil
	}
	if extra != nil {
		ids := make([]string, len(cands))
		for i, c := range cands {
			ids[i] = c.id
		}
		sigs, err := extra.PatentSignals(ctx, req, ids)
		if err != nil {
			return nil, fmt.Errorf("search: match signals: %w", err)
		}
		for _, c := range cands {
			c.sig = sigs[c.id]
		}
	}
	r := m.rerank(cands, res, req)
	words := Words(subject) // the need's subject and its back-off heads (绿茶 → 茶叶), so reasons name what matched
	for _, c := range r[:min(limit, len(r))] {
		grade := c.sig.Grade
		if grade == "" {
			grade = c.grade
		}
		res.Items = append(res.Items, patentbridge.Match{
			AppNo: c.id, Title: c.title, Score: round4(c.score),
			Reasons: m.reasons(c, words, res, req),
			Owners:  []patentbridge.MatchOwner{}, Sleeping: grade != "", Grade: grade, OnSupplyList: c.sig.OnSupplyList,
		})
	}
	return res, nil
}

// textQuery is the text-relevance query of a text of few distinct bigrams (see
// longCandidates for the others): each part of the text matched against the text
// fields, boosted by its subject weight, and for a text longer than LongText
// phrase queries for its keywords (nil otherwise) and the cheap query of the
// first stage: the parts in the _all field alone.
func (m *Matcher) textQuery(parts []textPart, kws []Keyword) (raw, keywords, broad query.Query) {
	rq := bleve.NewDisjunctionQuery()
	for _, f := range textFieldBoosts {
		for _, p := range parts {
			q := bleve.NewMatchQuery(p.text)
			q.SetField(f.name)
			q.SetBoost(f.boost * p.w)
			rq.AddQuery(q)
		}
	}
	if partsLen(parts) <= m.opts.LongText || len(kws) == 0 {
		return rq, nil, nil
	}
	bq := bleve.NewDisjunctionQuery()
	for _, p := range parts {
		q := bleve.NewMatchQuery(p.text)
		q.SetField("_all")
		q.SetBoost(p.w)
		bq.AddQuery(q)
	}
	kq := bleve.NewDisjunctionQuery()
	top := kws[0].Weight
	for _, k := range kws {
		for _, f := range textFieldBoosts[:2] {
			q := bleve.NewMatchPhraseQuery(k.Word)
			q.SetField(f.name)
			q.SetBoost(f.boost * k.Weight / top)
			kq.AddQuery(q)
		}
	}
	return rq, kq, bq
}

// textFieldBoosts are the fields a need's words are matched in, with their weight.
var textFieldBoosts = []struct {
	name  string
	boost float64
}{{"title", 1.5}, {"abstract", 1}, {"claim", 0.5}, {"ipc_titles", 0.3}}

// firstStage is how many of the raw text's best matches a long text's keyword
// phrases re-score, as a multiple of the candidates: phrase searchers over every
// doc holding a common keyword cost most of a match on a large index.
const firstStage = 2

// candidates runs the text query and reads each hit's stored text and keyword
// fields. A text longer than LongText runs in two stages: the raw query alone
// picks the first stage's docs, then raw and keyword queries together score only
// those; a text of many distinct bigrams takes longCandidates.
func (m *Matcher) candidates(ctx context.Context, parts []textPart, kws []Keyword, filter query.Query) ([]*candidate, error) {
	if terms := partTerms(parts); len(terms) > maxTextTerms {
		return m.longCandidates(ctx, terms, kws, filter)
	}
	raw, keywords, broad := m.textQuery(parts, kws)
	q := raw
	if keywords != nil {
		sr := bleve.NewSearchRequestOptions(filtered(broad, filter), firstStage*m.opts.Candidates, 0, false)
		stage, err := m.ix.SearchInContext(ctx, sr)
		if err != nil {
			return nil, fmt.Errorf("search: match query: %w", err)
		}
		ids := make([]string, len(stage.Hits))
		for i, h := range stage.Hits {
			ids[i] = h.ID
		}
		if len(ids) == 0 {
			return nil, nil
		}
		only := bleve.NewDocIDQuery(ids)
		only.SetBoost(0)
		q = bleve.NewConjunctionQuery(only, bleve.NewDisjunctionQuery(raw, keywords))
	}
	hits, err := m.search(ctx, q, m.opts.Candidates, filter)
	if len(hits) == 0 || err != nil {
		return nil, err
	}
	top := hits[0].Score
	cands := make([]*candidate, len(hits))
	for i, h := range hits {
		cands[i] = candidateOf(h)
		cands[i].text = h.Score / top
	}
	return cands, nil
}

// search returns the size best docs for q among those filter matches (nil: all)
// with their candidateFields.
func (m *Matcher) search(ctx context.Context, q query.Query, size int, filter query.Query) (bsearch.DocumentMatchCollection, error) {
	sr := bleve.NewSearchRequestOptions(filtered(q, filter), size, 0, false)
	sr.Fields = candidateFields
	out, err := m.ix.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: match query: %w", err)
	}
	return out.Hits, nil
}

// candidateFields are the stored fields a candidate is made of.
var candidateFields = []string{"title", "abstract", "ipc", "facets", "industries"}

// candidateOf makes a candidate of a hit with candidateFields.
func candidateOf(h *bsearch.DocumentMatch) *candidate {
	c := &candidate{id: h.ID}
	c.title, _ = h.Fields["title"].(string)
	c.abstract, _ = h.Fields["abstract"].(string)
	for _, code := range storedStrings(h.Fields["ipc"]) {
		if len(code) == 4 {
			c.subclasses = append(c.subclasses, code)
		}
	}
	for _, f := range storedStrings(h.Fields["facets"]) {
		switch code, v, _ := strings.Cut(f, ":"); code {
		case "g":
			c.grade = v
		case "c":
			c.city = v
		}
	}
	c.industries = storedStrings(h.Fields["industries"])
	return c
}

// storedStrings reads a stored keyword field: one string, or a list for several values.
func storedStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func round4(f float64) float64 { return float64(int64(f*10000+0.5)) / 10000 }
