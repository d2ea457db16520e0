package search

import (
	"fmt"
	"strings"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// maxTerms is how many matched terms a reason lists.
const maxTerms = 6

// matchedTerms returns the content words of text that occur in the patent's title or
// abstract, in the text's order.
func matchedTerms(words []string, title, abstract string) []string {
	var out []string
	for _, w := range words {
		if strings.Contains(title, w) || strings.Contains(abstract, w) {
			out = append(out, w)
			if len(out) == maxTerms {
				break
			}
		}
	}
	return out
}

// shortTitle cuts an IPC title to n characters with an ellipsis.
func shortTitle(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// reasons explains, in Chinese, why c was chosen; every statement is checked on c.
func (m *Matcher) reasons(c *candidate, words []string, res *patentbridge.MatchResult, req patentbridge.MatchRequest) []string {
	var out []string
	if t := matchedTerms(words, c.title, c.abstract); len(t) > 0 {
		out = append(out, "命中关键词："+strings.Join(t, "、"))
	}
	if _, p := predictionFit(res.IPCPredictions, c.subclasses); p != nil {
		out = append(out, fmt.Sprintf("预测分类 %s（%s）与本专利分类一致", p.Subclass, shortTitle(refdata.BriefIPCTitle(p.Title), 16)))
	}
	if ind := sharedIndustries(res.Industries, c.industries); len(ind) > 0 {
		out = append(out, "产业："+strings.Join(ind, "、"))
	}
	if g := c.gradeOf(); g != "" {
		out = append(out, "等级 "+g)
	}
	var avail []string
	if c.sig.OnSupplyList {
		avail = append(avail, "已列入供给清单")
	}
	switch {
	case c.sig.OpenLicenceTerms != "":
		avail = append(avail, c.sig.OpenLicenceTerms)
	case c.sig.OpenLicence:
		avail = append(avail, "开放许可")
	}
	switch {
	case c.sig.OfferTerms != "":
		avail = append(avail, c.sig.OfferTerms)
	case c.sig.Offered:
		avail = append(avail, "可转让或许可")
	}
	if len(avail) > 0 {
		out = append(out, strings.Join(avail, " / "))
	}
	out = append(out, m.regionReason(req.RegionCode, c.regionOf())...)
	if c.sig.Interested > 0 {
		out = append(out, fmt.Sprintf("%d 家企业标记感兴趣", c.sig.Interested))
	}
	if c.sig.Irrelevant > 0 {
		out = append(out, fmt.Sprintf("%d 家企业标记不相关", c.sig.Irrelevant))
	}
	switch c.sig.Verdict {
	case patentbridge.FeedbackInterested:
		out = append(out, "本需求方已标记感兴趣")
	case patentbridge.FeedbackIrrelevant:
		out = append(out, "本需求方已标记不相关")
	}
	return out
}

func (m *Matcher) regionReason(want, have string) []string {
	ref := m.opts.Ref
	if ref == nil {
		ref = refdata.Default()
	}
	switch regionFit(want, have) {
	case 2:
		if n := ref.CityName(have[:4]); n != "" {
			return []string{"同城（" + n + "）"}
		}
		return []string{"同城"}
	case 1:
		if r, ok := ref.Region(have[:2]); ok {
			return []string{"同省（" + r.ProvinceName + "）"}
		}
		return []string{"同省"}
	}
	return nil
}
