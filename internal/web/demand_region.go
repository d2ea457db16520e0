package web

import "patentbridge"

// regionCity is one 市(州) of the demand form's region picker: the city as a
// whole (its code + "00") and then its counties and districts.
type regionCity struct {
	Code     string // 4 digits
	Name     string
	Selected bool // the chosen region is in this city
	Options  []option
}

// regionPicker lists the regions a demand may name, Sichuan's cities and their
// counties (the list the store's patentbridge.RegionList checks), with code
// marked chosen.
func (s *Server) regionPicker(code string) []regionCity {
	if s.Ref == nil {
		return nil
	}
	if len(code) == 4 {
		code += "00"
	}
	var out []regionCity
	for _, c := range s.Ref.Cities(patentbridge.DemandProvinceCode) {
		rc := regionCity{Code: c.CityCode, Name: c.Name}
		whole := c.CityCode + "00"
		rc.Options = append(rc.Options, option{Value: whole, Label: c.Name + "（全市）", Selected: code == whole})
		for _, a := range s.Ref.Areas(c.CityCode) {
			rc.Options = append(rc.Options, option{Value: a.Code, Label: a.Name, Selected: code == a.Code})
		}
		rc.Selected = len(code) == 6 && code[:4] == c.CityCode
		out = append(out, rc)
	}
	return out
}
