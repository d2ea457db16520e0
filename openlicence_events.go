package patentbridge

import (
	"strings"
	"time"
)

// PatentFacts is what a patent's imported legal events tell about the bars of
// 细则 art. 86 on a day: each Known says whether any event of that kind exists
// (if none, the patentee must confirm instead, art. 88).
type PatentFacts struct {
	ExclusiveLicence      bool // an exclusive or sole licence recorded and not cancelled
	LicenceKnown          bool
	Pledged               bool // a pledge registered and not released
	PledgeKnown           bool
	Suspended             bool // proceedings suspended (中止) and not resumed
	SuspensionKnown       bool
	FeesUnpaid            bool // terminated for unpaid annual fees
	PledgedSince, Suspend time.Time
}

// FactsFromEvents reads the legal events of p up to and including asOf: a
// pledge registered (质押/出质 …生效) counts until its release (注销/解除), and
// no longer on the day of the release; a licence whose text names 独占 or 排他
// counts until a later cancellation of a licence; a suspension (中止) until a
// later resumption or end of the suspension; a lapse or status for unpaid
// annual fees makes FeesUnpaid.
func FactsFromEvents(p *Patent, asOf time.Time) PatentFacts {
	var f PatentFacts
	var exclusiveAt, licenceEnd, pledgeAt, releaseAt, suspendAt, resumeAt time.Time
	for _, e := range p.Events {
		if e.Date.After(asOf) {
			continue
		}
		t := e.Text
		switch {
		case e.Type == EventPledge:
			f.PledgeKnown = true
			pledgeAt = later(pledgeAt, e.Date)
		case hasAny(t, "质押", "出质") && hasAny(t, "注销", "解除", "终止", "撤销"):
			f.PledgeKnown = true
			releaseAt = later(releaseAt, e.Date)
		case e.Type == EventLicence:
			if hasAny(t, "独占", "排他", "普通", "分许可", "交叉") {
				f.LicenceKnown = true
			}
			if hasAny(t, "独占", "排他") {
				exclusiveAt = later(exclusiveAt, e.Date)
			}
		case hasAny(t, "许可") && hasAny(t, "注销", "解除", "终止", "撤销"):
			licenceEnd = later(licenceEnd, e.Date)
		case hasAny(t, "中止", "保全"):
			f.SuspensionKnown = true
			if hasAny(t, "解除", "恢复", "结束", "终结") {
				resumeAt = later(resumeAt, e.Date)
			} else {
				suspendAt = later(suspendAt, e.Date)
			}
		case e.Type == EventLapse && hasAny(t, "年费"):
			f.FeesUnpaid = true
		}
	}
	f.ExclusiveLicence = !exclusiveAt.IsZero() && !licenceEnd.After(exclusiveAt)
	f.Pledged = !pledgeAt.IsZero() && !releaseAt.After(pledgeAt)
	if f.Pledged {
		f.PledgedSince = pledgeAt
	}
	f.Suspended = !suspendAt.IsZero() && !resumeAt.After(suspendAt)
	if f.Suspended {
		f.Suspend = suspendAt
	}
	f.FeesUnpaid = f.FeesUnpaid || p.Status == StatusLapsedUnpaid
	return f
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func hasAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
