package httpx

import (
	"math"
	"strconv"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// Screening statuses of a patent in a run, as shown on pages and in the API.
const (
	ScreenSleeping   = "sleeping"     // 沉睡专利
	ScreenExcluded   = "excluded"     // in scope but implemented or with a justified reason
	ScreenNotInScope = "not_sleeping" // failed an earlier criterion (kind, owner, age, in force)
)

// ScreeningView is the presentation of one screening result: every criterion with
// its evidence, the score and grade with each indicator's share, flags and classes.
type ScreeningView struct {
	RunID             int64           `json:"run_id"`
	Sleeping          bool            `json:"sleeping"`
	Status            string          `json:"status"`
	StatusLabel       string          `json:"status_label"`
	ExcludedBy        string          `json:"excluded_by,omitempty"`
	ExcludedByLabel   string          `json:"excluded_by_label,omitempty"`
	ExclusionEvidence string          `json:"exclusion_evidence,omitempty"`
	Criteria          []CriterionView `json:"criteria"`
	CityCode          string          `json:"city_code,omitempty"` // the city the pool counts it under (ScreeningResult.City)
	CityName          string          `json:"city_name,omitempty"`
	Score             float64         `json:"score"`
	Grade             string          `json:"grade,omitempty"`
	Indicators        []IndicatorView `json:"indicators"`
	Flags             []string        `json:"flags"`
	Classes           ClassesView     `json:"classes"`
}

// CriterionView is one criterion's outcome with Chinese labels.
type CriterionView struct {
	Criterion    string `json:"criterion"`
	Label        string `json:"label"`
	Outcome      string `json:"outcome"`
	OutcomeLabel string `json:"outcome_label"`
	Evidence     string `json:"evidence"`
}

// IndicatorView is one value indicator: raw value, cohort-normalized value (also as
// a percentile), weight and its contribution to the score in points.
type IndicatorView struct {
	Name         string  `json:"name"`
	Group        string  `json:"group"`
	GroupLabel   string  `json:"group_label"`
	Label        string  `json:"label"`
	Raw          float64 `json:"raw"`
	RawText      string  `json:"-"`
	Normalized   float64 `json:"normalized"`
	Percentile   int     `json:"percentile"`
	Weight       float64 `json:"weight"`
	Contribution float64 `json:"contribution"`
	// Missing: the raw value is unknown (RawText 无数据) and the indicator took
	// patentbridge.NeutralPercentile, as Note says beside it.
	Missing bool   `json:"missing"`
	Note    string `json:"note,omitempty"`
}

// ClassesView is a patent's classification with the names of the codes.
type ClassesView struct {
	WIPOFields   []CodeName `json:"wipo_fields"`
	SEI          []CodeName `json:"sei"`
	Sichuan51    []string   `json:"sichuan_5_1"`
	Advantage6   []string   `json:"advantage_6"`
	Agri103      []string   `json:"agri_10_3"`
	Agricultural bool       `json:"agricultural"`
}

// CodeName is a classification code with its Chinese name ("" when unknown).
type CodeName struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

var groupLabels = map[string]string{"legal": "法律", "technical": "技术", "market": "市场"}

// OutcomeLabel returns 符合, 不符合 or 不适用.
func OutcomeLabel(o patentbridge.Outcome) string {
	switch o {
	case patentbridge.Met:
		return "符合"
	case patentbridge.Failed:
		return "不符合"
	}
	return "不适用"
}

// NewScreeningView builds the view of a result; p (may be nil) and ref (may be nil)
// supply the names of the WIPO fields and SEI industries of the patent's IPC codes.
func NewScreeningView(r *patentbridge.ScreeningResult, p *patentbridge.Patent, ref RefData) *ScreeningView {
	v := &ScreeningView{RunID: r.RunID, Sleeping: r.Sleeping, Score: round2(r.Score), Grade: r.Grade,
		Flags: nonNil(r.Flags), Criteria: []CriterionView{}, Indicators: []IndicatorView{},
		CityCode: r.City, CityName: cityName(ref, r.City)}
	switch {
	case r.Sleeping:
		v.Status, v.StatusLabel = ScreenSleeping, "沉睡专利"
	case r.ExcludedBy == patentbridge.CritNotImplemented || r.ExcludedBy == patentbridge.CritNoReason:
		v.Status, v.StatusLabel = ScreenExcluded, "已排除（已实施或有正当理由）"
	default:
		v.Status, v.StatusLabel = ScreenNotInScope, "非沉睡专利"
	}
	if r.ExcludedBy != "" {
		v.ExcludedBy, v.ExcludedByLabel = string(r.ExcludedBy), r.ExcludedBy.Label()
	}
	for _, c := range r.Criteria {
		v.Criteria = append(v.Criteria, CriterionView{Criterion: string(c.Criterion), Label: c.Criterion.Label(),
			Outcome: string(c.Outcome), OutcomeLabel: OutcomeLabel(c.Outcome), Evidence: c.Evidence})
		if c.Criterion == r.ExcludedBy {
			v.ExclusionEvidence = c.Evidence
		}
	}
	sumW := 0.0
	for _, x := range r.Indicators {
		sumW += x.Weight
	}
	for _, x := range r.Indicators {
		iv := IndicatorView{Name: x.Name, Group: x.Group, GroupLabel: groupLabels[x.Group], Label: x.Label,
			Raw: x.Raw, RawText: strconv.FormatFloat(round2(x.Raw), 'f', -1, 64),
			Normalized: x.Normalized, Percentile: int(math.Round(x.Normalized * 100)), Weight: x.Weight, Missing: x.Missing}
		if x.Missing {
			iv.RawText, iv.Note = patentbridge.MissingLabel, patentbridge.MissingNote
		}
		if sumW > 0 {
			iv.Contribution = round2(100 * x.Weight * x.Normalized / sumW)
		}
		v.Indicators = append(v.Indicators, iv)
	}
	v.Classes = newClassesView(r.Classes, p, ref)
	return v
}

// newClassesView names the codes of a classification from the patent's IPC codes.
func newClassesView(c patentbridge.Classification, p *patentbridge.Patent, ref RefData) ClassesView {
	wipo, sei := map[int]string{}, map[string]string{}
	if p != nil && ref != nil {
		for _, code := range p.IPC {
			info, err := ref.IPC(code)
			if err != nil {
				continue
			}
			if info.WIPO != nil {
				wipo[info.WIPO.Nr] = info.WIPO.NameZh
			}
			for _, s := range info.SEI {
				sei[s.Code] = s.Name
				sei[s.FieldCode] = s.FieldName
			}
		}
	}
	if lister, ok := ref.(interface{ SEIIndustries() []refdata.SEIIndustry }); ok && len(c.SEI) > 0 {
		for _, s := range lister.SEIIndustries() {
			sei[s.Code], sei[s.FieldCode] = s.Name, s.FieldName
		}
	}
	v := ClassesView{WIPOFields: []CodeName{}, SEI: []CodeName{}, Sichuan51: nonNil(c.Sichuan51),
		Advantage6: nonNil(c.Advantage6), Agri103: nonNil(c.Agri103), Agricultural: c.Agricultural}
	for _, nr := range c.WIPOFields {
		v.WIPOFields = append(v.WIPOFields, CodeName{Code: strconv.Itoa(nr), Name: wipo[nr]})
	}
	for _, code := range c.SEI {
		v.SEI = append(v.SEI, CodeName{Code: code, Name: sei[code]})
	}
	return v
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }
