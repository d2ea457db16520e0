package httpx_test

import (
	"net/url"
	"testing"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// The market's one filter parser honours soe_shared, refuses values it does
// not understand naming the parameter, and takes price_max as a bound of at
// least 1 万元.
func TestParseOfferFilter(t *testing.T) {
	for query, want := range map[string]patentbridge.OfferFilter{
		"":                                {},
		"soe_shared=1":                    {SOEShared: true},
		"soe_shared=true":                 {SOEShared: true},
		"soe_shared=0":                    {},
		"price_min=10&price_max=50":       {MinFen: 10_0000_00, MaxFen: 50_0000_00},
		"price_max=":                      {},
		"industry_key=sichuan_5_1:电子信息":   {System: "sichuan_5_1", Industry: "电子信息"},
		"city=5101&trl=6&kind=ordinary":   {City: "5101", MinTRL: 6, Kind: patentbridge.OfferOrdinary},
		"city=510104":                     {City: "5101"},
		"org_type=soe&limit=20&offset=40": {OrgType: patentbridge.PartySOE, Limit: 20, Offset: 40},
	} {
		q, _ := url.ParseQuery(query)
		got, err := httpx.ParseOfferFilter(q)
		if err != nil || got != want {
			t.Errorf("ParseOfferFilter(%q) = %+v, %v; want %+v", query, got, err, want)
		}
	}
	for query, field := range map[string]string{
		"soe_shared=yes":            "soe_shared",
		"soe_shared=2":              "soe_shared",
		"price_max=0":               "price_max",
		"price_min=50&price_max=10": "price_max",
		"price_min=-1":              "price_min",
		"price_max=abc":             "price_max",
		"trl=10":                    "trl",
		"city=成都":                   "city",
		"city=51010":                "city",
		"industry_key=电子信息":         "industry_key",
		"limit=x":                   "limit",
	} {
		q, _ := url.ParseQuery(query)
		_, err := httpx.ParseOfferFilter(q)
		if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorField(err) != field {
			t.Errorf("ParseOfferFilter(%q) = %v (field %q), want EINVALID on %s", query, err, patentbridge.ErrorField(err), field)
		}
	}
}
