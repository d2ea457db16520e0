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
