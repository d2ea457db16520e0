package patentbridge_test

import (
	"testing"
	"time"

	"patentbridge"
)

func TestDeclarationStartNotAfterToday(t *testing.T) {
	today := time.Date(2026, 11, 27, 15, 30, 0, 0, time.UTC)
	decl := func(since string) *patentbridge.Declaration {
		d, err := patentbridge.ParseDate(since)
		if err != nil {
			t.Fatal(err)
		}
		return &patentbridge.Declaration{AppNo: "2022232206652", Kind: patentbridge.DeclImplemented, How: "许可", Since: d}
	}
	for _, since := range []string{"2024-03-01", "2026-11-27"} {
		if err := decl(since).Validate(today); err != nil {
			t.Errorf("implemented since %s (today or before): %v", since, err)
		}
	}
	for _, since := range []string{"2026-11-28", "2030-01-01"} {
		err := decl(since).Validate(today)
		if patentbridge.ErrorField(err) != "since" || patentbridge.ErrorCode(err) != patentbridge.EINVALID {
			t.Errorf("implemented since %s (after today): %v; want EINVALID on since", since, err)
		}
	}
	if got := patentbridge.ErrorMessage(decl("2030-01-01").Validate(today)); got != "实施起始日期 2030-01-01 晚于今天（2026-11-27）：已实施声明只能登记已经开始的实施，请在开始实施后再声明" {
		t.Errorf("message %q", got)
	}
	// A justified reason has no start date to check.
	if err := (&patentbridge.Declaration{AppNo: "2022232206652", Kind: patentbridge.DeclReason, Reason: patentbridge.ReasonSEP}).Validate(today); err != nil {
		t.Errorf("reason: %v", err)
	}
}
