package refdata

// RegionCodes answers region questions with bare GB/T 2260 codes, the form the
// importer stores (it satisfies ingest.Regions).
type RegionCodes struct{ *Data }

// RegionFromProvinceField returns the code of an export's 国省代码 value.
func (r RegionCodes) RegionFromProvinceField(s string) (string, bool) {
	reg, ok := r.Data.RegionFromProvinceField(s)
	return reg.Code, ok
}

// RegionFromAddress returns the code of the region an address names.
func (r RegionCodes) RegionFromAddress(addr string) (string, bool) {
	reg, ok := r.Data.RegionFromAddress(addr)
	return reg.Code, ok
}
