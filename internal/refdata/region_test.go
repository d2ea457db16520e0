package refdata

import (
	"slices"
	"sync"
	"testing"

	"patentbridge"
)

func TestRegionFromAddress(t *testing.T) {
	tests := []struct {
		addr, code, city string
	}{
		{"四川省成都市武侯区一环路南一段24号", "510107", "成都市"},
		{"成都市高新区天府大道中段1268号", "510100", "成都市"},
		{"610041 四川省成都市", "510100", "成都市"},
		{"四川绵阳游仙区仙人路一段59号", "510704", "绵阳市"},
		{"绵阳市涪城区", "510703", "绵阳市"},
		{"凉山州西昌市航天大道", "513401", "凉山彝族自治州"},
		{"四川省攀枝花市东区机场路10号", "510402", "攀枝花市"},
		{"四川省", "510000", ""},
		{"北京市海淀区中关村大街", "110108", "北京市"},
		{"吉林市船营区", "220204", "吉林市"},
		{"中国四川省宜宾市翠屏区", "511502", "宜宾市"},
	}
	d := Default()
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			r, ok := d.RegionFromAddress(tt.addr)
			if !ok || r.Code != tt.code || r.CityName != tt.city {
				t.Errorf("RegionFromAddress = %+v, %v; want %s in %q", r, ok, tt.code, tt.city)
			}
		})
	}
	for _, addr := range []string{"朝阳区建国路", "东京都港区", ""} {
		if r, ok := d.RegionFromAddress(addr); ok {
			t.Errorf("RegionFromAddress(%q) = %+v, want no match (ambiguous or foreign)", addr, r)
		}
	}
}

func TestRegionCodes(t *testing.T) {
	d := Default()
	tests := []struct{ in, code, name, prov string }{
		{"51", "510000", "四川省", "四川省"},
		{"5101", "510100", "成都市", "四川省"},
		{"510107", "510107", "武侯区", "四川省"},
		{"1101", "110100", "北京市", "北京市"},
	}
	for _, tt := range tests {
		r, ok := d.Region(tt.in)
		if !ok || r.Code != tt.code || r.Name != tt.name || r.ProvinceName != tt.prov {
			t.Errorf("Region(%q) = %+v, %v", tt.in, r, ok)
		}
	}
	for _, in := range []string{"99", "5102", "510199", "5", "abc"} {
		if r, ok := d.Region(in); ok {
			t.Errorf("Region(%q) = %+v, want none", in, r)
		}
	}
	if got := d.CityName("5134"); got != "凉山彝族自治州" {
		t.Errorf("CityName(5134) = %q", got)
	}
}

func TestRegionFromProvinceField(t *testing.T) {
	d := Default()
	for in, want := range map[string]string{"四川(51)": "510000", "河南(41)": "410000", "51": "510000", "四川省": "510000", "广西": "450000"} {
		if r, ok := d.RegionFromProvinceField(in); !ok || r.Code != want {
			t.Errorf("RegionFromProvinceField(%q) = %+v, %v; want %s", in, r, ok, want)
		}
	}
	if r, ok := d.RegionFromProvinceField("日本(JP)"); ok {
		t.Errorf("foreign field resolved to %+v", r)
	}
}

func TestSichuanCities(t *testing.T) {
	cities := Default().Cities("51")
	if len(cities) != 21 {
		t.Fatalf("Sichuan has %d cities, want 21", len(cities))
	}
	if cities[0].Code != "510100" || cities[20].Code != "513400" {
		t.Errorf("cities run %s..%s, want 510100..513400", cities[0].Code, cities[20].Code)
	}
	if areas := Default().Areas("5101"); len(areas) != 20 || areas[0].Name != "锦江区" {
		t.Errorf("成都 has %d areas starting %+v", len(areas), areas[:1])
	}
}

func TestIndustryAndTitles(t *testing.T) {
	d := Default()
	for code, want := range map[string]string{"C": "制造业", "15": "酒、饮料和精制茶制造业", "151": "酒的制造", "1512": "白酒制造", "C1512": "白酒制造"} {
		if got, ok := d.Industry(code); !ok || got != want {
			t.Errorf("Industry(%q) = %q, %v; want %q", code, got, ok, want)
		}
	}
	if _, ok := d.Industry("9999"); ok {
		t.Error("Industry(9999) should not exist")
	}
	titles := d.LabeledTitles()
	if len(titles) != 7798 || titles[0].PublicationNumber != "CN114081026A" || len(titles[0].Subclasses) != 3 {
		t.Errorf("LabeledTitles: %d, first %+v", len(titles), titles[0])
	}
}

func TestDefaultConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, ok := Default().RegionFromAddress("成都市武侯区"); !ok {
				t.Error("concurrent lookup failed")
			}
		}()
	}
	wg.Wait()
}

func TestProvinceRegions(t *testing.T) {
	l := ProvinceRegions{Province: "51"}
	for code, want := range map[string]bool{
		"5101": true, "510100": true, "510107": true, "513437": true, "5134": true,
		"510199": false, "5102": false, "510200": false, "110101": false, "1101": false, "51": false, "5101070": false, "": false,
	} {
		if got := l.HasRegion(code); got != want {
			t.Errorf("HasRegion(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestSichuanCitiesMatchTheTable(t *testing.T) {
	var want []patentbridge.SichuanCity
	for _, c := range Default().Cities(patentbridge.DemandProvinceCode) {
		want = append(want, patentbridge.SichuanCity{Code: c.CityCode, Name: c.CityName})
	}
	if got := patentbridge.SichuanCities(); !slices.Equal(got, want) {
		t.Errorf("patentbridge.SichuanCities() = %v\nwant the table's %v", got, want)
	}
}
