package patentbridge_test

import (
	"testing"

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
