package screen

import (
	"strings"
	"time"

	"patentbridge"
)

// IndicatorVersion names the fixed list and order of Indicators; stored raw and
// normalized vectors follow this order, so any change gets a new version.
const IndicatorVersion = "indicators-2026.1"

// NumIndicators is the length of every indicator vector.
const NumIndicators = 15

// IndicatorDef describes one value indicator of the initial evaluation.
type IndicatorDef struct {
	Name  string // key in Config.Weights
	Group string // legal, technical, market
	Label string // Chinese
}

// Indicators lists the indicators in vector order (IndicatorVersion).
var Indicators = [NumIndicators]IndicatorDef{
	{"kind", "legal", "专利类型（发明1，实用新型0.5）"},
	{"remaining_term", "legal", "剩余保护期（年）"},
	{"claims_count", "legal", "权利要求数"},
	{"years_maintained", "legal", "授权后维持年数"},
	{"survived_invalidation", "legal", "经受无效宣告仍有效"},
	{"enterprise_coowner", "legal", "与企业共有"},
	{"forward_citations", "technical", "被引证次数"},
	{"backward_citations", "technical", "引证文献数"},
	{"ipc_breadth", "technical", "IPC小类数"},
	{"inventors_count", "technical", "发明人数"},
	{"family_size", "market", "同族专利数"},
	{"pct_overseas", "market", "PCT或海外同族"},
	{"industry_fit", "market", "契合四川重点产业体系数"},
	{"market_heat", "market", "同主组近三年转让许可数"},
	{"enterprise_feedback", "market", "企业评价均分"},
}

// Vector positions of the indicators.
const (
	iKind = iota
	iRemainingTerm
	iClaims
	iYearsMaintained
	iSurvivedInvalidation
	iEnterpriseCoowner
	iForward
	iBackward
	iIPCBreadth
	iInventors
	iFamily
	iPCTOverseas
	iIndustryFit
	iMarketHeat
	iFeedback
)

// indicatorIndex returns the vector position of a named indicator, or -1.
func indicatorIndex(name string) int {
	for i, d := range Indicators {
		if d.Name == name {
			return i
		}
	}
	return -1
}

// rawIndicators computes every indicator but market heat, which needs the whole
// run. A value the record does not give is marked missing (markMissing), never
// taken as a real zero.
func rawIndicators(p *patentbridge.Patent, f Facts, asOf time.Time, inForce bool, cls *patentbridge.Classification) [NumIndicators]float32 {
	var v [NumIndicators]float32
	switch {
	case p.Kind.IsInvention():
		v[iKind] = 1
	case p.Kind == patentbridge.KindUtility || p.Kind == patentbridge.KindPCTUtility:
		v[iKind] = 0.5
	}
	if end := termEnd(p); !end.IsZero() && end.After(asOf) {
		v[iRemainingTerm] = float32(years(asOf, end))
	}
	v[iClaims] = float32(p.ClaimsCount)
	if !p.GrantDate.IsZero() && !p.GrantDate.After(asOf) {
		end := asOf
		if !inForce && !p.LapseDate.IsZero() && p.LapseDate.Before(asOf) && p.LapseDate.After(p.GrantDate) {
			end = p.LapseDate
		}
		v[iYearsMaintained] = float32(years(p.GrantDate, end))
	}
	if inForce && (hasEvent(p, patentbridge.EventInvalidation, asOf) || strings.Contains(p.StatusText, "部分无效")) {
		v[iSurvivedInvalidation] = 1
	}
	for _, o := range p.Owners() {
		if o.Type == patentbridge.PartyEnterprise || o.Type == patentbridge.PartySOE {
			v[iEnterpriseCoowner] = 1
		}
	}
	v[iForward] = float32(p.ForwardCitations)
	v[iBackward] = float32(p.BackwardCitations)
	v[iIPCBreadth] = float32(ipcBreadth(p.IPC))
	v[iInventors] = float32(len(p.Inventors))
	v[iFamily] = float32(p.FamilySize)
	if overseas(p) {
		v[iPCTOverseas] = 1
	}
	for _, s := range [][]string{cls.Sichuan51, cls.Advantage6, cls.Agri103} {
		if len(s) > 0 {
			v[iIndustryFit]++
		}
	}
	if r := f.Ratings; r.Count > 0 {
		v[iFeedback] = float32((r.Prospect + r.Improvement + r.Cooperation) / 3)
	}
	markMissing(&v, p, f)
	return v
}

// markMissing marks the indicators whose value the record does not give. Exports
// leave a count blank when they do not know it, and a blank reads as 0; where 0
// is impossible for a known value it means unknown (claims and family: the
// root's Patent.ClaimsCountMissing and FamilySizeMissing, which pages use
// too): every patent has an inventor and an IPC code, a term
// needs the application date, and a feedback average needs a rating. Citation
// counts stay as given: 0 citations is common and real.
func markMissing(v *[NumIndicators]float32, p *patentbridge.Patent, f Facts) {
	miss := func(i int, unknown bool) {
		if unknown {
			v[i] = patentbridge.MissingRaw()
		}
	}
	miss(iClaims, p.ClaimsCountMissing())
	miss(iRemainingTerm, p.AppDate.IsZero())
	miss(iInventors, len(p.Inventors) == 0)
	miss(iFamily, p.FamilySizeMissing())
	miss(iIPCBreadth, len(p.IPC) == 0 && p.MainIPC == "")
	miss(iFeedback, f.Ratings.Count == 0)
}

// termEnd returns the end of the statutory term: application date plus 20 years
// (inventions), 10 years (utility models), 15 years (designs filed from 2021-06-01,
// 10 before).
func termEnd(p *patentbridge.Patent) time.Time {
	if p.AppDate.IsZero() {
		return time.Time{}
	}
	switch {
	case p.Kind.IsInvention():
		return p.AppDate.AddDate(20, 0, 0)
	case p.Kind == patentbridge.KindDesign && !p.AppDate.Before(time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)):
		return p.AppDate.AddDate(15, 0, 0)
	}
	return p.AppDate.AddDate(10, 0, 0)
}

// years returns the time from a to b in years of 365.25 days.
func years(a, b time.Time) float64 { return b.Sub(a).Hours() / 24 / 365.25 }

// ipcBreadth counts the distinct IPC subclasses of a patent.
func ipcBreadth(codes []string) int {
	var seen [8]string
	n := 0
	var extra map[string]bool
	for _, c := range codes {
		s := patentbridge.IPCSubclass(strings.ReplaceAll(c, " ", ""))
		if s == "" {
			continue
		}
		dup := false
		for _, x := range seen[:min(n, len(seen))] {
			dup = dup || x == s
		}
		if dup || extra[s] {
			continue
		}
		if n < len(seen) {
			seen[n] = s
		} else {
			if extra == nil {
				extra = map[string]bool{}
			}
			extra[s] = true
		}
		n++
	}
	return n
}

// overseas reports a PCT route or a family larger than the Chinese application. The
// export has no list of family countries, so a family of two or more stands in for
// an overseas family.
func overseas(p *patentbridge.Patent) bool {
	return p.Kind == patentbridge.KindPCTInvention || p.Kind == patentbridge.KindPCTUtility ||
		p.PCTAppNo != "" || p.FamilySize >= 2
}

// hasEvent reports an event of the type dated on or before asOf.
func hasEvent(p *patentbridge.Patent, t patentbridge.EventType, asOf time.Time) bool {
	for _, e := range p.Events {
		if e.Type == t && !e.Date.After(asOf) {
			return true
		}
	}
	return false
}
