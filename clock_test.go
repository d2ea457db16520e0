package patentbridge_test

import (
	"testing"
	"time"

	"patentbridge"
)

func TestParseClockShift(t *testing.T) {
	for in, want := range map[string]time.Duration{"": 0, "2y": 2 * 8766 * time.Hour, "-36h": -36 * time.Hour, " 90m ": 90 * time.Minute} {
		if got, err := patentbridge.ParseClockShift(in); err != nil || got != want {
			t.Errorf("ParseClockShift(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"2 years", "y", "1.5y", "abc"} {
		if _, err := patentbridge.ParseClockShift(in); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
			t.Errorf("ParseClockShift(%q) error = %v, want EINVALID", in, err)
		}
	}
}
