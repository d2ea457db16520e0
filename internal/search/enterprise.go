package search

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/search/query"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// EnterpriseMatcher ranks the enterprises of a registry (专利进园区企业) for a patent
// by how its 经营范围 and 行业 fit the patent's text, IPC titles and industries.
type EnterpriseMatcher struct {
	bi  bleve.Index
	es  []*patentbridge.Enterprise
	ref *refdata.Data
}

// enterpriseDoc is what the enterprise index holds.
type enterpriseDoc struct {
	Name     string `json:"name"`
	Scope    string `json:"scope"`
	Industry string `json:"industry"`
}

// NewEnterpriseMatcher indexes the enterprises in memory; ref may be nil (refdata.Default()).
func NewEnterpriseMatcher(es []*patentbridge.Enterprise, ref *refdata.Data) (*EnterpriseMatcher, error) {
	if ref == nil {
		ref = refdata.Default()
	}
	im := bleve.NewIndexMapping()
	im.ScoringModel = "bm25"
	im.DefaultAnalyzer = cjk.AnalyzerName
	bi, err := bleve.NewMemOnly(im)
	if err != nil {
		return nil, fmt.Errorf("search: enterprise index: %w", err)
	}
	b := bi.NewBatch()
	for i, e := range es {
		if err := b.Index(strconv.Itoa(i), enterpriseDoc{Name: e.Name, Scope: e.Scope, Industry: e.Industry}); err != nil {
			return nil, fmt.Errorf("search: enterprise index %s: %w", e.Name, err)
		}
	}
	if err := bi.Batch(b); err != nil {
		return nil, fmt.Errorf("search: enterprise index: %w", err)
	}
	return &EnterpriseMatcher{bi: bi, es: es, ref: ref}, nil
}

// Close releases the index.
func (m *EnterpriseMatcher) Close() error { return m.bi.Close() }

// patentProfile is the text a patent is matched on.
type patentProfile struct {
	text, ipcTitles string
	industries      []string
	words           []string // TF-IDF keywords of title and abstract
}

func (m *EnterpriseMatcher) profile(p *patentbridge.Patent) patentProfile {
	abs := []rune(p.Abstract)
	text := p.Title + "。" + string(abs[:min(len(abs), 300)])
	var pr patentProfile
	pr.text = text
	seen := map[string]bool{}
	var titles []string
	for _, c := range p.IPC {
		s := patentbridge.IPCSubclass(c)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		if t := m.ref.IPCTitle(s); t != "" {
			titles = append(titles, t)
		}
	}
	pr.ipcTitles = strings.Join(titles, "；")
	for _, in := range m.ref.SEIFor(p.IPC) {
		if !seen[in.Name] {
			seen[in.Name] = true
			pr.industries = append(pr.industries, in.Name)
		}
	}
	for _, k := range Keywords(text, 12) {
		pr.words = append(pr.words, k.Word)
	}
	return pr
}

// Rank returns up to limit enterprises (10 by default) whose scope or industry fits
// the patent, best first; an enterprise with no textual fit is never returned.
func (m *EnterpriseMatcher) Rank(p *patentbridge.Patent, limit int) []patentbridge.EnterpriseMatch {
	if limit <= 0 {
		limit = 10
	}
	pr := m.profile(p)
	field := func(f, text string, boost float64) *query.MatchQuery {
		q := bleve.NewMatchQuery(text)
		q.SetField(f)
		q.SetBoost(boost)
		return q
	}
	dq := bleve.NewDisjunctionQuery(field("scope", pr.text, 1))
	if len(pr.words) > 0 {
		dq.AddQuery(field("scope", strings.Join(pr.words, " "), 1.5))
	}
	if pr.ipcTitles != "" {
		dq.AddQuery(field("scope", pr.ipcTitles, 0.3), field("industry", pr.ipcTitles, 0.8))
	}
	if len(pr.industries) > 0 {
		dq.AddQuery(field("industry", strings.Join(pr.industries, " "), 1))
	}
	res, err := m.bi.Search(bleve.NewSearchRequestOptions(dq, max(50, limit*3), 0, false))
	if err != nil || len(res.Hits) == 0 {
		return nil
	}
	top := res.Hits[0].Score
	out := make([]patentbridge.EnterpriseMatch, 0, len(res.Hits))
	for _, h := range res.Hits {
		i, _ := strconv.Atoi(h.ID)
		e := m.es[i]
		s := h.Score / top
		if e.SME {
			s += 0.05
		}
		if regionFit(p.RegionCode, e.RegionCode) == 2 {
			s += 0.05
		}
		out = append(out, patentbridge.EnterpriseMatch{Enterprise: *e, Score: round4(s), Reasons: m.reasons(e, p, pr)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out[:min(limit, len(out))]
}

// reasons explains, in Chinese, why e fits the patent; every statement is checked on e.
func (m *EnterpriseMatcher) reasons(e *patentbridge.Enterprise, p *patentbridge.Patent, pr patentProfile) []string {
	var out, terms []string
	for _, w := range pr.words {
		if strings.Contains(e.Scope, w) && len(terms) < maxTerms {
			terms = append(terms, w)
		}
	}
	if len(terms) > 0 {
		out = append(out, "经营范围含："+strings.Join(terms, "、"))
	}
	if e.Industry != "" && industryFits(e.Industry, pr) {
		out = append(out, "行业："+e.Industry)
	}
	if regionFit(p.RegionCode, e.RegionCode) == 2 {
		if n := m.ref.CityName(e.RegionCode[:4]); n != "" {
			out = append(out, "同城（"+n+"）")
		}
	}
	if e.SME {
		out = append(out, "中小微企业")
	}
	if e.Park != "" {
		out = append(out, "园区："+e.Park)
	}
	return out
}

// industryFits says whether the enterprise's 行业 shares a word with the patent's
// keywords, industries or IPC titles.
func industryFits(industry string, pr patentProfile) bool {
	for _, w := range Words(industry) {
		if strings.Contains(pr.text, w) || strings.Contains(pr.ipcTitles, w) || strings.Contains(strings.Join(pr.industries, " "), w) {
			return true
		}
	}
	return false
}
