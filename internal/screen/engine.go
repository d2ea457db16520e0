package screen

import (
	"strconv"
	"strings"
	"time"

	"patentbridge"
)

// Engine applies the sleeping rule, the indicators, the flags and the
// classification to one patent at a time; it is safe for concurrent use.
type Engine struct {
	cfg *Config
	cls *Classifier
}

// NewEngine returns an engine for a configuration and a classifier.
func NewEngine(cfg *Config, cls *Classifier) *Engine { return &Engine{cfg: cfg, cls: cls} }

// Assessment is the first-pass outcome for one patent: the result to store now
// (without score and grade) and the compact record the Grader needs.
type Assessment struct {
	Result      *patentbridge.ScreeningResult
	Raw         [NumIndicators]float32 // market heat still 0
	Cohort      string                 // IPC section × grant (or application) year
	MainGroup   string                 // IPC main group of the main classification
	RecentDeals int                    // transfers and licences in the three years up to asOf
}

// Assess evaluates one patent as of a date.
func (e *Engine) Assess(p *patentbridge.Patent, f Facts, asOf time.Time) Assessment {
	asOf = Day(asOf)
	v := Evaluate(e.cfg, p, f, asOf)
	cls := e.cls.Classify(p)
	inForce := v.Outcome(patentbridge.CritInForce) == patentbridge.Met
	raw := rawIndicators(p, f, asOf, inForce, &cls)
	res := &patentbridge.ScreeningResult{
		AppNo:      p.AppNo,
		Sleeping:   v.Sleeping,
		ExcludedBy: v.ExcludedBy,
		Criteria:   v.Criteria,
		City:       v.City,
		Indicators: e.cfg.Explain(raw[:], nil),
		Flags:      highValueFlags(p, &cls, inForce, asOf),
		Classes:    cls,
	}
	m := mainIPC(p)
	return Assessment{Result: res, Raw: raw, Cohort: cohortKey(p, m), MainGroup: mainGroup(m), RecentDeals: recentDeals(p, asOf)}
}

// mainIPC returns the normalized main IPC code, or "".
func mainIPC(p *patentbridge.Patent) string {
	c := p.MainIPC
	if c == "" && len(p.IPC) > 0 {
		c = p.IPC[0]
	}
	return normIPC(c)
}

// cohortKey is the OECD-style cohort: IPC section and grant year ("H|g2019"), or
// application year for patents not granted ("H|a2021"), kept apart from granted ones.
func cohortKey(p *patentbridge.Patent, m string) string {
	sec := "-"
	if m != "" {
		sec = m[:1]
	}
	switch {
	case !p.GrantDate.IsZero():
		return sec + "|g" + strconv.Itoa(p.GrantDate.Year())
	case !p.AppDate.IsZero():
		return sec + "|a" + strconv.Itoa(p.AppDate.Year())
	}
	return sec + "|-"
}

// mainGroup returns the main group of a normalized main IPC ("H01M10/00"), or the code
// itself when it is coarser.
func mainGroup(m string) string {
	if i := strings.IndexByte(m, '/'); i > 0 {
		return m[:i] + "/00"
	}
	return m
}

// recentDeals counts transfers and licences dated in the three years up to asOf.
// Undated counts are left out: they cannot be placed in time.
func recentDeals(p *patentbridge.Patent, asOf time.Time) int {
	from := asOf.AddDate(-3, 0, 0)
	n := 0
	for _, e := range p.Events {
		if (e.Type == patentbridge.EventTransfer || e.Type == patentbridge.EventLicence) &&
			e.Date.After(from) && !e.Date.After(asOf) {
			n++
		}
	}
	return n
}
