// Package refdata embeds PatentBridge's reference tables: IPC titles (all levels,
// Chinese; English for subclasses), WIPO's 35 technology fields, the strategic
// emerging industries (SEI) concordance, GB/T 4754-2017 and GB/T 2260 divisions.
package refdata

// NOTE: API contract agreed between packages; bodies are filled in by the refdata work.

// IPCNode is one level of an IPC code's hierarchy.
type IPCNode struct {
	Code    string `json:"code"`
	Level   string `json:"level"` // section, class, subclass, main_group, subgroup
	Title   string `json:"title"` // Chinese
	TitleEn string `json:"title_en,omitempty"`
}

// SEIIndustry is one strategic emerging industry (战略性新兴产业) of the 2021 concordance.
type SEIIndustry struct {
	Code      string `json:"code"`       // e.g. "5.1"
	Name      string `json:"name"`       // e.g. "新能源汽车装置、配件制造" or the industry name
	FieldCode string `json:"field_code"` // e.g. "5"
	FieldName string `json:"field_name"` // e.g. "新能源汽车产业"
}

// WIPOField is one of WIPO's 35 technology fields.
type WIPOField struct {
	Nr       int    `json:"nr"`
	Sector   string `json:"sector"`
	Name     string `json:"name"`
	SectorZh string `json:"sector_zh"`
	NameZh   string `json:"name_zh"`
}

// IPCInfo describes one IPC code: its hierarchy with titles and its industries.
type IPCInfo struct {
	Code  string `json:"code"`
	Title string `json:"title"`
	// TitleFrom is set when the scheme gives no title for the code itself (a
	// group of the retired H01L, a subgroup the data lacks): Title is then this
	// nearest titled ancestor's, which pages and the CLI say.
	TitleFrom string        `json:"title_from,omitempty"`
	Level     string        `json:"level"`
	Hierarchy []IPCNode     `json:"hierarchy"` // section first, the code itself last
	SEI       []SEIIndustry `json:"sei"`
	WIPO      *WIPOField    `json:"wipo_field,omitempty"`
}

// Region is a GB/T 2260 division resolved to its province and city.
type Region struct {
	Code         string `json:"code"` // 6 digits
	Name         string `json:"name"`
	CityCode     string `json:"city_code"` // 4 digits
	CityName     string `json:"city_name"`
	ProvinceCode string `json:"province_code"` // 2 digits
	ProvinceName string `json:"province_name"`
}

// LabeledTitle is a real Chinese patent title with its IPC subclasses.
type LabeledTitle struct {
	PublicationNumber string
	Title             string
	Subclasses        []string
	Fold              int
}

// TitleNote says where Title comes from when the scheme has no title for the
// code itself ("分类表未收录本级标题，此为上位 H01L 的标题"); "" otherwise.
func (i IPCInfo) TitleNote() string {
	if i.TitleFrom == "" {
		return ""
	}
	return "分类表未收录本级标题，此为上位 " + i.TitleFrom + " 的标题"
}
