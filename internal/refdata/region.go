package refdata

import (
	"sort"
	"strings"
)

// regionTables indexes the GB/T 2260 divisions.
type regionTables struct {
	provinces map[string]string    // "51" -> 四川省
	cities    map[string]cityRow   // "5101"
	areas     map[string]areaRow   // "510107"
	provCity  map[string][]string  // "51" -> city codes in order
	cityAreas map[string][]string  // "5101" -> area codes in order
	provAreas map[string][]string  // "51" -> area codes in order
	names     map[string][]nameHit // province/city names and short forms
	areaNames map[string][]string  // full area name -> codes, country-wide
	provShort map[string]string    // short province name ("四川") -> code
}

type cityRow struct{ name, prov string }
type areaRow struct{ name, city, prov string }

// nameHit is a city reachable by a name: its code and whether the name is short.
type nameHit struct {
	code  string
	short bool
}

// loadRegions parses provinces, cities and areas.
func (d *Data) loadRegions() error {
	t := regionTables{
		provinces: map[string]string{}, cities: map[string]cityRow{}, areas: map[string]areaRow{},
		provCity: map[string][]string{}, cityAreas: map[string][]string{}, provAreas: map[string][]string{},
		names: map[string][]nameHit{}, areaNames: map[string][]string{}, provShort: map[string]string{},
	}
	err := eachCSV("provinces.csv", func(r []string) error {
		t.provinces[r[0]] = r[1]
		t.provShort[provinceShort(r[1])] = r[0]
		return nil
	})
	if err == nil {
		err = eachCSV("cities.csv", func(r []string) error {
			t.cities[r[0]] = cityRow{name: r[1], prov: r[2]}
			t.provCity[r[2]] = append(t.provCity[r[2]], r[0])
			for i, n := range cityNames(r[1]) {
				t.names[n] = append(t.names[n], nameHit{code: r[0], short: i > 0})
			}
			return nil
		})
	}
	if err == nil {
		err = eachCSV("areas.csv", func(r []string) error {
			t.areas[r[0]] = areaRow{name: r[1], city: r[2], prov: r[3]}
			t.cityAreas[r[2]] = append(t.cityAreas[r[2]], r[0])
			t.provAreas[r[3]] = append(t.provAreas[r[3]], r[0])
			t.areaNames[r[1]] = append(t.areaNames[r[1]], r[0])
			return nil
		})
	}
	for _, s := range []map[string][]string{t.provCity, t.cityAreas, t.provAreas} {
		for _, v := range s {
			sort.Strings(v)
		}
	}
	d.regions = t
	return err
}

// provinceShort is the usual short name of a province: 四川省 -> 四川, 广西壮族自治区 -> 广西.
func provinceShort(name string) string {
	for _, p := range []string{"内蒙古", "广西", "西藏", "宁夏", "新疆"} {
		if strings.HasPrefix(name, p) {
			return p
		}
	}
	return strings.TrimSuffix(strings.TrimSuffix(name, "省"), "市")
}

// cityNames lists a city's full name then its short forms: 成都市 -> 成都;
// 凉山彝族自治州 -> 凉山州, 凉山; 阿里地区 -> 阿里. Placeholder rows have none.
func cityNames(name string) []string {
	switch name {
	case "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划":
		return nil
	}
	out := []string{name}
	r := []rune(name)
	switch {
	case strings.HasSuffix(name, "自治州") && len(r) > 4:
		out = append(out, string(r[:2])+"州", string(r[:2]))
	case strings.HasSuffix(name, "地区"):
		out = append(out, string(r[:len(r)-2]))
	case strings.HasSuffix(name, "市") && len(r) > 2:
		out = append(out, string(r[:len(r)-1]))
	}
	return out
}

// Region returns the division with a 2-, 4- or 6-digit code ("51", "5101", "510107").
func (d *Data) Region(code string) (Region, bool) {
	t := &d.regions
	switch {
	case len(code) == 2:
		code += "0000"
	case len(code) == 4:
		code += "00"
	case len(code) != 6:
		return Region{}, false
	}
	p, c := code[:2], code[:4]
	pname, ok := t.provinces[p]
	if !ok {
		return Region{}, false
	}
	r := Region{Code: code, ProvinceCode: p, ProvinceName: pname}
	switch {
	case code[2:] == "0000":
		r.Name = pname
		return r, true
	case code[4:] == "00":
		city, ok := t.cities[c]
		if !ok {
			return Region{}, false
		}
		r.CityCode, r.CityName = c, d.cityDisplayName(c, city)
		r.Name = r.CityName
		return r, true
	}
	a, ok := t.areas[code]
	if !ok {
		return Region{}, false
	}
	r.Name, r.CityCode = a.name, a.city
	r.CityName = d.cityDisplayName(a.city, t.cities[a.city])
	return r, true
}

// cityDisplayName names a city, using the province's name for a municipality's
// placeholder rows (北京 "市辖区", 重庆 "县").
func (d *Data) cityDisplayName(code string, c cityRow) string {
	if c.name == "市辖区" || c.name == "县" {
		return d.regions.provinces[code[:2]]
	}
	return c.name
}

// CityName returns the display name of a 4-digit city code, or "" when unknown.
func (d *Data) CityName(code4 string) string {
	c, ok := d.regions.cities[code4]
	if !ok {
		return ""
	}
	return d.cityDisplayName(code4, c)
}

// Cities returns the cities (市、州、盟、地区) of a province, in code order.
func (d *Data) Cities(provinceCode string) []Region {
	var out []Region
	for _, c := range d.regions.provCity[provinceCode] {
		if r, ok := d.Region(c); ok {
			out = append(out, r)
		}
	}
	return out
}

// Areas returns the counties and districts of a 4-digit city code, in code order.
func (d *Data) Areas(cityCode string) []Region {
	var out []Region
	for _, a := range d.regions.cityAreas[cityCode] {
		if r, ok := d.Region(a); ok {
			out = append(out, r)
		}
	}
	return out
}
