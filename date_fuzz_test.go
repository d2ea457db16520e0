package patentbridge_test

import (
	"strings"
	"testing"
	"time"

	"patentbridge"
)

// FuzzParseDate checks that a date cell is refused with a Chinese reason, read
// as "no date" only for the markers exports use for none, or read as a UTC
// midnight of 1900–2200 whose canonical YYYY-MM-DD form parses back to the same day (so a
// date the importer stores can be read again from any export it writes).
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2021-3-5", "2021年3月5日", "20210305", "44260", "44260.5", "2021-03-05T08:00:00+08:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := patentbridge.ParseDate(s)
		if err != nil {
			mustChineseError(t, err, "日期")
			return
		}
		if d.IsZero() {
			switch strings.TrimSpace(s) {
			case "", "0", "-", "--", "无":
				return
			}
			if zero, err := time.Parse(time.RFC3339, strings.TrimSpace(s)); err == nil && zero.IsZero() {
				return // Go's zero time, as JSON from Go programs writes "no date"
			}
			t.Fatalf("%q: read as no date", s)
		}
		if d.Location().String() != "UTC" || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("%q -> %v: not a UTC midnight", s, d)
		}
		canon := patentbridge.FormatDate(d)
		for _, form := range []string{canon, strings.ReplaceAll(canon, "-", ""), d.Format("2006年1月2日"), d.Format("2006/1/2")} {
			if d2, err := patentbridge.ParseDate(form); err != nil || !d2.Equal(d) {
				t.Fatalf("%q -> %s, but %q -> %v %v", s, canon, form, d2, err)
			}
		}
	})
}
