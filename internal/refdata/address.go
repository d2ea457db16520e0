package refdata

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// RegionFromAddress resolves a Chinese postal address to the most specific division it
// names unambiguously: "四川省成都市武侯区一环路南一段24号" -> 510107; "成都市高新区…"
// -> 510100. Addresses may omit the province or use short names (四川, 成都, 凉山州).
func (d *Data) RegionFromAddress(addr string) (Region, bool) {
	s := strings.TrimLeftFunc(strings.Join(strings.Fields(addr), ""), func(r rune) bool {
		return unicode.IsDigit(r) || unicode.IsPunct(r)
	})
	s = strings.TrimPrefix(strings.TrimPrefix(s, "中华人民共和国"), "中国")
	prov, s := d.matchProvince(s)
	city, n := d.matchCity(s, prov)
	if areaCode, an := d.matchArea(s, prov, ""); city == "" || an > n {
		// A district named before any city ("武侯区…", "北京市海淀区…").
		if areaCode != "" {
			return d.Region(areaCode)
		}
	}
	if city != "" {
		if a, _ := d.matchArea(s[n:], prov, city); a != "" {
			return d.Region(a)
		}
		return d.Region(city)
	}
	if prov != "" {
		return d.Region(prov)
	}
	return Region{}, false
}

// matchProvince strips a leading province name (full or short) and returns its code.
func (d *Data) matchProvince(s string) (string, string) {
	t := &d.regions
	for code, name := range t.provinces {
		if strings.HasPrefix(s, name) {
			return code, s[len(name):]
		}
	}
	for short, code := range t.provShort {
		if !strings.HasPrefix(s, short) {
			continue
		}
		// "吉林市…" is a city, "海南州…" an autonomous prefecture: not the province.
		if next, _ := utf8.DecodeRuneInString(s[len(short):]); next == '市' || next == '州' {
			continue
		}
		return code, s[len(short):]
	}
	return "", s
}

// matchCity finds the longest city name at the start of s within the province (any
// province when prov is ""), returning its code and the bytes it spans. A short name
// must be unambiguous and not be the start of a district name ("朝阳区").
func (d *Data) matchCity(s, prov string) (string, int) {
	t := &d.regions
	for _, p := range runePrefixes(s, 12) {
		var found string
		ambiguous := false
		for _, h := range t.names[p] {
			if prov != "" && t.cities[h.code].prov != prov {
				continue
			}
			if h.short {
				if next, _ := utf8.DecodeRuneInString(s[len(p):]); strings.ContainsRune("区县旗路街道镇乡村", next) {
					continue
				}
			}
			if found != "" && found != h.code {
				ambiguous = true
			}
			found = h.code
		}
		if found != "" && !ambiguous {
			return found, len(p)
		}
		if ambiguous {
			return "", 0
		}
	}
	return "", 0
}

// matchArea finds the longest full county/district name at the start of s within the
// city, else the province, else the whole country when unambiguous.
func (d *Data) matchArea(s, prov, city string) (string, int) {
	t := &d.regions
	for _, p := range runePrefixes(s, 12) {
		var found string
		count := 0
		for _, code := range t.areaNames[p] {
			a := t.areas[code]
			if (city != "" && a.city != city) || (prov != "" && a.prov != prov) {
				continue
			}
			found = code
			count++
		}
		if count == 1 {
			return found, len(p)
		}
	}
	return "", 0
}

// runePrefixes returns the prefixes of s of 2..max runes, longest first.
func runePrefixes(s string, max int) []string {
	var ends []int
	n := 0
	for i := range s {
		if n >= 2 {
			ends = append(ends, i)
		}
		n++
		if n > max {
			break
		}
	}
	if n >= 2 && n <= max {
		ends = append(ends, len(s))
	}
	out := make([]string, 0, len(ends))
	for i := len(ends) - 1; i >= 0; i-- {
		out = append(out, s[:ends[i]])
	}
	return out
}

// RegionFromProvinceField resolves an export's 国省代码 cell — "四川(51)", "51",
// "四川省" — to the province.
func (d *Data) RegionFromProvinceField(s string) (Region, bool) {
	s = strings.TrimSpace(s)
	var digits strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits.WriteRune(r)
		} else if r >= '０' && r <= '９' {
			digits.WriteRune(r - '０' + '0')
		}
	}
	if ds := digits.String(); len(ds) >= 2 {
		return d.Region(ds[:2])
	}
	if code, _ := d.matchProvince(s); code != "" {
		return d.Region(code)
	}
	return Region{}, false
}
