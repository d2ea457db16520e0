package screen

import (
	"slices"
	"strings"

	"patentbridge"
)

// critInstitution: a current owner (patentee, or applicant when no patentee is
// known) is of a type in scope, is located in the screening region, and, when
// the scope lists names, is listed. The party type was decided at import (an
// enterprise called 研究院有限公司 is an enterprise); a hospital or office whose
// parent in the registry is of a type in scope (四川大学华西医院 under 四川大学)
// counts as that parent. Where an owner is located is its own (see ownerPlace),
// never the patent's region alone: a patent keeps its first applicant's address
// after it was transferred. When met, it also returns the city (4-digit code,
// "" when unknown) of the first owner that qualified the patent: the city the
// pool counts the patent under, always one of the screening region's.
func critInstitution(cfg *Config, p *patentbridge.Patent, reg *Registry) (patentbridge.CriterionResult, string) {
	owners := p.Owners()
	if len(owners) == 0 {
		return failed(patentbridge.CritInstitution, "无权利人信息"), ""
	}
	sc := cfg.Institutions
	var in, others []holder
	for _, o := range owners {
		if h, ok := scopedHolder(sc, reg, o); ok {
			in = append(in, h)
		} else {
			others = append(others, holder{party: o, label: partyLabel(o)})
		}
	}
	if len(in) == 0 {
		ev := "当前权利人 " + joinLabels(others) + " 不是高校或科研院所"
		if len(owners) == 1 {
			ev = "当前权利人 " + owners[0].Name + " 为" + typeLabel(owners[0].Type)
		}
		if orig := institutionApplicants(sc, p); len(orig) > 0 && len(p.Patentees) > 0 {
			ev += "（原申请人 " + strings.Join(orig, "、") + "）"
		}
		return failed(patentbridge.CritInstitution, "%s", ev), ""
	}
	if regions := sc.Regions(); len(regions) > 0 {
		var local []holder
		var away []string
		for _, h := range in {
			code, source := ownerPlace(reg, p, h.party)
			switch {
			case code == "":
				away = append(away, "权利人 "+h.party.Name+" 所在地区未知（机构名录未登记其所在城市，专利无申请人地区）")
			case hasAnyPrefix(code, regions):
				local = append(local, h)
			default:
				away = append(away, "权利人 "+h.party.Name+" 所在地区 "+placeName(code)+"（"+source+"）不在"+regionNames(regions))
			}
		}
		if len(local) == 0 {
			return failed(patentbridge.CritInstitution, "%s", strings.Join(away, "；")), ""
		}
		for _, h := range in {
			if !slices.ContainsFunc(local, func(l holder) bool { return l.party.Name == h.party.Name }) {
				others = append(others, h)
			}
		}
		in = local
	}
	if len(sc.Names) > 0 {
		var listed []holder
		for _, h := range in {
			if slices.Contains(sc.Names, patentbridge.NormalizeOrgName(h.as)) {
				listed = append(listed, h)
			}
		}
		if len(listed) == 0 {
			return failed(patentbridge.CritInstitution, "权利人 %s 不在筛查机构名单", joinLabels(in)), ""
		}
		in = listed
	}
	ev := "当前权利人 " + joinLabels(in)
	if len(others) > 0 {
		ev += "，共有人 " + joinLabels(others)
	}
	res := met(patentbridge.CritInstitution, "%s", ev)
	if city, _ := ownerPlace(reg, p, in[0].party); len(city) >= 4 {
		return res, city[:4]
	}
	return res, ""
}

// holder is a current owner with its label in the evidence and the name it is
// screened as (its parent's for a hospital under a university).
type holder struct {
	party     patentbridge.Party
	label, as string
}

// scopedHolder reports whether owner o is of a type in scope, itself or, for a
// hospital or office (机关团体) or an owner of unknown type, through its parent
// in the registry.
func scopedHolder(sc InstitutionScope, reg *Registry, o patentbridge.Party) (holder, bool) {
	if slices.Contains(sc.Types, o.Type) {
		return holder{party: o, label: partyLabel(o), as: o.Name}, true
	}
	switch o.Type {
	case patentbridge.PartyHospital, patentbridge.PartyGovernment, "":
	default:
		return holder{}, false
	}
	parent := reg.Parent(reg.Find(o.Name))
	if parent == nil || !slices.Contains(sc.Types, parent.Type) {
		return holder{}, false
	}
	label := o.Name + "（" + typeLabel(o.Type) + "，上级单位 " + parent.Name + " 为" + typeLabel(parent.Type) + "，按 " + parent.Name + " 计）"
	return holder{party: o, label: label, as: parent.Name}, true
}

// ownerPlace returns where an owner is located and how that is known: the city
// of its organization in the registry (or of its parent when it has none), else
// the patent's region, the first applicant's address, which the registry itself
// takes for an owner it learns from patents; "" when neither says.
func ownerPlace(reg *Registry, p *patentbridge.Patent, o patentbridge.Party) (code, source string) {
	if org := reg.Find(o.Name); org != nil {
		if org.CityCode != "" {
			return org.CityCode, "机构名录"
		}
		if parent := reg.Parent(org); parent != nil && parent.CityCode != "" {
			return parent.CityCode, "上级单位 " + parent.Name + " 的机构名录"
		}
	}
	if p.RegionCode == "" {
		return "", ""
	}
	if len(p.Applicants) > 0 && patentbridge.NormalizeOrgName(p.Applicants[0].Name) == patentbridge.NormalizeOrgName(o.Name) {
		return p.RegionCode, "申请人地址"
	}
	return p.RegionCode, "据第一申请人地址，机构名录未登记其所在城市"
}

func joinLabels(hs []holder) string {
	ls := make([]string, len(hs))
	for i, h := range hs {
		ls[i] = h.label
	}
	return strings.Join(ls, "、")
}

// institutionApplicants names the applicants of a type in scope, for the evidence
// of a patent that has left the institution.
func institutionApplicants(sc InstitutionScope, p *patentbridge.Patent) []string {
	var out []string
	for _, a := range p.Applicants {
		if slices.Contains(sc.Types, a.Type) {
			out = append(out, a.Name)
		}
	}
	return out
}

func partyLabel(o patentbridge.Party) string { return o.Name + "（" + typeLabel(o.Type) + "）" }

func typeLabel(t patentbridge.PartyType) string {
	if t == "" {
		return "类型未知"
	}
	return t.Label()
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
