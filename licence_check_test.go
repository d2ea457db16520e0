package patentbridge_test

import (
	"testing"
	"time"

	"patentbridge"
)

func TestPaymentNotDatedBeforeTheLicence(t *testing.T) {
	pay := func(on string) *patentbridge.LicencePayment {
		return &patentbridge.LicencePayment{AmountFen: 100, PaidOn: d(on), Reference: "BOC-1"}
	}
	today := d("2026-12-03")
	open := &patentbridge.Licence{Kind: patentbridge.LicenceOpen, NoticeAt: d("2026-11-27").Add(15 * time.Hour)}
	pool := &patentbridge.Licence{Kind: patentbridge.LicenceOrdinary, PoolID: 4, NoticeAt: d("2026-11-27")}
	for _, l := range []*patentbridge.Licence{open, pool} {
		if err := pay("2000-01-01").Check(l, today); patentbridge.ErrorField(err) != "paid_on" {
			t.Errorf("a payment of 2000 on a licence noticed in 2026: %v", err)
		}
		if err := pay("2026-11-26").Check(l, today); patentbridge.ErrorField(err) != "paid_on" {
			t.Errorf("the day before the notice: %v", err)
		}
		if err := pay("2026-11-27").Check(l, today); err != nil {
			t.Errorf("the day of the notice: %v", err)
		}
	}
	registered := &patentbridge.Licence{Kind: patentbridge.LicenceExclusive, TermStart: d("2020-01-01")}
	if err := pay("2000-01-01").Check(registered, today); err != nil {
		t.Errorf("a registered licence paid long ago: %v", err)
	}
	if err := pay("1985-03-31").Check(registered, today); patentbridge.ErrorField(err) != "paid_on" {
		t.Errorf("a payment before the Patent Law: %v", err)
	}
}
