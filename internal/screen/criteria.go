package screen

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"patentbridge"
)

// Facts are what the platform knows about a patent beyond the export: the
// institution's declarations in effect, the enterprises' ratings, and the
// organization registry (owners' cities and parents; shared by all patents).
type Facts struct {
	Declarations []*patentbridge.Declaration
	Ratings      patentbridge.RatingSummary
	Registry     *Registry
}

// Verdict is the sleeping-rule decision for one patent with every criterion's evidence.
type Verdict struct {
	Sleeping   bool
	ExcludedBy patentbridge.Criterion // first failed criterion, "" when sleeping
	Criteria   []patentbridge.CriterionResult
	City       string // the qualifying owner's city (see critInstitution), "" when none
}

// Day returns the calendar date of t (in t's location) as midnight UTC, the form
// in which patent dates are stored.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Evaluate decides every criterion of patentbridge.Criteria as of asOf (a date).
// All criteria are judged, so the institution sees every reason a patent is left
// off the list; ExcludedBy is the first failed one.
//
// Declarations count by their content, not by when they were registered: a
// declaration registered after asOf but before the run still counts (an
// implementation declaration only when its Since is on or before asOf). Revoked
// declarations never count.
func Evaluate(cfg *Config, p *patentbridge.Patent, f Facts, asOf time.Time) Verdict {
	asOf = Day(asOf)
	inst, city := critInstitution(cfg, p, f.Registry)
	rs := []patentbridge.CriterionResult{
		critKind(cfg, p),
		inst,
		critGranted(cfg, p, asOf),
		critInForce(p, asOf),
		critNotImplemented(p, f, asOf),
		critNoReason(f),
	}
	v := Verdict{Sleeping: true, Criteria: rs, City: city}
	for _, r := range rs {
		if r.Outcome != patentbridge.Met {
			v.Sleeping = false
			if v.ExcludedBy == "" && r.Outcome == patentbridge.Failed {
				v.ExcludedBy = r.Criterion
			}
		}
	}
	return v
}

// Outcome returns the outcome of one criterion.
func (v Verdict) Outcome(c patentbridge.Criterion) patentbridge.Outcome {
	for _, r := range v.Criteria {
		if r.Criterion == c {
			return r.Outcome
		}
	}
	return patentbridge.NotApplicable
}

func met(c patentbridge.Criterion, format string, args ...any) patentbridge.CriterionResult {
	return patentbridge.CriterionResult{Criterion: c, Outcome: patentbridge.Met, Evidence: fmt.Sprintf(format, args...)}
}

func failed(c patentbridge.Criterion, format string, args ...any) patentbridge.CriterionResult {
	return patentbridge.CriterionResult{Criterion: c, Outcome: patentbridge.Failed, Evidence: fmt.Sprintf(format, args...)}
}

func critKind(cfg *Config, p *patentbridge.Patent) patentbridge.CriterionResult {
	if p.Kind == "" {
		return failed(patentbridge.CritKind, "专利类型未知")
	}
	if slices.Contains(cfg.Kinds, p.Kind) {
		return met(patentbridge.CritKind, "%s专利在筛查范围", p.Kind.Label())
	}
	return failed(patentbridge.CritKind, "%s不在筛查范围", p.Kind.Label())
}

// critGranted: granted on or before asOf minus the configured years (AddDate, so a
// patent granted exactly three years before asOf qualifies and one a day later does not).
func critGranted(cfg *Config, p *patentbridge.Patent, asOf time.Time) patentbridge.CriterionResult {
	if p.GrantDate.IsZero() {
		if p.Status == patentbridge.StatusPending {
			return failed(patentbridge.CritGranted3Years, "未授权（审中）")
		}
		return failed(patentbridge.CritGranted3Years, "未授权（无授权公告日）")
	}
	cut := asOf.AddDate(-cfg.Years, 0, 0)
	g := patentbridge.FormatDate(p.GrantDate)
	if p.GrantDate.After(cut) {
		return failed(patentbridge.CritGranted3Years, "授权公告日 %s，截至 %s 不满%s年",
			g, patentbridge.FormatDate(asOf), chineseNumber(cfg.Years))
	}
	return met(patentbridge.CritGranted3Years, "授权公告日 %s，已满%s年", g, chineseNumber(cfg.Years))
}

// chineseNumber writes 1–20 in Chinese numerals as used in the evidence.
func chineseNumber(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	switch {
	case n >= 0 && n <= 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n-10]
	case n == 20:
		return "二十"
	}
	return fmt.Sprint(n)
}

// critNoReason fails on a justified reason in effect.
func critNoReason(f Facts) patentbridge.CriterionResult {
	var reasons []string
	for _, d := range f.Declarations {
		if d.Kind != patentbridge.DeclReason || !d.RevokedAt.IsZero() {
			continue
		}
		s := "正当理由：" + patentbridge.ReasonLabel(d.Reason)
		if d.Text != "" {
			s += "——" + d.Text
		}
		if !d.CreatedAt.IsZero() {
			s += "（" + patentbridge.FormatDate(d.CreatedAt) + " 登记"
			if d.OrgName != "" {
				s += "，" + d.OrgName
			}
			s += "）"
		}
		reasons = append(reasons, s)
	}
	if len(reasons) > 0 {
		return failed(patentbridge.CritNoReason, "%s", strings.Join(reasons, "；"))
	}
	return met(patentbridge.CritNoReason, "未登记正当理由")
}
