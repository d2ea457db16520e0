package patentbridge

import (
	"strconv"
	"strings"
	"time"
)

// Beijing is China Standard Time (UTC+8, no daylight saving), the zone users
// read times in: pages show instants in it and workbooks give their days in it.
var Beijing = time.FixedZone("CST", 8*3600)

// DateLayout is the one date format of the API, the database and exports.
const DateLayout = "2006-01-02"

// ParseDate reads a date in every form patent exports use: 2021-03-05, 2021.03.05,
// 20210305, 2021/3/5, 2021年3月5日, an RFC 3339 time, or an Excel serial (e.g. 44260).
// Empty, "0" and "-" (and Go's zero time in RFC 3339, 0001-01-01T00:00:00Z) mean no
// date and return the zero time with a nil error. An impossible date (2021-02-30)
// or one outside 1900–2200, in any form, returns EINVALID.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "0" || s == "-" || s == "--" || s == "无" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		if t.IsZero() {
			return time.Time{}, nil
		}
		return inRange(s, time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
	}
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i] // "2021-03-05 00:00:00"
	}
	if isDigits(s) {
		switch {
		case len(s) == 8:
			return ymd(s, s[:4], s[4:6], s[6:])
		case len(s) <= 5:
			n, _ := strconv.Atoi(s)
			if n < 1 || n > 2958465 {
				return time.Time{}, FieldErrorf("", "日期 %q 无法识别", s)
			}
			return inRange(s, excelEpoch.AddDate(0, 0, n))
		}
		return time.Time{}, FieldErrorf("", "日期 %q 无法识别", s)
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > 0 && f < 2958466 {
		return inRange(s, excelEpoch.AddDate(0, 0, int(f)))
	}
	r := strings.NewReplacer("年", "-", "月", "-", "日", "", ".", "-", "/", "-")
	parts := strings.Split(r.Replace(s), "-")
	if len(parts) != 3 {
		return time.Time{}, FieldErrorf("", "日期 %q 无法识别", s)
	}
	return ymd(s, parts[0], parts[1], parts[2])
}

// excelEpoch is day 0 of Excel's 1900 date system (which counts 1900-02-29).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// inRange refuses a day outside the years ymd accepts, so that every date read
// in one form (an Excel serial, RFC 3339) can be written as YYYY-MM-DD and read
// back (serial 0.5 was 1899-12-30, RFC 3339 allowed year 9999).
func inRange(orig string, t time.Time) (time.Time, error) {
	if t.Year() < 1900 || t.Year() > 2200 {
		return time.Time{}, FieldErrorf("", "日期 %q 超出范围（1900年至2200年）", orig)
	}
	return t, nil
}

func ymd(orig, ys, ms, ds string) (time.Time, error) {
	y, err1 := strconv.Atoi(ys)
	m, err2 := strconv.Atoi(ms)
	d, err3 := strconv.Atoi(ds)
	if err1 != nil || err2 != nil || err3 != nil || len(ys) != 4 {
		return time.Time{}, FieldErrorf("", "日期 %q 无法识别", orig)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, FieldErrorf("", "日期 %q 不存在", orig)
	}
	return inRange(orig, t)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// FormatDate renders a date as YYYY-MM-DD, or "" for the zero time.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(DateLayout)
}

// FormatDay renders the Beijing day of an instant as YYYY-MM-DD: at 01:00
// Beijing (17:00 UTC the evening before) it is already the new day.
func FormatDay(t time.Time) string {
	return FormatDate(DateOf(t))
}

// DayStart is the instant a stored date's day (DateOf) begins in Beijing,
// for comparing stored instants with a day's boundary.
func DayStart(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, Beijing)
}
