package patentbridge

import (
	"strings"
	"testing"
)

func TestParseSichuanCity(t *testing.T) {
	ok := map[string]string{"5101": "5101", "510100": "5101", "510703": "5107", " 5134 ": "5134", "513401": "5134"}
	for in, want := range ok {
		if got, err := ParseSichuanCity("地区代码", in); err != nil || got != want {
			t.Errorf("ParseSichuanCity(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "9999", "5199", "519900", "5102", "5001", "500100", "51", "51010", "5101000", "成都市", "51o1"} {
		got, err := ParseSichuanCity("地区代码", in)
		if err == nil {
			t.Errorf("ParseSichuanCity(%q) = %q, want an error", in, got)
			continue
		}
		if ErrorField(err) != "地区代码" || !strings.Contains(ErrorMessage(err), "地区代码") {
			t.Errorf("ParseSichuanCity(%q) error = %v (field %q), want it to name 地区代码", in, err, ErrorField(err))
		}
	}
	if n := len(SichuanCities()); n != 21 {
		t.Errorf("SichuanCities has %d cities, want 21", n)
	}
	if SichuanCityName("5107") != "绵阳市" || SichuanCityName("9999") != "" {
		t.Errorf("SichuanCityName(5107, 9999) = %q, %q", SichuanCityName("5107"), SichuanCityName("9999"))
	}
}

func TestRecordCityStoredAsFourDigits(t *testing.T) {
	o := &ServiceOutlet{Name: "网点", Kind: OutletPoint, City: "510700", OpenedOn: day("2025-03-01")}
	if err := o.Validate(day("2026-01-01")); err != nil || o.City != "5107" {
		t.Errorf("outlet 510700: city %q, %v; want 5107", o.City, err)
	}
	o.City = "9999"
	if err := o.Validate(day("2026-01-01")); ErrorField(err) != "所在市(州)" {
		t.Errorf("outlet 9999: %v, want an error naming 所在市(州)", err)
	}
	p := &RiskPool{Name: "池", City: "9999", Leverage: 10, BankShare: 1}
	if err := p.Validate(); ErrorField(err) != "city" || !strings.Contains(ErrorMessage(err), "所属市（州）代码") {
		t.Errorf("pool 9999: %v, want an error naming city", err)
	}
}

func TestDealRegionCode(t *testing.T) {
	for in, want := range map[string]string{"": "", "5107": "510700", "510703": "510703", "500100": "500100", "5001": "500100"} {
		d := validDeal()
		d.ToRegionCode = in
		if err := d.Validate(day("2026-11-27")); err != nil || d.ToRegionCode != want {
			t.Errorf("deal region %q: %q, %v; want %q", in, d.ToRegionCode, err, want)
		}
	}
	for _, in := range []string{"9", "5199", "519900", "51070", "abcdef"} {
		d := validDeal()
		d.ToRegionCode = in
		if err := d.Validate(day("2026-11-27")); ErrorField(err) != "受让方地区代码" {
			t.Errorf("deal region %q: %v, want an error naming 受让方地区代码", in, err)
		}
	}
}
