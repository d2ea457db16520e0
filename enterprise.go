package patentbridge

import (
	"context"
	"strings"
)

// Enterprise is one entry of an enterprise registry an operator imports.
type Enterprise struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`        // 企业名称
	CreditCode string `json:"credit_code"` // 统一社会信用代码, validated
	Scope      string `json:"scope"`       // 经营范围
	Industry   string `json:"industry"`    // 行业
	RegionCode string `json:"region_code"` // 地区代码 (GB/T 2260)
	SME        bool   `json:"sme"`         // 是否中小微企业
	Park       string `json:"park"`        // 所属园区
}

// EnterpriseMatch is an enterprise ranked for a patent (专利进园区企业) by the fit of
// its 经营范围 and industry (PushEvidence), with the one reason it was chosen.
type EnterpriseMatch struct {
	Enterprise Enterprise `json:"enterprise"`
	Score      float64    `json:"score"` // 0..1, PushEvidence.Score
	Reason     string     `json:"reason"`
}

// EnterpriseFilter selects enterprises; zero fields do not filter.
type EnterpriseFilter struct {
	Park   string
	City   string
	Query  string
	Limit  int
	Offset int
}

// EnterpriseService stores the enterprise registry.
type EnterpriseService interface {
	// UpsertEnterprises inserts or updates enterprises by credit code in one transaction.
	UpsertEnterprises(ctx context.Context, es []*Enterprise) (UpsertResult, error)
	// ListEnterprises returns one page of enterprises and the total.
	ListEnterprises(ctx context.Context, f EnterpriseFilter) ([]*Enterprise, int, error)
	// EachEnterprise calls fn for every enterprise (for building the enterprise index).
	EachEnterprise(ctx context.Context, fn func(e *Enterprise) error) error
}

// creditCodeChars are the 31 characters of GB 32100, in value order.
const creditCodeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditCodeWeights = []int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// NormalizeCreditCode validates a 统一社会信用代码 (18 characters, GB 32100 check
// character: weights 3^i mod 31, check = 31 − sum mod 31) and returns it upper-cased.
// Returns EINVALID with the reason.
func NormalizeCreditCode(s string) (string, error) {
	c := strings.ToUpper(strings.TrimSpace(strings.Map(foldWidth, s)))
	// Characters, not bytes: a message names the character the user typed.
	rs := []rune(c)
	if len(rs) != 18 {
		return "", FieldErrorf("统一社会信用代码", "统一社会信用代码 %q 应为18位，实际为%d位", s, len(rs))
	}
	sum := 0
	for i, r := range rs[:17] {
		v := strings.IndexRune(creditCodeChars, r)
		if v < 0 {
			return "", FieldErrorf("统一社会信用代码", "统一社会信用代码 %q 第%d位 %q 不是有效字符", s, i+1, r)
		}
		sum += v * creditCodeWeights[i]
	}
	want := rune(creditCodeChars[(31-sum%31)%31])
	if rs[17] != want {
		return "", FieldErrorf("统一社会信用代码", "统一社会信用代码 %q 校验位错误：应为 %c，实际为 %c", s, want, rs[17])
	}
	return c, nil
}
