package gen

import (
	"math/rand/v2"
	"strings"

	"patentbridge/internal/refdata"
)

// party is one applicant or patentee as the export shows it.
type party struct {
	name  string
	label string
	cat   category
	addr  string
	prov  string
}

// weighted is a list of parties sampled by cumulative weight.
type weighted struct {
	items []party
	cum   []int
}

func (w *weighted) add(p party, weight int) {
	total := weight
	if n := len(w.cum); n > 0 {
		total += w.cum[n-1]
	}
	w.items = append(w.items, p)
	w.cum = append(w.cum, total)
}

func (w *weighted) pick(r *rand.Rand) party {
	x := r.IntN(w.cum[len(w.cum)-1])
	lo, hi := 0, len(w.cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if w.cum[m] > x {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return w.items[lo]
}

// sichuanPlace returns a random Sichuan address weighted towards 成都, as
// "四川省成都市武侯区…", with the city's short name for company names.
func (g *generator) sichuanPlace() (addr, short string) {
	c := g.cityPick.pick(g.r)
	areas := g.areas[c.name]
	a := areas[g.r.IntN(len(areas))]
	return "四川省" + c.label + a.Name + street(g.r), c.addr
}

// buildParties prepares the applicant pools: the named organizations and a pool of
// generated Sichuan enterprises.
func (g *generator) buildParties(d *refdata.Data) {
	g.areas = map[string][]refdata.Region{}
	for _, c := range sichuanCities {
		name := d.CityName(c.code)
		short := []rune(strings.TrimSuffix(name, "市"))
		if len(short) > 2 {
			short = short[:2]
		}
		// cityPick reuses party: name = code, label = city name, addr = short name.
		g.cityPick.add(party{name: c.code, label: name, addr: string(short)}, c.weight)
		g.areas[c.code] = d.Areas(c.code)
	}
	for _, o := range namedOrgs {
		g.cats[o.cat].add(party{name: o.name, label: o.label, cat: o.cat, addr: o.addr, prov: o.prov}, o.weight*20)
	}
	seen := map[string]bool{}
	for len(g.enterprises.items) < 600 {
		addr, short := g.sichuanPlace()
		name := short + string(brandChars[g.r.IntN(len(brandChars))]) + string(brandChars[g.r.IntN(len(brandChars))]) +
			industryWords[g.r.IntN(len(industryWords))] + companySuffixes[g.r.IntN(len(companySuffixes))]
		if seen[name] {
			continue
		}
		seen[name] = true
		p := party{name: name, label: "工矿企业", cat: catEnterprise, addr: addr, prov: sichuan}
		w := 1 + g.r.IntN(12)
		g.enterprises.add(p, w)
		g.cats[catEnterprise].add(p, w*3)
	}
}

// applicant picks the first applicant of a row in the given category.
func (g *generator) applicant(c category) party {
	if c == catIndividual {
		addr, _ := g.sichuanPlace()
		return party{name: personName(g.r), label: "个人", cat: c, addr: addr, prov: sichuan}
	}
	return g.cats[c].pick(g.r)
}

// pickCategory draws a category by categoryWeights.
func (g *generator) pickCategory() category {
	x := g.r.IntN(1000)
	for c, w := range categoryWeights {
		if x < w {
			return category(c)
		}
		x -= w
	}
	return catEnterprise
}
