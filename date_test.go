package patentbridge_test

import (
	"testing"
	"time"

	"patentbridge"
)

func TestParseDate(t *testing.T) {
	for _, in := range []string{"2021-03-05", "2021.03.05", "20210305", "2021/3/5", "2021-3-5",
		"2021年3月5日", "2021-03-05 00:00:00", "2021-03-05T08:00:00+08:00", "44260", "44260.0"} {
		t.Run(in, func(t *testing.T) {
			d, err := patentbridge.ParseDate(in)
			if err != nil {
				t.Fatal(err)
			}
			if got := patentbridge.FormatDate(d); got != "2021-03-05" {
				t.Fatalf("got %s", got)
			}
		})
	}
	for _, none := range []string{"", " ", "0", "-"} {
		if d, err := patentbridge.ParseDate(none); err != nil || !d.IsZero() {
			t.Fatalf("%q: want no date, got %v %v", none, d, err)
		}
	}
	for _, bad := range []string{"2021-02-30", "20211301", "2021.13.01", "abc", "2021-03", "123456789"} {
		if _, err := patentbridge.ParseDate(bad); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
			t.Fatalf("%q: want EINVALID, got %v", bad, err)
		}
	}
	if d, _ := patentbridge.ParseDate("2024-02-29"); patentbridge.FormatDate(d) != "2024-02-29" {
		t.Fatal("leap day rejected")
	}
}

// A real date outside 1900–2200, in any form, is refused as out of range, not
// as a date that does not exist; an impossible one still does not exist.
func TestParseDateOutOfRange(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"1899-01-01", `日期 "1899-01-01" 超出范围（1900年至2200年）`},
		{"18991231", `日期 "18991231" 超出范围（1900年至2200年）`},
		{"2201年1月1日", `日期 "2201年1月1日" 超出范围（1900年至2200年）`},
		{"1899-02-30", `日期 "1899-02-30" 不存在`},
		{"2021-02-30", `日期 "2021-02-30" 不存在`},
	} {
		_, err := patentbridge.ParseDate(tc.in)
		if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorMessage(err) != tc.want {
			t.Errorf("ParseDate(%q) = %v, want %s", tc.in, err, tc.want)
		}
	}
	for _, in := range []string{"1900-01-01", "2200-12-31"} {
		if d, err := patentbridge.ParseDate(in); err != nil || patentbridge.FormatDate(d) != in {
			t.Errorf("ParseDate(%q) = %v, %v", in, d, err)
		}
	}
}

// The day of an instant is its Beijing day: 07:30 in Beijing on 3 December is
// still 2 December in UTC, but the programme's day is the 3rd; a stored date
// and a Beijing midnight are their own day.
func TestDateOfIsTheBeijingDay(t *testing.T) {
	for _, tt := range []struct {
		in   time.Time
		want string
	}{
		{time.Date(2026, 12, 2, 23, 30, 0, 0, time.UTC), "2026-12-03"},
		{time.Date(2026, 12, 3, 15, 59, 0, 0, time.UTC), "2026-12-03"},
		{time.Date(2026, 12, 3, 16, 0, 0, 0, time.UTC), "2026-12-04"},
		{time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC), "2026-12-03"},
		{time.Date(2026, 12, 3, 0, 0, 0, 0, patentbridge.Beijing), "2026-12-03"},
	} {
		if got := patentbridge.DateOf(tt.in); patentbridge.FormatDate(got) != tt.want || got.Location() != time.UTC {
			t.Errorf("patentbridge.DateOf(%v) = %v, want %s", tt.in, got, tt.want)
		}
	}
}
