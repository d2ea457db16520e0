package patentbridge

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPushEvidence(t *testing.T) {
	for _, tc := range []struct {
		name   string
		ev     PushEvidence
		fits   bool
		score  float64
		reason string
	}{
		{"size, city and park make no fit", PushEvidence{SME: true, SameCity: true}, false, 0, ""},
		{"a shared broad industry alone is not the field", PushEvidence{Industries: []string{"装备制造"}, SME: true}, false, 0, "同属装备制造产业"},
		{"an abstract term and a broad industry are not enough", PushEvidence{TextTerms: []string{"电机"}, Industries: []string{"装备制造"}}, false, 0,
			"经营范围含：电机；同属装备制造产业"},
		{"a term of the title alone is one piece of evidence", PushEvidence{TitleTerms: []string{"发酵"}, SME: true}, false, 0, "经营范围含：发酵"},
		{"a term of the title and of its IPC titles fits", PushEvidence{TitleTerms: []string{"电机"}, IPCTerms: []string{"电机"}}, true, 0.6, "经营范围含：电机"},
		{"an SME in the city adds to a fit", PushEvidence{TitleTerms: []string{"电机"}, IPCTerms: []string{"电机"}, SME: true, SameCity: true}, true, 0.7, "经营范围含：电机"},
		{"a term and two industries", PushEvidence{TextTerms: []string{"中药材"}, Industries: []string{"川药", "医药健康"}}, true, 0.5,
			"经营范围含：中药材；同属川药、医药健康产业"},
		{"capped at 1, three terms named", PushEvidence{TitleTerms: []string{"白酒", "发酵"}, TextTerms: []string{"酿造", "窖池"}, SME: true}, true, 1,
			"经营范围含：白酒、发酵、酿造"},
		{"industries and 行业 words are one piece of evidence", PushEvidence{IndustryWords: []string{"饮料"}, Industries: []string{"食品饮料", "食品轻纺"}}, false, 0, "同属食品饮料、食品轻纺产业"},
		{"行业 words and a term", PushEvidence{IndustryWords: []string{"医药"}, TextTerms: []string{"中药材"}}, false, 0, "经营范围含：中药材"},
		{"行业 words and a term of the title", PushEvidence{IndustryWords: []string{"医药"}, TitleTerms: []string{"中药材"}}, true, 0.6, "经营范围含：中药材"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.ev.Fits() != tc.fits || tc.ev.Score() != tc.score || tc.ev.Reason() != tc.reason {
				t.Errorf("fits %v score %v reason %q; want %v %v %q", tc.ev.Fits(), tc.ev.Score(), tc.ev.Reason(), tc.fits, tc.score, tc.reason)
			}
		})
	}
}

func TestParsePushPerEnterprise(t *testing.T) {
	if n, err := ParsePushPerEnterprise(" "); n != PushDefaultPerEnterprise || err != nil {
		t.Errorf("empty = %d, %v", n, err)
	}
	if n, err := ParsePushPerEnterprise("50"); n != 50 || err != nil {
		t.Errorf("50 = %d, %v", n, err)
	}
	for _, raw := range []string{"0", "51", "-3", "abc", strings.Repeat("9", 300)} {
		n, err := ParsePushPerEnterprise(raw)
		if ErrorField(err) != "per" || n != 0 || len(ErrorMessage(err)) > 400 {
			t.Errorf("%.20q = %d, %v", raw, n, err)
		}
	}
}

func TestEnterprisePushNotice(t *testing.T) {
	p := EnterprisePush{Enterprise: Enterprise{Name: "德阳某电机有限公司"},
		Items: []PushItem{{AppNo: "2015100000114", Title: "一种永磁同步电机的转子结构", Score: 0.6, Reason: "经营范围含：电机"}}}
	want := "根据《四川省专利技术供给清单（2026年第1期）》，向贵单位推荐专利1件：201510000011.4 一种永磁同步电机的转子结构（经营范围含：电机）"
	if got := p.Notice("四川省专利技术供给清单（2026年第1期）"); got != want || p.Best() != 0.6 {
		t.Errorf("notice = %q, best %v", got, p.Best())
	}
}

// A notice of many patents fits a message body, cut after a whole patent.
func TestEnterprisePushNoticeFitsAMessage(t *testing.T) {
	var p EnterprisePush
	for i := range PushMaxPerEnterprise {
		p.Items = append(p.Items, PushItem{AppNo: "20151000001" + strconv.Itoa(10+i), Title: "一种永磁同步电机的转子结构及其制造方法" + strconv.Itoa(i), Reason: "经营范围含：电机、发电机、电机组件"})
	}
	got := p.Notice("四川省专利技术供给清单（2026年第1期）")
	if n := utf8.RuneCountInString(got); n > MessageBodyMax || n < MessageBodyMax-100 {
		t.Errorf("notice of %d patents has %d characters", len(p.Items), n)
	}
	if !strings.HasPrefix(got, "根据《四川省专利技术供给清单（2026年第1期）》，向贵单位推荐专利50件：") || !strings.HasSuffix(got, "）等50件") {
		t.Errorf("notice = %q", got)
	}
	m := p.Message("四川省专利技术供给清单（2026年第1期）", 7)
	m.OrgID = 1
	if err := m.Validate(); err != nil || m.Link != "/supply/7" || m.Kind != MessagePushList || m.Body != got {
		t.Errorf("message = %+v, %v", m, err)
	}
}
