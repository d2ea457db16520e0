package export

import (
	"testing"
	"time"
)

// A publication at 01:00 Beijing time is that Beijing day, not the UTC day before.
func TestDayValueIsTheBeijingDay(t *testing.T) {
	got := dayValue(time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC))
	if want := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC); got != want {
		t.Errorf("dayValue = %v, want %v", got, want)
	}
	if dayValue(time.Time{}) != nil {
		t.Error("the zero time is a day")
	}
}
