package screen

import (
	"fmt"
	"strings"
	"time"

	"patentbridge"
)

// statusPhrase says how a patent stopped being in force.
func statusPhrase(s patentbridge.LegalStatus) string {
	switch s {
	case patentbridge.StatusLapsedUnpaid:
		return "因未缴年费终止"
	case patentbridge.StatusExpired:
		return "期限届满"
	case patentbridge.StatusInvalidated:
		return "被宣告全部无效"
	case patentbridge.StatusWithdrawnRejected:
		return "撤回、驳回或放弃"
	}
	return s.Label()
}

// fullInvalidation reports an invalidation event whose text says the whole patent
// was declared invalid; other invalidation events (requests, 部分无效, 维持有效) are
// ones the patent survived.
func fullInvalidation(e patentbridge.LegalEvent) bool {
	return e.Type == patentbridge.EventInvalidation &&
		(strings.Contains(e.Text, "全部无效") || strings.Contains(e.Text, "宣告专利权无效"))
}

// endDate returns when a patent whose status is no longer in force stopped being
// in force, or the zero time when the record does not say.
func endDate(p *patentbridge.Patent) time.Time {
	if p.Status == patentbridge.StatusInvalidated {
		var last time.Time
		for _, e := range p.Events {
			if e.Type == patentbridge.EventInvalidation {
				last = e.Date
			}
		}
		if !last.IsZero() {
			return last
		}
	}
	if !p.LapseDate.IsZero() {
		return p.LapseDate
	}
	for _, e := range p.Events {
		if e.Type == patentbridge.EventLapse {
			return e.Date
		}
	}
	if p.Status == patentbridge.StatusExpired {
		return termEnd(p)
	}
	return time.Time{}
}

// critInForce: granted by asOf and not lapsed, expired, invalidated or abandoned
// on or before asOf. A patent whose status is lapsed but whose lapse date is after
// asOf was still in force at asOf.
func critInForce(p *patentbridge.Patent, asOf time.Time) patentbridge.CriterionResult {
	d := patentbridge.FormatDate(asOf)
	switch {
	case p.GrantDate.IsZero():
		return failed(patentbridge.CritInForce, "未授权，无有效专利权")
	case p.GrantDate.After(asOf):
		return failed(patentbridge.CritInForce, "授权公告日 %s 晚于筛查日 %s", patentbridge.FormatDate(p.GrantDate), d)
	}
	switch p.Status {
	case patentbridge.StatusInForce, "":
		for _, e := range p.Events {
			if e.Date.After(asOf) {
				continue
			}
			if e.Type == patentbridge.EventLapse {
				return failed(patentbridge.CritInForce, "%s 失效%s", patentbridge.FormatDate(e.Date), textSuffix(e.Text))
			}
			if fullInvalidation(e) {
				return failed(patentbridge.CritInForce, "%s 被宣告全部无效", patentbridge.FormatDate(e.Date))
			}
		}
		if end := termEnd(p); !end.IsZero() && !end.After(asOf) {
			return failed(patentbridge.CritInForce, "%s 期限届满（申请日 %s）", patentbridge.FormatDate(end), patentbridge.FormatDate(p.AppDate))
		}
		return met(patentbridge.CritInForce, "截至 %s 有效", d)
	case patentbridge.StatusPending:
		return failed(patentbridge.CritInForce, "法律状态为审中")
	}
	end := endDate(p)
	switch {
	case end.IsZero():
		return failed(patentbridge.CritInForce, "%s（日期未知）", statusPhrase(p.Status))
	case end.After(asOf):
		return met(patentbridge.CritInForce, "截至 %s 有效（%s %s，晚于筛查日）", d, patentbridge.FormatDate(end), statusPhrase(p.Status))
	}
	return failed(patentbridge.CritInForce, "%s %s", patentbridge.FormatDate(end), statusPhrase(p.Status))
}

func textSuffix(s string) string {
	if s == "" {
		return ""
	}
	return "：" + s
}

// dealTypes are the events that show a patent is used.
var dealTypes = []struct {
	t     patentbridge.EventType
	count func(*patentbridge.Patent) int
}{
	{patentbridge.EventTransfer, func(p *patentbridge.Patent) int { return p.TransferCount }},
	{patentbridge.EventLicence, func(p *patentbridge.Patent) int { return p.LicenceCount }},
	{patentbridge.EventPledge, func(p *patentbridge.Patent) int { return p.PledgeCount }},
}

// maxEvidence caps the items listed for one criterion.
const maxEvidence = 6

// critNotImplemented: no transfer, licence or pledge dated on or before asOf, no
// undated count of them (the export's count columns, assumed to be in the past), and
// no implementation declaration in effect since a date on or before asOf. The
// export has no product-filing (专利产品备案) column, so filings count only when an
// institution declares them.
func critNotImplemented(p *patentbridge.Patent, f Facts, asOf time.Time) patentbridge.CriterionResult {
	var items []string
	for _, dt := range dealTypes {
		n := 0
		for _, e := range p.Events {
			if e.Type != dt.t {
				continue
			}
			n++
			if !e.Date.After(asOf) {
				items = append(items, patentbridge.FormatDate(e.Date)+" "+dt.t.Label())
			}
		}
		if c := dt.count(p); c > n {
			if n == 0 {
				items = append(items, fmt.Sprintf("%s次数 %d（无日期）", dt.t.Label(), c))
			} else {
				items = append(items, fmt.Sprintf("另有%s %d 次（无日期）", dt.t.Label(), c-n))
			}
		}
	}
	var later []string
	for _, d := range f.Declarations {
		if d.Kind != patentbridge.DeclImplemented || !d.RevokedAt.IsZero() {
			continue
		}
		if d.Since.After(asOf) {
			later = append(later, "实施声明自 "+patentbridge.FormatDate(d.Since)+" 起，晚于筛查日")
			continue
		}
		items = append(items, "声明已实施："+implementation(d))
	}
	if len(items) > 0 {
		if len(items) > maxEvidence {
			items = append(items[:maxEvidence], fmt.Sprintf("等共 %d 项", len(items)))
		}
		return failed(patentbridge.CritNotImplemented, "%s", strings.Join(items, "；"))
	}
	ev := fmt.Sprintf("截至 %s 无转让、许可、质押记录或实施声明", patentbridge.FormatDate(asOf))
	if len(later) > 0 {
		ev += "（" + strings.Join(later, "；") + "）"
	}
	return met(patentbridge.CritNotImplemented, "%s", ev)
}

// implementation words a declaration: "2024-01-01 起许可给 XX公司".
func implementation(d *patentbridge.Declaration) string {
	s := ""
	if !d.Since.IsZero() {
		s = patentbridge.FormatDate(d.Since) + " 起"
	}
	how := strings.TrimSpace(d.How)
	switch {
	case d.Enterprise == "":
		s += how
	case strings.HasSuffix(how, "许可") || strings.HasSuffix(how, "转让"):
		s += how + "给 " + d.Enterprise
	default:
		s += how + "（" + d.Enterprise + "）"
	}
	return s
}
