package patentbridge

import (
	"regexp"
	"strconv"
	"time"
)

// PatentLawStart is the day China's Patent Law took effect (1985-04-01): no
// patent was implemented as one before it.
var PatentLawStart = time.Date(1985, 4, 1, 0, 0, 0, 0, time.UTC)

// writtenDate matches a date written year first (2024-03-01, 2024.3.1,
// 2024/3/1, 2024年3月1日, 20240301), capturing the year.
var writtenDate = regexp.MustCompile(`^(?:(\d{1,4})[-./年]\d{1,2}[-./月]\d{1,2}日?|(\d{4})\d{4})$`)

// ParseDeclarationSince reads a declaration's 实施起始日期 as written in a form,
// a JSON body or an import cell (ParseDate's forms). Its errors, EINVALID on
// field "since", say what is wrong: a date in the right form but before
// PatentLawStart or too far ahead, a day that does not exist, or a text that is
// no date at all. Declaration.Validate refuses the dates it reads that are
// before PatentLawStart or after today.
func ParseDeclarationSince(raw string) (time.Time, error) {
	t, err := ParseDate(raw)
	if err == nil {
		return t, nil
	}
	m := writtenDate.FindStringSubmatch(raw)
	if m == nil {
		return time.Time{}, FieldErrorf("since", "实施起始日期 %q 无法识别，请按 2024-03-01 的格式填写", ClipValue(raw))
	}
	switch y, _ := strconv.Atoi(m[1] + m[2]); {
	case y < PatentLawStart.Year():
		return time.Time{}, sinceTooEarly(ClipValue(raw))
	case y > 2200:
		return time.Time{}, FieldErrorf("since", "实施起始日期 %s 晚于今天：已实施声明只能登记已经开始的实施", ClipValue(raw))
	}
	return time.Time{}, FieldErrorf("since", "实施起始日期 %s 不存在，请检查月份和日期", ClipValue(raw))
}

// sinceTooEarly is the error for an implementation date before the Patent Law.
func sinceTooEarly(date string) error {
	return FieldErrorf("since", "实施起始日期 %s 早于 %s（专利法施行之日），请填写实际开始实施的日期",
		date, FormatDate(PatentLawStart))
}
