package refdata

import "strings"

// loadIndustry parses GB/T 4754-2017: sections (门类), divisions, groups, classes.
func (d *Data) loadIndustry() error {
	d.industry = make(map[string]string, 1800)
	return eachCSV("gbt4754_2017.csv", func(r []string) error {
		if len(r) < 6 {
			return errShortRow
		}
		code := ""
		switch r[0] {
		case "1":
			code = r[1]
		case "2":
			code = r[2]
		case "3":
			code = r[3]
		case "4":
			code = r[4]
		}
		if code != "" {
			d.industry[code] = r[5]
		}
		return nil
	})
}

// Industry returns the GB/T 4754-2017 name of a section letter ("C") or a 2-, 3- or
// 4-digit code ("13", "131", "1311"); a leading section letter ("C1311") is accepted.
func (d *Data) Industry(code string) (string, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if len(code) > 1 && code[0] >= 'A' && code[0] <= 'T' {
		code = code[1:]
	}
	name, ok := d.industry[code]
	return name, ok
}
