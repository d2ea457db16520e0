package patentbridge

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// PartyType classifies an applicant or patentee (DESIGN §3.2).
type PartyType string

// Party types.
const (
	PartyUniversity PartyType = "university" // 大专院校
	PartyInstitute  PartyType = "institute"  // 科研单位
	PartySOE        PartyType = "soe"        // 国有企业
	PartyEnterprise PartyType = "enterprise" // 企业
	PartyHospital   PartyType = "hospital"   // 医院
	PartyGovernment PartyType = "government" // 机关团体
	PartyIndividual PartyType = "individual" // 个人
)

// PartyTypes lists every party type in display order.
var PartyTypes = []PartyType{PartyUniversity, PartyInstitute, PartySOE, PartyEnterprise,
	PartyHospital, PartyGovernment, PartyIndividual}

// Label returns the Chinese name of the party type.
func (t PartyType) Label() string {
	switch t {
	case PartyUniversity:
		return "大专院校"
	case PartyInstitute:
		return "科研单位"
	case PartySOE:
		return "国有企业"
	case PartyEnterprise:
		return "企业"
	case PartyHospital:
		return "医院"
	case PartyGovernment:
		return "机关团体"
	case PartyIndividual:
		return "个人"
	}
	return string(t)
}

// IsInstitution reports whether the type is a university or research institute,
// the holders whose patents the sleeping-patent program screens.
func (t PartyType) IsInstitution() bool { return t == PartyUniversity || t == PartyInstitute }

// Party is one applicant or patentee of a patent, in the order the export lists them.
type Party struct {
	Name string    `json:"name"`
	Type PartyType `json:"type"`
	SME  bool      `json:"sme,omitempty"`
}

// ParsePartyTypeLabel maps an export's 申请人类型 value ("大专院校", "科研机构",
// "工矿企业", "机关团体", "个人", …) to a PartyType.
func ParsePartyTypeLabel(s string) (PartyType, bool) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", false
	case strings.Contains(s, "院校") || strings.Contains(s, "高校") || strings.Contains(s, "大学"):
		return PartyUniversity, true
	case strings.Contains(s, "科研") || strings.Contains(s, "研究机构") || strings.Contains(s, "研究院所"):
		return PartyInstitute, true
	case strings.Contains(s, "国有") || strings.Contains(s, "国企"):
		return PartySOE, true
	case strings.Contains(s, "医院") || strings.Contains(s, "医疗机构"):
		return PartyHospital, true
	case strings.Contains(s, "机关") || strings.Contains(s, "团体") || strings.Contains(s, "事业"):
		return PartyGovernment, true
	case strings.Contains(s, "个人"):
		return PartyIndividual, true
	case strings.Contains(s, "企业") || strings.Contains(s, "公司"):
		return PartyEnterprise, true
	}
	for _, t := range PartyTypes {
		if string(t) == s {
			return t, true
		}
	}
	return "", false
}

// ClassifyParty decides a party's type from the export's type column when it says
// something, else from its name: a name ending in 公司/集团/厂 is an enterprise
// even when it contains 研究院 (成都智航科技研究院有限公司); 大学/学院/学校 make a
// university; 研究院/研究所/科学院/实验室/研究中心 an institute (中国科学院成都生物研究所);
// 医院 a hospital; offices and associations government; 2–4 Chinese characters
// with no organizational word an individual.
func ClassifyParty(name, typeLabel string) PartyType {
	if t, ok := ParsePartyTypeLabel(typeLabel); ok {
		return t
	}
	n := NormalizeOrgName(name)
	switch {
	case hasAnySuffix(n, "公司", "集团", "厂", "合作社", "商行", "经营部", "工作室", "事务所") ||
		strings.Contains(n, "有限公司") || strings.Contains(n, "股份有限"):
		return PartyEnterprise
	case strings.Contains(n, "医院") || strings.HasSuffix(n, "卫生院") || strings.HasSuffix(n, "妇幼保健院"):
		return PartyHospital
	case strings.Contains(n, "大学"):
		return PartyUniversity
	case strings.Contains(n, "研究院") || strings.Contains(n, "研究所") || strings.Contains(n, "科学院") ||
		strings.Contains(n, "实验室") || strings.Contains(n, "研究中心") || strings.Contains(n, "研究站"):
		return PartyInstitute // before 学院: 科学院 contains 学院
	case strings.Contains(n, "学院") || strings.Contains(n, "学校") || strings.Contains(n, "职业技术") ||
		strings.HasSuffix(n, "中学") || strings.HasSuffix(n, "小学"):
		return PartyUniversity
	case hasAnySuffix(n, "局", "委员会", "厅", "政府", "协会", "学会", "办公室", "中心", "站", "队", "部"):
		return PartyGovernment
	case isPersonName(n):
		return PartyIndividual
	}
	return PartyEnterprise
}

func hasAnySuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// isPersonName reports whether n looks like a personal name: 2–4 Han characters,
// or a Latin name with letters and spaces only.
func isPersonName(n string) bool {
	c := utf8.RuneCountInString(n)
	han := true
	for _, r := range n {
		if !unicode.Is(unicode.Han, r) && r != '·' {
			han = false
		}
	}
	return han && c >= 2 && c <= 4
}

// NormalizeOrgName normalizes an organization or person name so that one party is
// one name: full-width letters and digits to half-width, brackets to the Chinese
// full-width （）, whitespace removed between Han characters and trimmed elsewhere.
func NormalizeOrgName(s string) string {
	var b strings.Builder
	rs := []rune(strings.TrimSpace(s))
	for i, r := range rs {
		switch r {
		case '(', '（':
			b.WriteRune('（')
			continue
		case ')', '）':
			b.WriteRune('）')
			continue
		}
		r = foldWidth(r)
		if unicode.IsSpace(r) {
			if i > 0 && isLatin(foldWidth(rs[i-1])) && nextIsLatin(rs[i+1:]) {
				b.WriteByte(' ')
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// nextIsLatin reports whether the first non-space rune of rs is a Latin letter or digit.
func nextIsLatin(rs []rune) bool {
	for _, r := range rs {
		if r = foldWidth(r); !unicode.IsSpace(r) {
			return isLatin(r)
		}
	}
	return false
}

func isLatin(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// SplitList splits a multi-valued export cell on ";", "；", and (for names) "、",
// trimming and dropping empty items.
func SplitList(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '；' || r == '、' || r == '|' })
	out := f[:0]
	for _, x := range f {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
