package patentbridge

import (
	"testing"
	"time"
)

func TestFeeReductionPeriodBoundaries(t *testing.T) {
	at := func(s string) time.Time { return day(s).Add(15*time.Hour + 59*time.Minute) } // 23:59 in Beijing
	for _, tc := range []struct {
		name     string
		ol       OpenLicence
		from, to string // "" : no reduction
	}{
		{"draft", OpenLicence{Status: OpenDraft, TermEnd: day("2030-12-31")}, "", ""},
		{"submitted", OpenLicence{Status: OpenSubmitted, TermEnd: day("2030-12-31")}, "", ""},
		{"announced: to the term's last day", OpenLicence{Status: OpenAnnounced, AnnouncedAt: at("2026-11-27"), TermEnd: day("2030-12-31")}, "2026-11-27", "2030-12-31"},
		{"announced on the term's last day", OpenLicence{Status: OpenAnnounced, AnnouncedAt: at("2030-12-31"), TermEnd: day("2030-12-31")}, "2030-12-31", "2030-12-31"},
		{"announced after the term", OpenLicence{Status: OpenAnnounced, AnnouncedAt: at("2031-01-01"), TermEnd: day("2030-12-31")}, "", ""},
		{"withdrawn: to the day before the withdrawal", OpenLicence{Status: OpenWithdrawn, AnnouncedAt: at("2026-11-27"), WithdrawnAt: at("2028-03-01"), TermEnd: day("2030-12-31")}, "2026-11-27", "2028-02-29"},
		{"withdrawn the day after the term", OpenLicence{Status: OpenWithdrawn, AnnouncedAt: at("2026-11-27"), WithdrawnAt: day("2031-01-01"), TermEnd: day("2030-12-31")}, "2026-11-27", "2030-12-31"},
		{"withdrawn on the term's last day", OpenLicence{Status: OpenWithdrawn, AnnouncedAt: at("2026-11-27"), WithdrawnAt: at("2030-12-31"), TermEnd: day("2030-12-31")}, "2026-11-27", "2030-12-30"},
		{"withdrawn the day after it was announced", OpenLicence{Status: OpenWithdrawn, AnnouncedAt: at("2026-11-27"), WithdrawnAt: day("2026-11-28"), TermEnd: day("2030-12-31")}, "2026-11-27", "2026-11-27"},
		{"withdrawn the day it was announced", OpenLicence{Status: OpenWithdrawn, AnnouncedAt: day("2026-11-27"), WithdrawnAt: at("2026-11-27"), TermEnd: day("2030-12-31")}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			from, to, ok := tc.ol.FeeReductionPeriod()
			if tc.from == "" {
				if ok {
					t.Fatalf("reduction %s to %s, want none", FormatDate(from), FormatDate(to))
				}
				return
			}
			if !ok || FormatDate(from) != tc.from || FormatDate(to) != tc.to {
				t.Fatalf("got %s to %s (%v), want %s to %s", FormatDate(from), FormatDate(to), ok, tc.from, tc.to)
			}
			// OpenLicenceInEffect follows the same period, day by day at its ends.
			for d, want := range map[time.Time]bool{from.AddDate(0, 0, -1): false, from: true, to: true, to.AddDate(0, 0, 1): false} {
				if got := OpenLicenceInEffect(&tc.ol, d.Add(12*time.Hour)); got != want {
					t.Errorf("in effect on %s: %v, want %v", FormatDate(d), got, want)
				}
			}
		})
	}
}
