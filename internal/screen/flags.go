package screen

import (
	"strings"
	"time"

	"patentbridge"
)

// CNIPA's five high-value patent flags, as the root package names them.
const (
	FlagSEI        = patentbridge.FlagSEI
	FlagOverseas   = patentbridge.FlagOverseas
	FlagMaintained = patentbridge.FlagMaintained
	FlagPledge     = patentbridge.FlagPledge
	FlagAward      = patentbridge.FlagAward
)

// awardColumns are header words of export columns that record prizes.
var awardColumns = []string{"获奖", "奖项", "专利奖"}

// highValueFlags returns the CNIPA flags of an invention in order; other kinds get none.
//
// Approximations forced by the export: an overseas family is a PCT route or a
// family of two or more (the export lists no family countries); "pledged for a
// high amount" is any pledge (the export has no amounts); a national award needs an
// extra column such as 获奖情况 or 中国专利奖 with a value.
func highValueFlags(p *patentbridge.Patent, cls *patentbridge.Classification, inForce bool, asOf time.Time) []string {
	if !p.Kind.IsInvention() {
		return nil
	}
	var out []string
	if len(cls.SEI) > 0 {
		out = append(out, FlagSEI)
	}
	if overseas(p) {
		out = append(out, FlagOverseas)
	}
	if inForce && !p.GrantDate.IsZero() && !p.AppDate.IsZero() && !p.AppDate.After(asOf.AddDate(-10, 0, 0)) {
		out = append(out, FlagMaintained)
	}
	if hasEvent(p, patentbridge.EventPledge, asOf) || p.PledgeCount > countType(p.Events, patentbridge.EventPledge) {
		out = append(out, FlagPledge)
	}
	if hasAward(p.Extra) {
		out = append(out, FlagAward)
	}
	return out
}

// hasAward reports an award column with a value that is not a "none".
func hasAward(extra map[string]string) bool {
	for k, v := range extra {
		v = strings.TrimSpace(v)
		switch v {
		case "", "无", "否", "-", "0", "N", "n", "无获奖":
			continue
		}
		for _, w := range awardColumns {
			if strings.Contains(k, w) {
				return true
			}
		}
	}
	return false
}

// countType counts the events of a type, whatever their date.
func countType(evs []patentbridge.LegalEvent, t patentbridge.EventType) int {
	n := 0
	for _, e := range evs {
		if e.Type == t {
			n++
		}
	}
	return n
}
