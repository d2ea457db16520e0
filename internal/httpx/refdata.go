package httpx

import "patentbridge/internal/refdata"

// RefData is the reference data the API and the web UI read: IPC titles and
// classifications, and administrative divisions. *refdata.Data implements it.
type RefData interface {
	// IPC describes a code with its title hierarchy, SEI industries and WIPO field.
	IPC(code string) (refdata.IPCInfo, error)
	// IPCTitle returns the Chinese title of a code, or "".
	IPCTitle(code string) string
	// Region resolves a 6-digit GB/T 2260 code.
	Region(code string) (refdata.Region, bool)
	// Cities lists a province's cities (市、州).
	Cities(provinceCode string) []refdata.Region
	// Areas lists a city's counties and districts (区、县), in code order.
	Areas(cityCode string) []refdata.Region
	// CityName returns the name of a 4-digit city code, or "".
	CityName(code4 string) string
}

// RegionName returns the full Chinese name of a 6-digit region code
// ("四川省成都市武侯区"), the city's name when only the city is known, or "".
func RegionName(ref RefData, code string) string {
	if code == "" || ref == nil {
		return ""
	}
	if r, ok := ref.Region(code); ok {
		name := r.ProvinceName
		if r.CityName != "" && r.CityName != r.ProvinceName {
			name += r.CityName
		}
		if r.Name != "" && r.Name != r.CityName && r.Name != r.ProvinceName {
			name += r.Name
		}
		return name
	}
	if len(code) >= 4 {
		return ref.CityName(code[:4])
	}
	return ""
}
