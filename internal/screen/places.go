package screen

import (
	"strings"

	"patentbridge/internal/refdata"
)

// placeName names a GB/T 2260 code down to its city ("陕西省西安市"), or gives
// the code when the divisions do not know it.
func placeName(code string) string {
	if len(code) > 4 {
		code = code[:4]
	}
	r, ok := refdata.Default().Region(code)
	if !ok {
		return "地区代码 " + code
	}
	if r.CityName == "" || r.CityName == r.ProvinceName {
		return r.ProvinceName
	}
	return r.ProvinceName + r.CityName
}

// regionNames names the screening region's prefixes ("四川省", "四川省成都市").
func regionNames(prefixes []string) string {
	names := make([]string, len(prefixes))
	for i, p := range prefixes {
		names[i] = placeName(p)
	}
	return strings.Join(names, "、")
}
