package search

import (
	"slices"
	"sort"
	"strings"

	"patentbridge"
	"patentbridge/internal/refdata"
	"patentbridge/internal/screen"
)

// EnterpriseMatcher finds, for a patent, the enterprises of a registry (专利进园区企业)
// whose 经营范围 or 行业 fits its field by patentbridge.PushEvidence: whole terms
// shared with the patent's title, abstract and IPC titles, and the Sichuan
// industries both are classed in by the industry mapping's keywords.
type EnterpriseMatcher struct {
	es  []*patentbridge.Enterprise
	ref *refdata.Data
	cls *screen.Classifier

	scope      []map[string]bool // per enterprise: its 经营范围 terms
	industries []map[string]bool // per enterprise: its Sichuan industries
	words      [][]string        // per enterprise: the specific words of its 行业
	byTerm     map[string][]int  // a term of a 经营范围 or 行业 -> enterprises
	byIndustry map[string][]int
}

// NewEnterpriseMatcher indexes the enterprises in memory; ref may be nil (refdata.Default()).
func NewEnterpriseMatcher(es []*patentbridge.Enterprise, ref *refdata.Data) (*EnterpriseMatcher, error) {
	if ref == nil {
		ref = refdata.Default()
	}
	m := &EnterpriseMatcher{es: es, ref: ref, cls: screen.DefaultClassifier(ref),
		byTerm: map[string][]int{}, byIndustry: map[string][]int{}}
	for i, e := range es {
		scope := fieldTerms(e.Scope)
		words := fieldTerms(e.Industry)
		m.scope = append(m.scope, termSet(scope))
		m.words = append(m.words, words)
		for t := range termSet(append(scope, words...)) {
			m.byTerm[t] = append(m.byTerm[t], i)
		}
		ind := m.enterpriseIndustries(e)
		m.industries = append(m.industries, termSet(ind))
		for _, n := range ind {
			m.byIndustry[n] = append(m.byIndustry[n], i)
		}
	}
	return m, nil
}

// Close releases the matcher (it holds nothing outside memory).
func (m *EnterpriseMatcher) Close() error { return nil }

// enterpriseIndustries classes an enterprise with the Sichuan mapping's
// keywords over its 经营范围 and 行业, and by an industry its 行业 names.
func (m *EnterpriseMatcher) enterpriseIndustries(e *patentbridge.Enterprise) []string {
	c := m.cls.Classify(&patentbridge.Patent{Title: e.Scope + "；" + e.Industry})
	out := industryNames(c)
	for _, sys := range []string{patentbridge.System51, patentbridge.SystemAdvantage6, patentbridge.SystemAgri103} {
		for _, n := range patentbridge.Industries(sys) {
			if strings.Contains(e.Industry, n) && !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// industryNames lists a classification's Sichuan industries once each.
func industryNames(c patentbridge.Classification) []string {
	var out []string
	for _, list := range [][]string{c.Agri103, c.Sichuan51, c.Advantage6} {
		for _, n := range list {
			if !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// patentField is what a patent is matched on: its title's terms, its IPC
// subclasses' titles' terms, the other terms of its abstract, and its Sichuan
// industries.
type patentField struct {
	title, ipc, text []string
	all              map[string]bool
	industries       []string
}

func (m *EnterpriseMatcher) field(p *patentbridge.Patent) patentField {
	var f patentField
	f.title = fieldTerms(p.Title)
	var titles []string
	seen := map[string]bool{}
	for _, c := range p.IPC {
		if s := patentbridge.IPCSubclass(c); s != "" && !seen[s] {
			seen[s] = true
			titles = append(titles, refdata.BriefIPCTitle(m.ref.IPCTitle(s)))
		}
	}
	f.ipc = fieldTerms(strings.Join(titles, "。"))
	f.all = termSet(append(append([]string(nil), f.title...), f.ipc...))
	abs := []rune(p.Abstract)
	for _, t := range fieldTerms(string(abs[:min(len(abs), 400)])) {
		if !f.all[t] {
			f.all[t] = true
			f.text = append(f.text, t)
		}
	}
	f.industries = industryNames(m.cls.Classify(p))
	return f
}

// pushFit is one enterprise's evidence for a patent.
type pushFit struct {
	e  *patentbridge.Enterprise
	ev patentbridge.PushEvidence
}

// fits returns the enterprises that fit the patent (PushEvidence.Fits), best first.
func (m *EnterpriseMatcher) fits(p *patentbridge.Patent) []pushFit {
	f := m.field(p)
	cand := map[int]bool{}
	for t := range f.all {
		for _, i := range m.byTerm[t] {
			cand[i] = true
		}
	}
	for _, n := range f.industries {
		for _, i := range m.byIndustry[n] {
			cand[i] = true
		}
	}
	var out []pushFit
	for i := range cand {
		e := m.es[i]
		ev := patentbridge.PushEvidence{SME: e.SME, SameCity: regionFit(p.RegionCode, e.RegionCode) == 2}
		for _, t := range f.title {
			if m.scope[i][t] {
				ev.TitleTerms = append(ev.TitleTerms, t)
			}
		}
		for _, t := range f.ipc {
			if m.scope[i][t] {
				ev.IPCTerms = append(ev.IPCTerms, t)
			}
		}
		for _, t := range f.text {
			if m.scope[i][t] {
				ev.TextTerms = append(ev.TextTerms, t)
			}
		}
		dropContained(&ev)
		for _, n := range f.industries {
			if m.industries[i][n] {
				ev.Industries = append(ev.Industries, n)
			}
		}
		for _, w := range m.words[i] {
			if f.all[w] {
				ev.IndustryWords = append(ev.IndustryWords, w)
			}
		}
		if ev.Fits() {
			out = append(out, pushFit{e, ev})
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if sa, sb := out[a].ev.Score(), out[b].ev.Score(); sa != sb {
			return sa > sb
		}
		if wa, wb := out[a].ev.Weight(), out[b].ev.Weight(); wa != wb {
			return wa > wb
		}
		return out[a].e.Name < out[b].e.Name
	})
	return out
}

// dropContained removes a matched term inside another matched one: "电路" when
// "集成电路" matched, so one word of the 经营范围 is counted and named once.
func dropContained(ev *patentbridge.PushEvidence) {
	all := append(append(append([]string(nil), ev.TitleTerms...), ev.IPCTerms...), ev.TextTerms...)
	keep := func(ts []string) []string {
		var out []string
		for _, t := range ts {
			inside := false
			for _, o := range all {
				if o != t && strings.Contains(o, t) {
					inside = true
					break
				}
			}
			if !inside {
				out = append(out, t)
			}
		}
		return out
	}
	ev.TitleTerms, ev.IPCTerms, ev.TextTerms = keep(ev.TitleTerms), keep(ev.IPCTerms), keep(ev.TextTerms)
}

// Rank returns up to limit enterprises (10 by default) that fit the patent,
// best first, each with its one reason; an enterprise that does not fit the
// patent's field is never returned, whatever its size or park.
func (m *EnterpriseMatcher) Rank(p *patentbridge.Patent, limit int) []patentbridge.EnterpriseMatch {
	if limit <= 0 {
		limit = 10
	}
	var out []patentbridge.EnterpriseMatch
	for _, f := range m.fits(p) {
		if len(out) == limit {
			break
		}
		out = append(out, patentbridge.EnterpriseMatch{Enterprise: *f.e, Score: f.ev.Score(), Reason: f.ev.Reason()})
	}
	return out
}
