package patentbridge

import (
	"strings"
	"unicode"
)

// Kind is the patent type encoded in the application number.
type Kind string

// Patent kinds (专利类型).
const (
	KindInvention    Kind = "invention"     // 发明
	KindUtility      Kind = "utility"       // 实用新型
	KindDesign       Kind = "design"        // 外观设计
	KindPCTInvention Kind = "pct_invention" // 进入中国国家阶段的PCT发明
	KindPCTUtility   Kind = "pct_utility"   // 进入中国国家阶段的PCT实用新型
)

// Kinds lists every kind in display order.
var Kinds = []Kind{KindInvention, KindUtility, KindDesign, KindPCTInvention, KindPCTUtility}

// Label returns the Chinese name of the kind.
func (k Kind) Label() string {
	switch k {
	case KindInvention:
		return "发明"
	case KindUtility:
		return "实用新型"
	case KindDesign:
		return "外观设计"
	case KindPCTInvention:
		return "PCT发明"
	case KindPCTUtility:
		return "PCT实用新型"
	}
	return string(k)
}

// IsInvention reports whether the kind is an invention (domestic or PCT).
func (k Kind) IsInvention() bool { return k == KindInvention || k == KindPCTInvention }

// ParseKind maps a Chinese kind label (专利类型 column) or a Kind value to a Kind.
func ParseKind(s string) (Kind, bool) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", false
	case strings.Contains(s, "PCT") && strings.Contains(s, "实用"):
		return KindPCTUtility, true
	case strings.Contains(s, "PCT") && strings.Contains(s, "发明"):
		return KindPCTInvention, true
	case strings.Contains(s, "实用新型"):
		return KindUtility, true
	case strings.Contains(s, "外观"):
		return KindDesign, true
	case strings.Contains(s, "发明"):
		return KindInvention, true
	}
	for _, k := range Kinds {
		if string(k) == s {
			return k, true
		}
	}
	return "", false
}

var weights12 = []int{2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5}

// AppNoCheckChar computes the check character of the 8 or 12 digits of a CNIPA
// application number: weights 2,3,4,5,6,7,8,9,2,3,4,5, sum mod 11, 10 -> "X".
func AppNoCheckChar(digits string) string {
	sum := 0
	for i, r := range digits {
		sum += int(r-'0') * weights12[i]
	}
	m := sum % 11
	if m == 10 {
		return "X"
	}
	return string(rune('0' + m))
}

// ParsedAppNo is an application number as read from a source.
type ParsedAppNo struct {
	Number string // normalized: digits + check character, no dot
	Kind   Kind
	// CheckComputed says the source gave an old 8-digit number without its
	// check character, and the platform computed the character.
	CheckComputed bool
}

// NormalizeAppNo accepts an application number (申请号) in any usual form —
// "CN202223220665.2", "202223220665.2", "2022232206652", with spaces or full-width
// characters — verifies its check character and returns the normalized form
// (digits + check character, no dot) and the kind it encodes. An old 8-digit
// number given without its check character ("CN85102475") gets it computed
// (ParseAppNo says so). It returns EINVALID with a Chinese reason when the
// number is malformed.
func NormalizeAppNo(s string) (string, Kind, error) {
	a, err := ParseAppNo(s)
	return a.Number, a.Kind, err
}

// ParseAppNo reads an application number as NormalizeAppNo does and also
// reports whether its check character was computed: the numbers filed from
// 1985 to 2003 have 8 digits, and exports often drop their check character
// ("CN85102475", "85102475."); one is computed for them (weights 2 to 9, sum
// mod 11, 10 -> X), since a number whose year is 85–99 or 00–03 can only be
// such an old number. Other lengths must carry their check character.
func ParseAppNo(s string) (ParsedAppNo, error) {
	raw := s
	var b strings.Builder
	for _, r := range s {
		r = foldWidth(r)
		if unicode.IsSpace(r) || r == '.' || r == '-' {
			continue
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	n := strings.TrimPrefix(strings.TrimPrefix(b.String(), "ZL"), "CN")
	if n == "" {
		return ParsedAppNo{}, FieldErrorf("申请号", "申请号为空")
	}
	if len(n) != 13 && len(n) != 9 && len(n) != 8 {
		return ParsedAppNo{}, FieldErrorf("申请号", "申请号 %q 位数不对：应为12位数字加1位校验位（或2003年前的8位数字，校验位可省略）", raw)
	}
	digits, check := n, ""
	if len(n) != 8 {
		digits, check = n[:len(n)-1], n[len(n)-1:]
	}
	for _, r := range digits {
		if r < '0' || r > '9' {
			return ParsedAppNo{}, FieldErrorf("申请号", "申请号 %q 含有非数字字符", raw)
		}
	}
	want := AppNoCheckChar(digits)
	if check == "" {
		if !oldAppNoYear(digits[:2]) {
			return ParsedAppNo{}, FieldErrorf("申请号", "申请号 %q 只有8位数字，但年份 %s 不在1985–2003年：此后的申请号为12位数字加1位校验位，请核对是否缺了数字", raw, digits[:2])
		}
		return ParsedAppNo{Number: digits + want, Kind: kindOfDigits(digits), CheckComputed: true}, nil
	}
	if check != want {
		return ParsedAppNo{}, FieldErrorf("申请号", "申请号 %q 校验位错误：应为 %s，实际为 %s", raw, want, check)
	}
	return ParsedAppNo{Number: n, Kind: kindOfDigits(digits)}, nil
}

// oldAppNoYear reports whether the two year digits of an 8-digit number fall in
// 1985–2003, the years of 8-digit application numbers.
func oldAppNoYear(yy string) bool {
	return yy >= "85" || yy <= "03"
}

// kindOfDigits reads the kind from the type digit: the 5th of 12, the 3rd of 8.
func kindOfDigits(d string) Kind {
	t := d[4]
	if len(d) == 8 {
		t = d[2]
	}
	switch t {
	case '1':
		return KindInvention
	case '2':
		return KindUtility
	case '3':
		return KindDesign
	case '8':
		return KindPCTInvention
	case '9':
		return KindPCTUtility
	}
	return ""
}

// FormatAppNo renders a normalized application number in the usual dotted form
// "202223220665.2".
func FormatAppNo(n string) string {
	if len(n) < 2 {
		return n
	}
	return n[:len(n)-1] + "." + n[len(n)-1:]
}

// foldWidth maps full-width ASCII variants (Ａ, ０, ．) to their half-width forms.
func foldWidth(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		return r - 0xFEE0
	}
	if r == 0x3000 {
		return ' '
	}
	return r
}
