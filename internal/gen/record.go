package gen

import (
	"slices"
	"strings"
)

// row fills g.rec with record i.
func (g *generator) row(i int, st *Stats) {
	rec := g.rec
	for k := range rec {
		rec[k] = ""
	}
	seq := (i*7919 + g.seqOffset) % maxRows
	c := g.pickCategory()
	first := g.applicant(c)
	applicants := []party{first}
	switch {
	case (c == catUniversity || c == catInstitute) && g.r.IntN(1000) < 80:
		applicants = append(applicants, g.enterprises.pick(g.r))
	case c == catEnterprise && g.r.IntN(1000) < 40:
		applicants = append(applicants, g.cats[catUniversity].pick(g.r))
	}
	kind := g.kindOf(c)
	app := g.appDate()
	l := g.decide(kind, c, app)
	g.deals(&l, kind, c, app)

	invention := kind == '1' || kind == '8'
	pubDigit, pubLetter, grantLetter, kindLabel, kindWord := byte('1'), "A", "B", "发明", "发明"
	switch kind {
	case '2', '9':
		pubDigit, pubLetter, grantLetter, kindLabel, kindWord = '2', "U", "U", "实用新型", "实用新型"
	case '3':
		pubDigit, pubLetter, grantLetter, kindLabel = '3', "S", "S", "外观设计"
	}

	rec[colSeq] = itoa(i + 1)
	rec[colAppDate] = app.ymd()
	rec[colPubDate] = l.pub.ymd()
	rec[colGrantDate] = l.grant.ymd()
	rec[colApplicant] = names(applicants)
	rec[colAppNo] = appNo(app.year(), kind, seq)
	pub := pubNo(pubDigit, seq*13+int(pubDigit), pubLetter)
	rec[colPubNo] = pub
	if l.grant != 0 {
		rec[colGrantNo] = strings.TrimSuffix(pub, pubLetter) + grantLetter
	}
	rec[colKind] = kindLabel

	var title string
	var mainIPC string
	var codes []string
	if kind == '3' {
		var loc, abs string
		title, loc, abs = g.design()
		mainIPC, codes = loc, []string{loc}
		rec[colAbstract] = abs
	} else {
		t, main, cs := g.pickTitle(kind == '1' || kind == '8')
		title, mainIPC, codes = t.title, main.code, cs
		body := g.body(t)
		rec[colAbstract] = g.abstract(t, kindWord, main, body)
		rec[colClaim] = claim(t, body)
	}
	rec[colTitle] = title
	if l.grant != 0 {
		rec[colGrantTitle] = title
	}
	rec[colAddress] = first.addr
	rec[colStatus] = l.status
	rec[colMainIPC] = mainIPC
	rec[colIPC] = strings.Join(codes, ";")
	rec[colProvince] = first.prov

	inventors := g.inventors(c, first)
	rec[colInventor] = strings.Join(inventors, ";")
	rec[colFirstInventor] = inventors[0]
	rec[colCurInventor] = rec[colInventor]
	rec[colFirstOwner] = first.name
	if g.r.IntN(100) >= 12 {
		rec[colApplicantType] = labels(applicants)
	}

	current := applicants
	for range l.transfers {
		current = []party{g.newOwner(current)}
	}
	rec[colCurOwner] = names(current)
	rec[colCurAddress] = current[0].addr

	g.agency(rec, c)
	g.citations(rec, invention, kind, app, pub)
	g.international(rec, kind, app)

	rec[colEvents] = eventText(l.events)
	rec[colTransfers] = itoa(len(l.transfers))
	rec[colLicences] = itoa(len(l.licences))
	rec[colPledges] = itoa(len(l.pledges))
	rec[colTransferDates] = joinDays(l.transfers)
	rec[colLicenceDates] = joinDays(l.licences)
	rec[colPledgeDates] = joinDays(l.pledges)
	rec[colLapseDate] = l.lapse.ymd()
	rec[colInvalidDate] = l.invalid.ymd()
	rec[colCertDate] = l.grant.ymd()
	rec[colExamDate] = l.exam.ymd()
	rec[colExamDays] = "0"
	if invention && l.decision != 0 {
		rec[colExaminer] = personName(g.r)
		rec[colExamDays] = itoa(int(l.decision - l.exam))
	}
	if invention && g.r.IntN(10) < 3 {
		rec[colCPCMain], rec[colCPC] = mainIPC, rec[colIPC]
	}

	st.Rows++
	switch {
	case invention:
		st.Inventions++
	case kind == '3':
		st.Designs++
	default:
		st.UtilityModels++
	}
	if l.grant != 0 {
		st.Granted++
	}
	if strings.HasPrefix(l.status, "有权") {
		st.InForce++
	}
	if len(l.transfers) > 0 {
		st.Transferred++
	}
	if len(l.licences) > 0 {
		st.Licensed++
	}
	if len(l.pledges) > 0 {
		st.Pledged++
	}
}

