package patentbridge

import "strings"

// DefaultRegion is the platform's region when none is configured: Sichuan, by
// its GB/T 2260 province prefix. The platform's sleeping-patent pool, supply
// lists and figures cover the patents of institutions of this region.
const DefaultRegion = "51"

// CheckRegionPrefix validates a GB/T 2260 region prefix (2 to 6 digits, e.g.
// "51" for Sichuan, "5101" for Chengdu). Returns EINVALID naming field.
func CheckRegionPrefix(field, prefix string) error {
	if len(prefix) < 2 || len(prefix) > 6 || strings.Trim(prefix, "0123456789") != "" {
		return FieldErrorf(field, "地区代码前缀 %q 应为2至6位数字（如四川省为 51，成都市为 5101）", prefix)
	}
	return nil
}

// IsCityCode reports whether s is a 4-digit 市(州) code.
func IsCityCode(s string) bool {
	return len(s) == 4 && strings.Trim(s, "0123456789") == ""
}

// ParseCityFilter reads a list's 市(州) filter: "" is every city, a 4-digit
// code is itself and a 6-digit GB/T 2260 code (a city's or a county's) is its
// 市(州), the first four digits (510100 and 510703 are 5101 and 5107).
// Returns EINVALID naming field "city" for anything else.
func ParseCityFilter(v string) (string, error) {
	v = strings.TrimSpace(v)
	switch {
	case v == "":
		return "", nil
	case IsCityCode(v):
		return v, nil
	case len(v) == 6 && strings.Trim(v, "0123456789") == "":
		return v[:4], nil
	}
	return "", FieldErrorf("city", "城市代码 %q 无效：应为 4 位（如 5101）或 6 位（如 510100）行政区划代码", ClipValue(v))
}
