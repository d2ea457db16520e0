package patentbridge

import (
	"strconv"
	"strings"
	"time"
)

// RecordFirstYear is the year of PatentLawInForce, the first a programme
// record or a list's 年份 filter may name.
const RecordFirstYear = 1985

// PatentLawInForce is the day the Patent Law of the PRC took effect
// (中华人民共和国专利法施行日, 1985-04-01), before which no programme record
// (deal, loan, filing, event, case, service…) nor licence payment may be dated.
var PatentLawInForce = time.Date(RecordFirstYear, time.April, 1, 0, 0, 0, 0, time.UTC)

// CheckRecordFloor refuses a programme record's day d dated before
// PatentLawInForce, naming field and both dates (EINVALID); a zero d passes
// (whether a date is required is the record's own rule).
func CheckRecordFloor(field string, d time.Time) error { return checkFloorAs(field, field, d) }

// checkFloorAs is CheckRecordFloor for a request field whose date the
// message calls label (a loan act's "date" is its 评估日期, 放款日期…).
func checkFloorAs(field, label string, d time.Time) error {
	if !d.IsZero() && DateOf(d).Before(PatentLawInForce) {
		return FieldErrorf(field, "%s %s 早于专利法施行日 %s", label, FormatDate(DateOf(d)), FormatDate(PatentLawInForce))
	}
	return nil
}

// ParseRecordYear reads a programme list's 年份 filter named field: "" is
// none (0), else a year from RecordFirstYear to 9999 (EINVALID naming field).
func ParseRecordYear(field, v string) (int, error) { return parseYear(field, "年份", v, 9999) }

// parseYear reads a year named field from RecordFirstYear to last, "" being
// none (0); the refusal calls it label. Returns EINVALID naming field.
func parseYear(field, label, v string, last int) (int, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < RecordFirstYear || y > last {
		return 0, FieldErrorf(field, "%s %q 无效：应为 %d–%d 之间的四位年份，如 2026", label, ClipValue(v), RecordFirstYear, last)
	}
	return y, nil
}
