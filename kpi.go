package patentbridge

import (
	"context"
	"encoding/json"
	"math"
	"strconv"
	"time"
)

// KPIMeasure says which records make an indicator's value for a year.
type KPIMeasure string

// The measures: the records of the year, or those standing at its end.
const (
	MeasureYear  KPIMeasure = "year"  // 当年新增: the records dated in the year
	MeasureStock KPIMeasure = "stock" // 累计/存量: the records standing on the year's last day
)

// KPITargetType says what an indicator's target is.
type KPITargetType string

// The target types of §3.11.
const (
	TargetGrowth   KPITargetType = "growth"   // growth over the previous year, in percent
	TargetAbsolute KPITargetType = "absolute" // a value to reach
)

// KPI is one indicator of the programme's performance evaluation (绩效评价,
// DESIGN §3.11): what it counts, how, and the plan's target.
type KPI struct {
	ID         string        `json:"id"`
	Name       string        `json:"name"`
	Unit       string        `json:"unit"`
	Group      string        `json:"group"`
	Definition string        `json:"definition"` // in Chinese, for the officials who defend the figure
	Measure    KPIMeasure    `json:"measure"`
	TargetType KPITargetType `json:"target_type"`
	// Target is the plan's target (percent for a growth target); 0 means none.
	Target float64 `json:"target,omitempty"`
	// Money marks a value summed from amounts in fen and shown in 万元.
	Money bool `json:"money,omitempty"`
}

// CityTargeted reports whether the plan's target applies to each 市(州) as
// well as to the province: a growth rate does; an absolute province-wide
// figure (10,000 sleeping patents, 1,000 commissioners) does not, unless the
// admin sets one for the city.
func (k KPI) CityTargeted() bool { return k.TargetType == TargetGrowth }

// KPIValue is an indicator's figure for one area and year, beside the
// previous year's, with its growth, target and whether the target is met.
type KPIValue struct {
	ID       string  `json:"id"`
	Value    float64 `json:"value"`
	Previous float64 `json:"previous"`
	// Growth is the percent change over Previous; nil when Previous is zero
	// (New then says whether the value rose from nothing: 新增).
	Growth *float64 `json:"growth"`
	New    bool     `json:"new,omitempty"`
	// Target is the year's target for the area, nil when it has none; Met is
	// nil then too.
	Target *float64 `json:"target"`
	Met    *bool    `json:"met"`
}

// EvaluateKPI computes growth and met for value against previous and target.
// A growth target is met by a growth at least the target, and by any rise
// from zero (新增); an absolute one by a value at least the target.
func EvaluateKPI(k KPI, value, previous float64, target *float64) KPIValue {
	v := KPIValue{ID: k.ID, Value: value, Previous: previous, Target: target}
	if previous != 0 {
		g := math.Round((value-previous)/previous*1000) / 10
		v.Growth = &g
	} else {
		v.New = value > 0
	}
	if target == nil {
		return v
	}
	var met bool
	switch k.TargetType {
	case TargetGrowth:
		met = v.New || (v.Growth != nil && *v.Growth >= *target)
	default:
		met = value >= *target
	}
	v.Met = &met
	return v
}

// GrowthLabel is how pages show a value's growth: "+12.5%", "新增" from a
// zero base, "—" when both years are zero.
func (v KPIValue) GrowthLabel() string {
	switch {
	case v.Growth != nil:
		return signedPercent(*v.Growth)
	case v.New:
		return "新增"
	}
	return "—"
}

// KPIArea is the figures of one area: the province (Code "51") or a 市(州).
type KPIArea struct {
	Code       string     `json:"code"` // "51" or a 6-digit city code such as "510100"
	Name       string     `json:"name"`
	Indicators []KPIValue `json:"indicators"`
}

// Find returns the area's value of indicator id.
func (a KPIArea) Find(id string) (KPIValue, bool) {
	for _, v := range a.Indicators {
		if v.ID == id {
			return v, true
		}
	}
	return KPIValue{}, false
}

// KPIReport is a year's figures for the province and its 21 市(州).
type KPIReport struct {
	Year     int       `json:"year"`
	AsOf     time.Time `json:"as_of"`
	Province KPIArea   `json:"province"`
	Cities   []KPIArea `json:"cities"`
	// Unassigned is the figures of the records whose 市(州) is not known (a
	// deal's receiver without a region code or a registry city): counted in
	// the province, in no city, so that the cities add up to the province.
	Unassigned KPIArea `json:"unassigned"`
}

// KPIRecord is one record behind a figure (the drill-down): a deal, a filing,
// a loan, an organization reached…, with what it adds to the figure.
type KPIRecord struct {
	Kind string `json:"kind"` // deal, filing, loan, patent, supply_list, offer, demand, event, …
	// ID is the record's number; 0 (and no "id" in JSON) for an enterprise
	// counted by its name that is not in the registry (Number: 未入名录).
	ID     int64     `json:"id,omitempty"`
	City   string    `json:"city"` // 4-digit 市(州) code, "" when unknown
	Date   time.Time `json:"date"`
	Title  string    `json:"title"`
	Party  string    `json:"party,omitempty"`
	Amount int64     `json:"amount"` // 1 for a count; fen for a money figure
}

// MarshalJSON gives the record's date as YYYY-MM-DD, its Beijing day.
func (r KPIRecord) MarshalJSON() ([]byte, error) { return r.marshal("") }

// marshal is the record's JSON, with amount_label when label is not "".
func (r KPIRecord) marshal(label string) ([]byte, error) {
	type plain KPIRecord
	return json.Marshal(struct {
		plain
		Date        string `json:"date"`
		AmountLabel string `json:"amount_label,omitempty"`
	}{plain(r), FormatDate(DateOf(r.Date)), label})
}

