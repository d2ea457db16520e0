package refdata

// ProvinceRegions is the list of one province's cities (市、州) and their
// counties and districts, the list a demand's region is picked from
// (it satisfies patentbridge.RegionList).
type ProvinceRegions struct {
	Data     *Data // nil: Default()
	Province string
}

// HasRegion reports whether code names a city of the province (4 digits, or 6
// ending in 00) or one of its counties and districts.
func (p ProvinceRegions) HasRegion(code string) bool {
	d := p.Data
	if d == nil {
		d = Default()
	}
	if len(code) == 6 && code[4:] == "00" {
		code = code[:4]
	}
	if len(code) < 4 || code[:2] != p.Province {
		return false
	}
	if len(code) == 4 {
		c, ok := d.regions.cities[code]
		return ok && c.prov == p.Province && cityNames(c.name) != nil
	}
	a, ok := d.regions.areas[code]
	return ok && len(code) == 6 && a.prov == p.Province
}
