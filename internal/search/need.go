package search

import (
	"regexp"
	"strings"
)

// needPhrases are the words of how enterprises phrase a need: who asks (我们是一家…
// 企业), what they ask for (希望找到, 引进, 专利技术) and hedges (适合). They say
// nothing of the technology, but in a short need they outweigh its subject: 企业
// and 专利技术 routed 我们是一家川茶加工企业，希望找到名优绿茶…的专利技术 to G06Q
// (business methods). Patent titles practically never hold them, so removing them
// leaves titles as they are.
var needPhrases = []*regexp.Regexp{
	// The asker: 我们是一家川茶加工企业 keeps 川茶加工, which is the subject's field.
	regexp.MustCompile(`(?:我们|我公司|本公司|我司|我单位|本单位|我厂|本厂)?是?一家([^，。,.；;！!？?\s]{0,20}?)(?:企业|公司|工厂|厂家|单位|合作社)`),
	regexp.MustCompile(`(?:我们|我公司|本公司|我司|我单位|本单位|我厂|本厂)是?`),
	// The request.
	regexp.MustCompile(`希望(?:找到|引进|获得|得到|能够|能)?|寻求|寻找|急需|需要|想要|拟引进|引进|求购`),
	// What is asked for: the object's wrapper, not the object.
	regexp.MustCompile(`(?:的)?(?:专利技术|相关专利|相关技术|成熟技术|技术成果)|适合于?|适用于`),
	// 技术 closing a clause (收获机械技术): the request's object word.
	regexp.MustCompile(`技术([，。,.；;！!？?\s]|$)`),
}

// NeedSubject returns a need without its needPhrases (each replaced by a space so
// no bigram spans the gap), the words that say what technology it is about; the
// text itself when nothing else is left.
func NeedSubject(text string) string {
	s := text
	for _, re := range needPhrases {
		if re.NumSubexp() > 0 {
			s = re.ReplaceAllString(s, " ${1} ")
		} else {
			s = re.ReplaceAllString(s, " ")
		}
	}
	if strings.TrimSpace(s) == "" {
		return text
	}
	return s
}