// KPIRecordItem is a record behind a figure of KPI as the API lists it: the
// record's JSON with amount_label, what it adds in the indicator's unit as
// the pages show it (AmountLabel: "1" for a count, 万元 for a money figure,
// whose amount is in fen).
type KPIRecordItem struct {
	Record *KPIRecord
	KPI    KPI
}

// MarshalJSON gives the record's JSON with its amount_label.
func (i KPIRecordItem) MarshalJSON() ([]byte, error) {
	return i.Record.marshal(i.Record.AmountLabel(i.KPI))
}

// The years a KPI report may be asked for: from RecordFirstYear, the first
// a record may be dated in, to KPILastYear.
const (
	KPIFirstYear = RecordFirstYear
	KPILastYear  = 2100
)

// ParseKPIYear reads a report's year named field (the pages', the API's and
// `report kpi --year`): a whole year from KPIFirstYear to KPILastYear, "" is
// none (0). Returns EINVALID naming field.
func ParseKPIYear(field, v string) (int, error) {
	return parseYear(field, "统计年度", v, KPILastYear)
}

// KPIUnassigned is the area code of the records whose 市(州) is not known.
const KPIUnassigned = "unassigned"

// KPIFilter selects the records of one figure: an indicator, a year and an
// area ("" or "51" for the province, KPIUnassigned, else a 4- or 6-digit
// city code).
type KPIFilter struct {
	ID     string
	Year   int
	City   string
	Limit  int
	Offset int
}

// KPITarget is the admin's target of an indicator for a year and area.
type KPITarget struct {
	ID     string  `json:"id"`
	Year   int     `json:"year"`
	City   string  `json:"city"` // "" for the province, else the 4-digit city code
	Target float64 `json:"target"`
}

// KPIService computes the indicators from the records and keeps the targets.
type KPIService interface {
	// KPIReport computes every indicator for the year, for the province and
	// each 市(州). Returns EINVALID (year).
	KPIReport(ctx context.Context, year int) (*KPIReport, error)
	// KPIRecords returns one page of the records behind a figure and their
	// total, which equals the figure's count. Returns EINVALID (no id, year,
	// city), ENOTFOUND (an unknown id).
	KPIRecords(ctx context.Context, f KPIFilter) ([]*KPIRecord, int, error)
	// SetKPITarget sets (or with remove, clears) an indicator's target for a
	// year and area; admin only, audited. Returns EINVALID, ENOTFOUND,
	// EUNAUTHORIZED, EFORBIDDEN.
	SetKPITarget(ctx context.Context, t KPITarget, remove bool) error
	// PublishKPIReport appends the year's province, city and unassigned
	// figures to the public ledger unless they equal the year's latest
	// publication; admin only, audited. Returns the ledger index. Returns
	// EINVALID, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN.
	PublishKPIReport(ctx context.Context, year int) (int64, error)
}

// signedPercent renders a growth percent with its sign, one decimal at most.
func signedPercent(g float64) string {
	s := strconv.FormatFloat(g, 'f', -1, 64) + "%"
	if g > 0 {
		return "+" + s
	}
	return s
}

// kpiRecordKinds names the kinds of records behind the figures in Chinese.
var kpiRecordKinds = map[string]string{
	"deal": "转移转化（交易）", "filing": "专利产品备案", "loan": "质押贷款", "organization": "企业", "patent": "沉睡专利",
	"supply_list": "供给清单", "offer": "转让/许可信息", "demand": "技术需求", "event": "对接活动", "event_project": "推介项目",
	"commissioner": "知识产权专员", "outlet": "服务机构/网点", "pool": "专利池", "pilot_base": "中试熟化基地",
	"case": "典型案例", "listing": "科创板后备企业",
}

// KPIRecordKindLabel names a kind of record behind a figure in Chinese.
func KPIRecordKindLabel(kind string) string {
	if l, ok := kpiRecordKinds[kind]; ok {
		return l
	}
	return kind
}

// Label is how pages show the value: a count, or 万元 to the fen exactly
// (FormatWan: "500", "100.000001"), so that the cities add up to the
// province and the records behind a money figure, shown by AmountLabel, add
// up to it as shown.
func (v KPIValue) Label(k KPI) string { return KPIFigureLabel(k, v.Value) }

// PreviousLabel is how pages show the previous year's value.
func (v KPIValue) PreviousLabel(k KPI) string { return KPIFigureLabel(k, v.Previous) }

// KPIFigureLabel renders a figure of k (a count, or 万元 as FormatWan writes
// them); a money figure is exact to the fen up to 2^53 fen (9,007,199,254 万元,
// above WanMax).
func KPIFigureLabel(k KPI, x float64) string {
	if !k.Money {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return FormatWan(int64(math.Round(x * FenPerWan)))
}

// AmountLabel is how pages show what the record adds to a figure of k: 1 for
// a count, its fen in 万元 (FormatWan) for a money figure.
func (r KPIRecord) AmountLabel(k KPI) string {
	if k.Money {
		return FormatWan(r.Amount)
	}
	return strconv.FormatInt(r.Amount, 10)
}

// KPIUnregistered is the 编号 pages and reports show for an enterprise
// counted by its name that is not in the registry (its ID is 0).
const KPIUnregistered = "未入名录"

// Number is how pages and reports show the record's 编号: its ID, or for a
// record without one (an enterprise not in the registry) KPIUnregistered,
// never a made-up 0.
func (r KPIRecord) Number() string {
	switch {
	case r.ID > 0:
		return strconv.FormatInt(r.ID, 10)
	case r.Kind == "organization":
		return KPIUnregistered
	}
	return ""
}
