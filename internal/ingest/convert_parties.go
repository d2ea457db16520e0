package ingest

import (
	"patentbridge"
)

// parties fills applicants, current patentees and inventors. The 申请人类型 column
// holds either one type per applicant (aligned by position) or a single value,
// which describes the first applicant only; the others are classified by name.
// A patentee who is also an applicant takes the applicant's type.
func (c *converter) parties(r row, p *patentbridge.Patent) {
	names := patentbridge.SplitList(c.l.get(r, fApplicants).value)
	types := patentbridge.SplitList(c.l.get(r, fApplicantType).value)
	known := map[string]patentbridge.PartyType{}
	for i, name := range names {
		label := ""
		if len(types) == len(names) || i == 0 && len(types) == 1 {
			label = types[i]
		}
		if party, ok := newParty(name, label, known); ok {
			p.Applicants = append(p.Applicants, party)
		}
	}
	for _, name := range patentbridge.SplitList(c.l.get(r, fPatentees).value) {
		label := ""
		if t, ok := known[patentbridge.NormalizeOrgName(name)]; ok {
			label = string(t)
		}
		if party, ok := newParty(name, label, map[string]patentbridge.PartyType{}); ok && !hasParty(p.Patentees, party.Name) {
			p.Patentees = append(p.Patentees, party)
		}
	}
	seen := map[string]bool{}
	for _, name := range patentbridge.SplitList(c.l.get(r, fInventors).value) {
		if n := patentbridge.NormalizeOrgName(name); n != "" && !seen[n] {
			seen[n] = true
			p.Inventors = append(p.Inventors, n)
		}
	}
}

// newParty normalizes and classifies a name; ok is false for an empty name or one
// already in seen (which it records).
func newParty(name, label string, seen map[string]patentbridge.PartyType) (patentbridge.Party, bool) {
	n := patentbridge.NormalizeOrgName(name)
	if _, dup := seen[n]; n == "" || dup {
		return patentbridge.Party{}, false
	}
	t := patentbridge.ClassifyParty(n, label)
	seen[n] = t
	return patentbridge.Party{Name: n, Type: t}, true
}

func hasParty(ps []patentbridge.Party, name string) bool {
	for _, p := range ps {
		if p.Name == name {
			return true
		}
	}
	return false
}

// region picks the most specific GB/T 2260 code: the address's when it resolves
// inside the province that 国省代码 names (or when there is no 国省代码), else the
// province's.
func (c *converter) region(province, address string) string {
	if c.regions == nil {
		return ""
	}
	var pc, ac string
	var pok, aok bool
	if province != "" {
		pc, pok = c.regions.RegionFromProvinceField(province)
	}
	if address != "" {
		ac, aok = c.regions.RegionFromAddress(address)
	}
	switch {
	case aok && (!pok || len(pc) >= 2 && len(ac) >= 2 && pc[:2] == ac[:2]):
		return ac
	case pok:
		return pc
	}
	return ""
}
