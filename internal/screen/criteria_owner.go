package screen

import (
	"slices"
	"strings"

	"patentbridge"
)

// critInstitution: a current owner (patentee, or applicant when no patentee is
// known) is of a type in scope and, when the scope says so, in the region and the
// name list. The party type was decided at import (an enterprise called
// 研究院有限公司 is an enterprise), so only Party.Type is used here.
func critInstitution(cfg *Config, p *patentbridge.Patent) patentbridge.CriterionResult {
	owners := p.Owners()
	if len(owners) == 0 {
		return failed(patentbridge.CritInstitution, "无权利人信息")
	}
	sc := cfg.Institutions
	var in, others []string
	for _, o := range owners {
		if slices.Contains(sc.Types, o.Type) {
			in = append(in, partyLabel(o))
		} else {
			others = append(others, partyLabel(o))
		}
	}
	if len(in) == 0 {
		ev := "当前权利人 " + strings.Join(others, "、") + " 不是高校或科研院所"
		if len(owners) == 1 {
			ev = "当前权利人 " + owners[0].Name + " 为" + typeLabel(owners[0].Type)
		}
		if orig := institutionApplicants(sc, p); len(orig) > 0 && len(p.Patentees) > 0 {
			ev += "（原申请人 " + strings.Join(orig, "、") + "）"
		}
		return failed(patentbridge.CritInstitution, "%s", ev)
	}
	if len(sc.RegionPrefixes) > 0 && !hasAnyPrefix(p.RegionCode, sc.RegionPrefixes) {
		region := p.RegionCode
		if region == "" {
			region = "未知"
		}
		return failed(patentbridge.CritInstitution, "权利人 %s 所在地区代码 %s 不在筛查地区（%s）",
			strings.Join(in, "、"), region, strings.Join(sc.RegionPrefixes, "、"))
	}
	if len(sc.Names) > 0 {
		var listed []string
		for _, o := range owners {
			if slices.Contains(sc.Types, o.Type) && slices.Contains(sc.Names, patentbridge.NormalizeOrgName(o.Name)) {
				listed = append(listed, partyLabel(o))
			}
		}
		if len(listed) == 0 {
			return failed(patentbridge.CritInstitution, "权利人 %s 不在筛查机构名单", strings.Join(in, "、"))
		}
		in = listed
	}
	ev := "当前权利人 " + strings.Join(in, "、")
	if len(others) > 0 {
		ev += "，共有人 " + strings.Join(others, "、")
	}
	return met(patentbridge.CritInstitution, "%s", ev)
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
