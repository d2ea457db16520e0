package patentbridge

import (
	"strings"
	"testing"
	"time"
)

// Every programme record's date stops at the Patent Law's day, naming the
// template column and both dates; the list filters take its year on.
func TestRecordFloor(t *testing.T) {
	today := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	day := func(s string) time.Time { d, _ := ParseDate(s); return d }
	if _, err := checkRecordDate("活动日期", day("1985-03-31"), today); ErrorField(err) != "活动日期" ||
		ErrorMessage(err) != "活动日期 1985-03-31 早于专利法施行日 1985-04-01" {
		t.Errorf("an event of 1985-03-31: %v", err)
	}
	if _, err := checkRecordDate("活动日期", day("1985-04-01"), today); err != nil {
		t.Errorf("an event on the Patent Law's day: %v", err)
	}
	f := &ProductFiling{FiledOn: day("1900-01-01")}
	if err := CheckRecordFloor("备案日期", f.FiledOn); ErrorField(err) != "备案日期" || !strings.Contains(ErrorMessage(err), "1900-01-01") {
		t.Errorf("a filing of 1900: %v", err)
	}
	for v, want := range map[string]int{"": 0, "1985": 1985, "1990": 1990, " 2026 ": 2026} {
		if y, err := ParseRecordYear("year", v); err != nil || y != want {
			t.Errorf("year %q: %d %v", v, y, err)
		}
	}
	for _, v := range []string{"1984", "1900", "abc", "10000"} {
		if _, err := ParseRecordYear("year", v); ErrorField(err) != "year" || !strings.Contains(ErrorMessage(err), "1985") {
			t.Errorf("year %q: %v", v, err)
		}
	}
	d := &Deal{ContractDate: day("2025-04-18")}
	if err := d.CheckFiledBefore(day("2025-08-03")); ErrorField(err) != "合同日期" ||
		ErrorMessage(err) != "合同日期 2025-04-18 早于该专利的申请日 2025-08-03" {
		t.Errorf("a deal before its patent's filing: %v", err)
	}
	if err := d.CheckFiledBefore(time.Time{}); err != nil {
		t.Errorf("a deal of a patent not stored: %v", err)
	}
}
