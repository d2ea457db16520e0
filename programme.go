package patentbridge

import (
	"strings"
	"time"
)

// Limits of the programme records (events, cases, pilot bases, the 科创板 pipeline).
const (
	ProgrammeTitleMax    = 200     // 活动名称, 项目名称, 标题, 基地名称
	CaseBodyMax          = 10_000  // 正文 (fits the API's 64 KiB body)
	EventParticipantsMax = 100_000 // 参与人数
	EventProjectsMax     = 500     // projects presented at one event
	CaseDealsMax         = 100     // deals one case names
)

// checkRecordDate refuses a missing date, one after today and one before
// PatentLawInForce, naming the template column.
func checkRecordDate(field string, d, today time.Time) (time.Time, error) {
	if d.IsZero() {
		return d, FieldErrorf(field, "请填写%s", field)
	}
	if DateOf(d).After(DateOf(today)) {
		return d, FieldErrorf(field, "%s %s 晚于今天", field, FormatDate(d))
	}
	if err := CheckRecordFloor(field, d); err != nil {
		return d, err
	}
	return DateOf(d), nil
}

// checkTitle trims and checks a required one-line name of a record.
func checkTitle(field string, s *string) error {
	*s = strings.TrimSpace(*s)
	if *s == "" {
		return FieldErrorf(field, "请填写%s", field)
	}
	return CheckText(field, field, *s, ProgrammeTitleMax, false)
}

// ProgrammeFilter selects programme records; zero fields do not filter.
type ProgrammeFilter struct {
	Year          int    // of the record's date (held, published, established, screened)
	City          string // 4-digit 市(州) code
	Kind          string // an EventKind for events, a ListingStage for the pipeline
	Limit, Offset int
}