// agency fills the agent and agency columns; most filings use an agency.
func (g *generator) agency(rec []string, c category) {
	p := 88
	if c == catIndividual {
		p = 50
	}
	if g.r.IntN(100) >= p {
		return
	}
	a := agencies[g.r.IntN(len(agencies))]
	agents := []string{personName(g.r)}
	if g.r.IntN(2) == 0 {
		agents = append(agents, personName(g.r))
	}
	rec[colAgency], rec[colCurAgency] = a, a
	rec[colAgent] = strings.Join(agents, ";")
	rec[colCurAgent] = rec[colAgent]
	if g.r.IntN(100) < 2 {
		rec[colCurAgency] = agencies[g.r.IntN(len(agencies))]
		rec[colPrevAgency] = a
	}
}

// citations fills cited patents, non-patent literature and the simple family.
func (g *generator) citations(rec []string, invention bool, kind byte, app day, pub string) {
	n := 0
	switch {
	case invention:
		n = g.r.IntN(7)
	case kind != '3':
		n = g.r.IntN(4)
	}
	cited := make([]string, n)
	for k := range cited {
		letter := []string{"A", "A", "B", "U"}[g.r.IntN(4)]
		digit := byte('1')
		if letter == "U" {
			digit = '2'
		}
		cited[k] = pubNo(digit, g.r.IntN(100_000_000), letter)
	}
	rec[colCited] = strings.Join(cited, ";")
	rec[colCitedCount] = itoa(n)
	if invention && g.r.IntN(100) < 8 {
		rec[colNonPatentCited] = personName(g.r) + "等.相关技术研究进展[J].四川大学学报（自然科学版）," + itoa(app.year()-1-g.r.IntN(5))
	}
	family := []string{pub}
	if kind == '8' || kind == '9' || (invention && g.r.IntN(100) < 2) {
		family = append(family, "WO"+itoa(app.year()-1)+pad6(g.r.IntN(1_000_000))+"A1")
		if g.r.IntN(2) == 0 {
			family = append(family, "US"+itoa(app.year())+"0"+pad6(g.r.IntN(1_000_000))+"A1")
		}
	}
	rec[colFamily] = strings.Join(family, ";")
	rec[colFamilyCount] = itoa(len(family))
}

// international fills the priority and PCT columns; only PCT entries have them.
func (g *generator) international(rec []string, kind byte, app day) {
	rec[colPriorityCount], rec[colPriorityDate] = "0", "0"
	rec[colPCTAppDate], rec[colPCTPubDate], rec[colNationalEntry] = "0", "0", "0"
	if kind != '8' && kind != '9' {
		return
	}
	intl := app - day(300+g.r.IntN(300))
	prio := intl - day(g.r.IntN(365))
	rec[colPriority] = appNo(prio.year(), kind-7, g.r.IntN(maxRows)) // '8' -> '1', '9' -> '2'
	rec[colPriorityDate] = prio.ymd()
	rec[colPriorityCount] = "1"
	rec[colPCTAppNo] = "PCT/CN" + itoa(intl.year()) + "/" + pad6(g.r.IntN(1_000_000))
	rec[colPCTAppDate] = intl.ymd()
	rec[colPCTPubNo] = "WO" + itoa(intl.year()) + "/" + pad6(g.r.IntN(1_000_000))
	rec[colPCTPubDate] = (intl + day(540)).ymd()
	rec[colNationalEntry] = app.ymd()
}

func pad6(n int) string { return padInt(n, 6) }

// newOwner picks the enterprise a patent is transferred to: never one that already
// holds it, so a transfer always changes 当前权利人.
func (g *generator) newOwner(owners []party) party {
	for {
		p := g.enterprises.pick(g.r)
		if !slices.ContainsFunc(owners, func(o party) bool { return o.name == p.name }) {
			return p
		}
	}
}
