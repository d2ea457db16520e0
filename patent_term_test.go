package patentbridge

import (
	"testing"
	"time"
)

func TestLastDayOfTermIsTheDayBeforeTheAnniversary(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(DateLayout, s); return d }
	for _, c := range []struct {
		kind    Kind
		applied string
		want    string
	}{
		{KindInvention, "2005-03-05", "2025-03-04"},
		{KindInvention, "2004-03-01", "2024-02-29"},
		{KindUtility, "2016-01-01", "2025-12-31"},
		{KindDesign, "2021-05-31", "2031-05-30"},
		{KindDesign, "2021-06-01", "2036-05-31"},
	} {
		got := LastDayOfTerm(&Patent{Kind: c.kind, AppDate: day(c.applied)})
		if !got.Equal(day(c.want)) {
			t.Errorf("%s applied %s: last day %s, want %s", c.kind, c.applied, got.Format(DateLayout), c.want)
		}
	}
	if !LastDayOfTerm(&Patent{Kind: KindInvention}).IsZero() {
		t.Error("no application date must give no last day")
	}
}
