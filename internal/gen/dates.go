package gen

import (
	"strconv"
	"strings"
	"time"
)

// day counts days since 1970-01-01 (UTC); 0 means "no date".
type day int

func dayOf(y int, m time.Month, d int) day {
	return day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func (d day) time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// ymd renders the layout's integer date "20221202", or "0" for no date.
func (d day) ymd() string {
	if d == 0 {
		return "0"
	}
	t := d.time()
	return strconv.Itoa(t.Year()*10000 + int(t.Month())*100 + t.Day())
}

// iso renders "2022-12-02" for event texts.
func (d day) iso() string { return d.time().Format("2006-01-02") }

// year returns the calendar year.
func (d day) year() int { return d.time().Year() }

// addYears moves a date by whole years (anniversaries).
func (d day) addYears(n int) day {
	t := d.time().AddDate(n, 0, 0)
	return day(t.Unix() / 86400)
}

// cutoff is the date the synthetic export was "taken": nothing happens after it.
var cutoff = dayOf(2025, 12, 31)

// firstYear and lastYear bound application dates.
const firstYear, lastYear = 2008, 2025

// joinDays renders a list of dates as "20210301;20220510", or "0" when empty.
func joinDays(ds []day) string {
	if len(ds) == 0 {
		return "0"
	}
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.ymd()
	}
	return strings.Join(parts, ";")
}
