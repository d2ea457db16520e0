package gen

import (
	"strconv"
	"strings"

	"patentbridge"
)

// kindMix is each category's share of inventions and utility models (per mille);
// the rest are designs. Overall about 50/42/8.
var kindMix = [numCategories][2]int{
	{700, 280}, {650, 330}, {500, 450}, {270, 550}, {200, 500}, {300, 650}, {400, 550}, {600, 350},
}

// inventorRange is the [min, max] number of inventors per category.
var inventorRange = [numCategories][2]int{{2, 8}, {2, 7}, {2, 6}, {1, 5}, {1, 2}, {2, 6}, {2, 5}, {2, 6}}

// appDate draws an application date, later years weighted up as filings grew.
func (g *generator) appDate() day {
	total := 0
	for y := firstYear; y <= lastYear; y++ {
		total += y - firstYear + 3
	}
	x := g.r.IntN(total)
	y := firstYear
	for ; y < lastYear; y++ {
		if x < y-firstYear+3 {
			break
		}
		x -= y - firstYear + 3
	}
	return min(dayOf(y, 1, 1)+day(g.r.IntN(365)), cutoff-150)
}

// kindOf draws the kind digit of the application number for a category.
func (g *generator) kindOf(c category) byte {
	x := g.r.IntN(1000)
	switch {
	case x < kindMix[c][0]:
		if g.r.IntN(1000) < 25 {
			return '8'
		}
		return '1'
	case x < kindMix[c][0]+kindMix[c][1]:
		if g.r.IntN(1000) < 5 {
			return '9'
		}
		return '2'
	}
	return '3'
}

// appNo renders an application number "CN202223220665.2" from year, kind and a
// sequence unique within the file.
func appNo(year int, kind byte, seq int) string {
	digits := strconv.Itoa(year) + string(kind) + padInt(seq, 7)
	return "CN" + digits + "." + patentbridge.AppNoCheckChar(digits)
}

// pubNo renders a publication number "CN115123456A".
func pubNo(kindDigit byte, seq int, letter string) string {
	return "CN" + string(kindDigit) + padInt(seq%100_000_000, 8) + letter
}

// padInt renders n with leading zeros to width digits.
func padInt(n, width int) string {
	s := strconv.Itoa(n)
	if len(s) >= width {
		return s
	}
	return strings.Repeat("0", width-len(s)) + s
}

// pickTitle returns a real title whose main subclass has groups, with its IPC codes.
// Utility models protect products only, so they never get a method title.
func (g *generator) pickTitle(invention bool) (titleInfo, ipcPick, []string) {
	for {
		i, ok := 0, false
		if invention {
			i, ok = g.deck.takeHeld()
		}
		if !ok {
			i = g.deck.deal()
		}
		t := g.titles[i]
		if !invention && (t.fam == famMethod || t.fam == famComposition) {
			g.deck.hold(i)
			continue
		}
		main, ok := g.pickIPC(t.subs[0])
		if !ok {
			continue
		}
		codes := []string{main.code}
		add := func(c string) {
			for _, x := range codes {
				if x == c {
					return
				}
			}
			codes = append(codes, c)
		}
		if g.r.IntN(10) < 3 {
			if p, ok := g.pickIPC(t.subs[0]); ok {
				add(p.code)
			}
		}
		for _, s := range t.subs[1:] {
			if p, ok := g.pickIPC(s); ok {
				add(p.code)
			}
		}
		return t, main, codes
	}
}

// inventors draws distinct inventor names; an individual applicant invents first.
func (g *generator) inventors(c category, first party) []string {
	lo, hi := inventorRange[c][0], inventorRange[c][1]
	n := lo + g.r.IntN(hi-lo+1)
	var out []string
	if c == catIndividual {
		out = append(out, first.name)
	}
	for len(out) < n {
		name := personName(g.r)
		if !containsString(out, name) {
			out = append(out, name)
		}
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func names(ps []party) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.name
	}
	return strings.Join(out, ";")
}

func labels(ps []party) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.label
	}
	return strings.Join(out, ";")
}

func itoa(n int) string { return strconv.Itoa(n) }
