package patentbridge

import (
	"slices"
	"strings"
)

// SichuanCity is one of Sichuan's 市(州): its 4-digit GB/T 2260 code and name.
type SichuanCity struct{ Code, Name string }

// sichuanCities are the province's 21 市(州), in code order (GB/T 2260, as
// internal/refdata's cities.csv lists them; a refdata test keeps both equal).
var sichuanCities = []SichuanCity{
	{"5101", "成都市"}, {"5103", "自贡市"}, {"5104", "攀枝花市"}, {"5105", "泸州市"}, {"5106", "德阳市"},
	{"5107", "绵阳市"}, {"5108", "广元市"}, {"5109", "遂宁市"}, {"5110", "内江市"}, {"5111", "乐山市"},
	{"5113", "南充市"}, {"5114", "眉山市"}, {"5115", "宜宾市"}, {"5116", "广安市"}, {"5117", "达州市"},
	{"5118", "雅安市"}, {"5119", "巴中市"}, {"5120", "资阳市"}, {"5132", "阿坝藏族羌族自治州"},
	{"5133", "甘孜藏族自治州"}, {"5134", "凉山彝族自治州"},
}

// SichuanCities returns Sichuan's 21 市(州) in code order: the cities a
// programme record may be stored in and the KPI report counts.
func SichuanCities() []SichuanCity { return slices.Clone(sichuanCities) }

// SichuanCityName returns the name of a 4-digit Sichuan 市(州) code, or "" for
// any other code.
func SichuanCityName(code string) string {
	i := slices.IndexFunc(sichuanCities, func(c SichuanCity) bool { return c.Code == code })
	if i < 0 {
		return ""
	}
	return sichuanCities[i].Name
}

// ParseSichuanCity reads the 市(州) of a programme record stored in a city
// (event, case, pilot base, listing, commissioner, outlet, technology
// manager, risk pool): a 4-digit code or a 6-digit one read as its city by
// ParseCityFilter (510100 and 510703 are 5101 and 5107), which must be one of
// SichuanCities. Returns the 4-digit code, or EINVALID naming field (the
// template's column) for an empty value or any other.
func ParseSichuanCity(field, v string) (string, error) { return parseSichuanCity(field, field, v) }

// parseSichuanCity is ParseSichuanCity with the error naming field and its
// message the label (an API field's Chinese name).
func parseSichuanCity(field, label, v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", FieldErrorf(field, "请填写%s（四川省的市（州）代码，如 5101 成都市，或 510100）", label)
	}
	city, err := ParseCityFilter(v)
	if err != nil || SichuanCityName(city) == "" {
		return "", FieldErrorf(field, "%s %q 不是四川省的市（州）代码（应为 4 位如 5101 成都市，或 6 位如 510100）", label, ClipValue(v))
	}
	return city, nil
}

// checkCityCode sets *code to the 4-digit Sichuan 市(州) ParseSichuanCity
// reads from it, or refuses it naming the template column; an empty code
// passes when optional (the record then takes its organization's city).
func checkCityCode(field string, code *string, optional bool) error {
	return checkCityLabel(field, field, code, optional)
}

// checkCityLabel is checkCityCode for a field whose Chinese name is label.
func checkCityLabel(field, label string, code *string, optional bool) error {
	if optional && strings.TrimSpace(*code) == "" {
		*code = ""
		return nil
	}
	city, err := parseSichuanCity(field, label, *code)
	if err != nil {
		return err
	}
	*code = city
	return nil
}
