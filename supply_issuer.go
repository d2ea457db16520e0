package patentbridge

// ProvinceName is the issuer name of the province's own supply lists (those
// with no city): "四川省专利技术供给清单（2026年第1期）".
const ProvinceName = "四川省"

// PublishConfirmText is what a publisher confirms before a list is frozen.
const PublishConfirmText = "确认发布后清单不可修改"

// Issuer returns who issues the list and numbers its series: the 4-digit code
// of the city that compiled it, or "" for the province. Each issuer numbers its
// own lists per year from 1 ("2026年第1期").
func (l *SupplyList) Issuer() string { return cityOf(l.CityCode) }

// IssuerName returns the issuer's name: the city's, as cityName resolves its
// 4-digit code (cityName may be nil), or ProvinceName for a provincial list.
func (l *SupplyList) IssuerName(cityName func(code4 string) string) string {
	c := l.Issuer()
	if c == "" {
		return ProvinceName
	}
	if cityName != nil {
		if n := cityName(c); n != "" {
			return n
		}
	}
	return c
}

// Heading returns the line a list is cited by, with its issuer's own name and
// number: "成都市专利技术供给清单（2026年第1期）", or "（未编号）" before
// publication (the status badge already says 草稿).
func (l *SupplyList) Heading(cityName func(code4 string) string) string {
	number := "未编号"
	if l.Year > 0 && l.Number > 0 {
		number = l.NumberLabel()
	}
	return l.IssuerName(cityName) + "专利技术供给清单（" + number + "）"
}

// CheckPublishConfirmed is the rule that publishing, which freezes a list for
// good, needs the publisher's explicit confirmation. Returns EINVALID naming
// the field "confirm".
func CheckPublishConfirmed(confirmed bool) error {
	if !confirmed {
		return FieldErrorf("confirm", "发布前须勾选“%s”：清单发布后编号并冻结，不能再修改", PublishConfirmText)
	}
	return nil
}
