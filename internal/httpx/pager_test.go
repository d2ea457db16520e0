package httpx_test

import (
	"net/url"
	"strconv"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx"
)

func TestNewPager(t *testing.T) {
	q := url.Values{"q": {"电池"}, "page": {"7"}, "offset": {"3"}, "empty": {""}}
	tests := []struct {
		total, offset int
		numbers       string // the page numbers shown, 0 for a gap
		pastEnd       bool
	}{
		{total: 200, offset: 0, numbers: "1 2 3 0 20"},
		{total: 200, offset: 90, numbers: "1 0 8 9 10 11 12 0 20"},
		{total: 200, offset: 190, numbers: "1 0 18 19 20"},
		{total: 40, offset: 20, numbers: "1 2 3 4"},
		{total: 40, offset: 980, numbers: "1 0 4", pastEnd: true},
		{total: 0, offset: 0, numbers: "1"},
	}
	for _, tt := range tests {
		p := httpx.NewPager("/search", q, tt.total, 10, tt.offset)
		got := ""
		for i, l := range p.Links {
			if i > 0 {
				got += " "
			}
			if l.Gap {
				got += "0"
			} else {
				got += strconv.Itoa(l.Number)
			}
		}
		if got != tt.numbers || p.PastEnd != tt.pastEnd {
			t.Errorf("total %d offset %d: numbers %q past end %v, want %q %v", tt.total, tt.offset, got, p.PastEnd, tt.numbers, tt.pastEnd)
		}
	}
	p := httpx.NewPager("/search", q, 40, 10, 980)
	if p.LastURL != "/search?page=4&q=%E7%94%B5%E6%B1%A0" || p.FirstURL != "/search?page=1&q=%E7%94%B5%E6%B1%A0" || p.PrevURL != "" || p.NextURL != "" {
		t.Errorf("past the end: last %q first %q prev %q next %q", p.LastURL, p.FirstURL, p.PrevURL, p.NextURL)
	}
	if len(p.Hidden) != 1 || p.Hidden[0] != (httpx.HiddenField{Name: "q", Value: "电池"}) {
		t.Errorf("the jump form keeps %v, want only q", p.Hidden)
	}
}

func TestPageOffset(t *testing.T) {
	for _, tt := range []struct {
		query string
		want  int
		field string
	}{
		{"", 0, ""}, {"page=3", 40, ""}, {"offset=15", 15, ""}, {"page=2&offset=99", 20, ""},
		{"page=0", 0, "page"}, {"page=abc", 0, "page"}, {"offset=-1", 0, "offset"},
	} {
		q, _ := url.ParseQuery(tt.query)
		got, err := httpx.PageOffset(q, 20)
		if got != tt.want || patentbridge.ErrorField(err) != tt.field {
			t.Errorf("%q: %d, %v; want %d on field %q", tt.query, got, err, tt.want, tt.field)
		}
	}
}
