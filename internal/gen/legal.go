package gen

import (
	"sort"
	"strings"
)

// event is one line of 法律事件.
type event struct {
	at   day
	text string
}

// Per-category rates in per mille: grant share of examined inventions, yearly lapse
// hazard, and the chance of at least one transfer, licence and pledge. University
// rates give ~4% of granted inventions a transfer or licence (3.9% industrialisation
// rate, 2022); enterprises trade far more often.
var (
	grantRate    = [numCategories]int{640, 660, 600, 500, 300, 450, 500, 700}
	lapseHazard  = [numCategories]int{140, 90, 70, 110, 220, 150, 100, 60}
	transferRate = [numCategories]int{24, 30, 40, 150, 150, 20, 20, 60}
	licenceRate  = [numCategories]int{10, 12, 15, 40, 25, 10, 10, 20}
	pledgeRate   = [numCategories]int{1, 1, 3, 25, 8, 0, 0, 5}
)

// legal holds a row's dates, status and events.
type legal struct {
	pub, exam, grant, lapse, invalid, decision day
	status                                     string
	events                                     []event
	transfers, licences, pledges               []day
}

// between returns a random day in [a, b], or 0 when the window is empty.
func (g *generator) between(a, b day) day {
	if b <= a {
		return 0
	}
	return a + day(g.r.IntN(int(b-a)+1))
}

// decide sets publication, examination, grant and the final legal status.
func (g *generator) decide(kind byte, c category, app day) legal {
	var l legal
	invention := kind == '1' || kind == '8'
	if !invention {
		l.grant = app + day(120+g.r.IntN(280))
		if l.grant > cutoff {
			l.grant = g.between(app+30, cutoff)
		}
		l.pub = l.grant
		l.events = append(l.events, event{l.grant, "授权"})
	} else {
		delay := 540 + g.r.IntN(60)
		if g.r.IntN(5) == 0 {
			delay = 90 + g.r.IntN(300) // early publication on request
		}
		l.pub = min(app+day(delay), cutoff)
		l.events = append(l.events, event{l.pub, "公开"})
		if e := app + day(200+g.r.IntN(700)); e <= cutoff {
			l.exam = max(e, l.pub)
			l.events = append(l.events, event{l.exam, "实质审查的生效"})
		}
		if l.exam != 0 {
			l.decision = l.exam + day(200+g.r.IntN(900))
		}
		switch {
		case l.exam == 0:
			l.status = "审中-公开"
			return l
		case l.decision > cutoff:
			l.status, l.decision = "审中-实审", 0
			return l
		case g.r.IntN(1000) < grantRate[c]:
			l.grant = l.decision
			l.events = append(l.events, event{l.grant, "授权"})
		case g.r.IntN(2) == 0:
			l.status, l.lapse = "无权-驳回", l.decision
			l.events = append(l.events, event{l.decision, "发明专利申请公布后的驳回"})
			return l
		default:
			l.status, l.lapse = "无权-视为撤回", l.decision
			l.events = append(l.events, event{l.decision, "发明专利申请公布后的视为撤回"})
			return l
		}
	}
	g.afterGrant(&l, kind, c, app)
	return l
}

// afterGrant decides whether a granted patent lapsed, expired or was invalidated.
func (g *generator) afterGrant(l *legal, kind byte, c category, app day) {
	term := 20
	if kind == '2' || kind == '9' || kind == '3' {
		term = 10
		if kind == '3' && app >= dayOf(2021, 6, 1) {
			term = 15
		}
	}
	expiry := app.addYears(term)
	l.status = "有权-审定授权"
	// Annual fees fall due on application anniversaries after the grant.
	years := 1
	for years < term && g.r.IntN(1000) >= lapseHazard[c] {
		years++
	}
	k := l.grant.year() - app.year()
	if app.addYears(k) <= l.grant {
		k++
	}
	due := app.addYears(k + years)
	switch {
	case g.r.IntN(1000) < 4:
		if inv := g.between(l.grant+200, min(cutoff, expiry)); inv != 0 {
			l.status, l.invalid, l.lapse = "无权-全部无效", inv, inv
			l.events = append(l.events, event{inv, "专利权全部无效"})
			return
		}
	case g.r.IntN(1000) < 2:
		if inv := g.between(l.grant+200, cutoff); inv != 0 {
			l.status, l.invalid = "有权-部分无效", inv
			l.events = append(l.events, event{inv, "专利权部分无效"})
		}
	}
	switch {
	case years < term && due < expiry && due <= cutoff:
		l.status, l.lapse = "无权-未缴年费", due
		l.events = append(l.events, event{due, "未缴年费专利权终止"})
	case expiry <= cutoff:
		l.status, l.lapse = "无权-期限届满", expiry
		l.events = append(l.events, event{expiry, "专利权有效期届满"})
	}
}

// deals adds transfers, licences and pledges within the patent's life.
func (g *generator) deals(l *legal, kind byte, c category, app day) {
	start := l.grant
	if start == 0 {
		start = app + 60 // transfer of the application right (专利申请权的转移)
	}
	end := cutoff
	if l.lapse != 0 {
		end = l.lapse - 1
	}
	scale := 1
	if kind == '3' {
		scale = 2 // designs trade less
	}
	count := func(rate int) int {
		if g.r.IntN(1000*scale) >= rate {
			return 0
		}
		return []int{1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3}[g.r.IntN(12)]
	}
	for range count(transferRate[c]) {
		if d := g.between(start, end); d != 0 {
			l.transfers = append(l.transfers, d)
			l.events = append(l.events, event{d, "专利申请权、专利权的转移"})
		}
	}
	if l.grant != 0 {
		for range count(licenceRate[c]) {
			if d := g.between(start, end); d != 0 {
				l.licences = append(l.licences, d)
				l.events = append(l.events, event{d, "专利实施许可合同备案的生效"})
			}
		}
		for range count(pledgeRate[c]) {
			if d := g.between(start, end); d != 0 {
				l.pledges = append(l.pledges, d)
				l.events = append(l.events, event{d, "专利权质押合同登记的生效"})
				if rel := d + day(365+g.r.IntN(730)); rel <= end {
					l.events = append(l.events, event{rel, "专利权质押合同登记的注销"})
				}
			}
		}
	}
	for _, s := range [][]day{l.transfers, l.licences, l.pledges} {
		sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	}
	sort.SliceStable(l.events, func(i, j int) bool { return l.events[i].at < l.events[j].at })
}

// eventText renders 法律事件: "2021-03-01 专利申请权、专利权的转移;2022-05-10 …".
func eventText(es []event) string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte(';')
		}
		b.WriteString(e.at.iso())
		b.WriteByte(' ')
		b.WriteString(e.text)
	}
	return b.String()
}
