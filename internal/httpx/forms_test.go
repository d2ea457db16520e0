package httpx_test

import (
	"slices"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// The offer form reads the price in 万元 to the fen, the patents one a line
// or separated, and refuses an unreadable price or TRL at its field; a price
// over the limit is left for Validate to refuse.
func TestOfferFormOffer(t *testing.T) {
	f := httpx.OfferForm{AppNos: "2022232206652\r\n2021108432658，2021112263722", Kind: "transfer", Price: "1.5", TRL: " 7 "}
	o, err := f.Offer()
	if err != nil || o.PriceFen != 1_500_000 || o.TRL != 7 || !slices.Equal(o.AppNos, []string{"2022232206652", "2021108432658", "2021112263722"}) {
		t.Fatalf("Offer = %+v, %v", o, err)
	}
	for _, c := range []struct{ price, trl, field string }{{"1.505", "7", "price"}, {"五十", "7", "price"}, {"50", "7级", "trl"}} {
		if _, err := (httpx.OfferForm{Price: c.price, TRL: c.trl}).Offer(); patentbridge.ErrorField(err) != c.field {
			t.Errorf("price %q trl %q: %v, want field %s", c.price, c.trl, err, c.field)
		}
	}
	o, err = (httpx.OfferForm{Price: "100000.01", TRL: "7"}).Offer()
	if err != nil || o.PriceFen <= patentbridge.OfferPriceMaxFen {
		t.Errorf("over the limit: %+v, %v", o, err)
	}
	o, _ = (httpx.OfferForm{Price: "9999999999999", TRL: "7"}).Offer()
	if o.PriceFen <= patentbridge.OfferPriceMaxFen {
		t.Errorf("a huge price wrapped to %d", o.PriceFen)
	}
}

// The fee inputs give the same terms to the pool form as to the open-licence
// form, dropping those the method does not use; no method is no pool fee.
func TestFeeFormTerms(t *testing.T) {
	in := httpx.FeeForm{Method: "deferred", GraceMonths: "12", ThenMethod: "sales_royalty", Rate: "3.5", ReportMonths: "6", LumpSum: "100"}
	fee, err := in.Terms()
	if err != nil || fee.GraceMonths != 12 || fee.Then == nil || fee.Then.RateBP != 350 || fee.Then.LumpSumFen != 0 || fee.Then.RoyaltyBase != patentbridge.RoyaltyNetSales {
		t.Fatalf("Terms = %+v (then %+v), %v", fee, fee.Then, err)
	}
	ol, err := httpx.OpenLicenceForm{FeeForm: in, TermStart: "2026-01-01", TermEnd: "2027-01-01"}.Declaration()
	if err != nil || ol.Fee.Then == nil || *ol.Fee.Then != *fee.Then || ol.Fee.GraceMonths != fee.GraceMonths {
		t.Errorf("declaration fee %+v, pool form fee %+v (%v)", ol.Fee, fee, err)
	}
	if back := httpx.FeeFormFrom(fee); back.Rate != "3.5" || back.ThenMethod != "sales_royalty" || back.GraceMonths != "12" {
		t.Errorf("FeeFormFrom = %+v", back)
	}
	p, err := httpx.PoolForm{Members: "7\n8", Fee: httpx.FeeForm{Rate: "x"}}.Pool(nil)
	if err != nil || p.Fee != nil || len(p.Members) != 2 || p.Members[1].OrgID != 8 {
		t.Errorf("no method: %+v, %v", p, err)
	}
	if _, err := (httpx.PoolForm{Fee: httpx.FeeForm{Method: "fixed", LumpSum: "三十万"}}).Pool(nil); patentbridge.ErrorField(err) != "lump_sum" {
		t.Errorf("bad lump sum: %v", err)
	}
}
