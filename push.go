package patentbridge

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The push rule (专利进园区企业): an enterprise is pushed a patent only when its
// 经营范围 or 行业 fits the patent's field by at least PushFitThreshold, which
// takes two pieces of evidence (a term of the title and of its IPC titles, two
// terms, a term and a shared industry, …); being an SME or in the patent's city
// only adds to a fit that is already there, never makes one, and a park counts
// for nothing.
const (
	// PushFitThreshold is the lowest field fit (0..1) at which a patent is pushed.
	PushFitThreshold = 0.5
	// PushDefaultPerEnterprise is how many patents of a list an enterprise is pushed at most by default.
	PushDefaultPerEnterprise = 10
	// PushMaxPerEnterprise is the most a user may ask for per enterprise.
	PushMaxPerEnterprise = 50
)

// Weights of the field fit: each evidence adds its weight, the sum capped at 1.
const (
	pushTitleTerm    = 0.4  // a term of the patent's title in the 经营范围
	pushIPCTerm      = 0.2  // a term of its IPC subclasses' titles in the 经营范围
	pushTextTerm     = 0.2  // a term only its abstract names in the 经营范围
	pushIndustry     = 0.25 // a Sichuan industry both are classed in
	pushIndustryMore = 0.05 // each further shared industry ("川药" and "医药健康")
	pushIndustryMax  = 0.35
	pushIndustryWord = 0.2  // a word of the enterprise's 行业 in the patent's field, when no industry is shared
	pushBonus        = 0.05 // SME; same city (each, only on a fit)
	pushReasonTerms  = 3    // terms a reason names at most
)

// PushEvidence is what an enterprise shares with a patent's field; every term is
// a whole word of both texts, never a cut fragment.
type PushEvidence struct {
	TitleTerms    []string // words of the 经营范围 the patent's title names
	IPCTerms      []string // words of the 经营范围 its IPC subclasses' titles name (may repeat a title's)
	TextTerms     []string // words of the 经营范围 only its abstract names
	Industries    []string // Sichuan industries (5+1, 六大优势产业, 10+3) both are classed in
	IndustryWords []string // words of the enterprise's 行业 the patent's field names
	SME           bool     // the enterprise is 中小微
	SameCity      bool     // it is in the patent's city
}

// Fit returns the field fit, 0..1, from the 经营范围 and 行业 evidence only.
func (ev PushEvidence) Fit() float64 { return min(ev.Weight(), 1) }

// Weight is the fit before its cap at 1: it orders two fits that both score 1.
func (ev PushEvidence) Weight() float64 {
	f := pushTitleTerm*float64(len(ev.TitleTerms)) + pushIPCTerm*float64(len(ev.IPCTerms)) + pushTextTerm*float64(len(ev.TextTerms))
	// The industries and the 行业 words are one piece of evidence, not two.
	if n := len(ev.Industries); n > 0 {
		f += min(pushIndustry+pushIndustryMore*float64(n-1), pushIndustryMax)
	} else if len(ev.IndustryWords) > 0 {
		f += pushIndustryWord
	}
	return f
}

// Fits reports whether the enterprise is to be pushed the patent.
func (ev PushEvidence) Fits() bool { return ev.Fit() >= PushFitThreshold-1e-9 }

// Score returns the push score, 0..1: the fit plus small SME and same-city
// bonuses when it fits, 0 when it does not.
func (ev PushEvidence) Score() float64 {
	if !ev.Fits() {
		return 0
	}
	s := ev.Fit()
	if ev.SME {
		s += pushBonus
	}
	if ev.SameCity {
		s += pushBonus
	}
	return float64(int64(min(s, 1)*10000+0.5)) / 10000
}

// Reason returns the one short reason a push gives, in whole words:
// "经营范围含：白酒、酿造；同属川酒产业".
func (ev PushEvidence) Reason() string {
	var parts []string
	terms := append([]string(nil), ev.TitleTerms...)
	for _, t := range append(append([]string(nil), ev.IPCTerms...), ev.TextTerms...) {
		if !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	}
	if len(terms) > 0 {
		parts = append(parts, "经营范围含："+strings.Join(terms[:min(len(terms), pushReasonTerms)], "、"))
	}
	if len(ev.Industries) > 0 {
		parts = append(parts, "同属"+strings.Join(ev.Industries[:min(len(ev.Industries), 2)], "、")+"产业")
	}
	if len(ev.IndustryWords) > 0 && len(terms) == 0 && len(ev.Industries) == 0 {
		parts = append(parts, "行业对口："+strings.Join(ev.IndustryWords[:min(len(ev.IndustryWords), 2)], "、"))
	}
	return strings.Join(parts, "；")
}

// PushItem is one patent pushed to an enterprise, with its score and reason.
type PushItem struct {
	AppNo  string  `json:"app_no"`
	Title  string  `json:"title"`
	Score  float64 `json:"score"` // 0..1, PushEvidence.Score
	Reason string  `json:"reason"`
}

// EnterprisePush is an enterprise and the patents of a supply list pushed to
// it, at most the asked number, best first. It is what one notice to the
// enterprise (站内信 "新的推送清单") carries.
type EnterprisePush struct {
	Enterprise Enterprise `json:"enterprise"`
	Items      []PushItem `json:"items"`
}

// Best returns the score of the enterprise's best patent.
func (p EnterprisePush) Best() float64 {
	if len(p.Items) == 0 {
		return 0
	}
	return p.Items[0].Score
}

// Notice returns the text of a notice telling the enterprise what was pushed
// to it from source (a supply list's heading): "根据《…》，向贵单位推荐专利3件：…",
// each patent by its displayed application number, title and one reason. It
// fits a message body (MessageBodyMax): when the patents do not, it names only
// the first whole ones and ends "等3件".
func (p EnterprisePush) Notice(source string) string {
	head := "根据《" + source + "》，向贵单位推荐专利" + strconv.Itoa(len(p.Items)) + "件："
	items := make([]string, len(p.Items))
	for i, it := range p.Items {
		items[i] = FormatAppNo(it.AppNo) + " " + it.Title + "（" + it.Reason + "）"
	}
	for n := len(items); n > 0; n-- {
		body := head + strings.Join(items[:n], "；")
		if n < len(items) {
			body += "等" + strconv.Itoa(len(items)) + "件"
		}
		if utf8.RuneCountInString(body) <= MessageBodyMax {
			return body
		}
	}
	// not even one patent fits: the list's page names them
	return string([]rune(strings.TrimSuffix(head, "：") + "，详见清单")[:min(utf8.RuneCountInString(head)+4, MessageBodyMax)])
}

// ParsePushPerEnterprise reads the form's 每家企业最多推送件数: empty is
// PushDefaultPerEnterprise, otherwise 1..PushMaxPerEnterprise. Returns EINVALID
// naming the field "per".
func ParsePushPerEnterprise(raw string) (int, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return PushDefaultPerEnterprise, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > PushMaxPerEnterprise {
		return 0, FieldErrorf("per", "每家企业最多推送件数应为 1 至 %d 的整数，实际为 %q", PushMaxPerEnterprise, ClipValue(raw))
	}
	return n, nil
}
