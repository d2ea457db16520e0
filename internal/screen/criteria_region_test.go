package screen

import (
	"context"
	"strings"
	"testing"

	"patentbridge"
)

// registry is the organization registry of the region tests: Sichuan and
// Shaanxi universities, and 四川大学华西医院 (机关团体) under 四川大学.
func registry() []*patentbridge.Organization {
	return []*patentbridge.Organization{
		{ID: 1, Name: "四川大学", Type: patentbridge.PartyUniversity, CityCode: "5101"},
		{ID: 2, Name: "西安交通大学", Type: patentbridge.PartyUniversity, CityCode: "6101", Aliases: []string{"西安交大"}},
		{ID: 3, Name: "四川大学华西医院", Type: patentbridge.PartyGovernment, CityCode: "5101", ParentID: 1},
		{ID: 4, Name: "四川省人民医院", Type: patentbridge.PartyHospital, CityCode: "5101"},
		{ID: 5, Name: "成都某科技有限公司", Type: patentbridge.PartyEnterprise, CityCode: "5101", ParentID: 1},
	}
}

// ownedBy makes p a patent filed and held by one owner, with the region of the export.
func ownedBy(p *patentbridge.Patent, name string, t patentbridge.PartyType, region string) *patentbridge.Patent {
	p.Applicants = []patentbridge.Party{{Name: name, Type: t}}
	p.Patentees = []patentbridge.Party{{Name: name, Type: t}}
	p.RegionCode = region
	return p
}

func TestRegionScope(t *testing.T) {
	asOf := MustDate(t, asOfDate)
	reg := NewRegistry(registry())
	institution := func(p *patentbridge.Patent) (Verdict, patentbridge.CriterionResult) {
		v := Evaluate(DefaultConfig(), p, Facts{Registry: reg}, asOf)
		return v, v.Criteria[1]
	}
	t.Run("the default region is Sichuan", func(t *testing.T) {
		if got := DefaultConfig().Institutions.Regions(); len(got) != 1 || got[0] != "51" {
			t.Fatalf("default screening region %v, want [51]", got)
		}
		if v, c := institution(basePatent(t)); !v.Sleeping {
			t.Fatalf("a 四川大学 patent is not sleeping: %+v", c)
		}
	})
	t.Run("an out-of-province university is never sleeping", func(t *testing.T) {
		v, c := institution(ownedBy(basePatent(t), "西安交通大学", patentbridge.PartyUniversity, "610113"))
		if v.Sleeping || v.ExcludedBy != patentbridge.CritInstitution {
			t.Fatalf("西安交通大学 patent sleeping=%v excluded by %q", v.Sleeping, v.ExcludedBy)
		}
		if want := "权利人 西安交通大学 所在地区 陕西省西安市（机构名录）不在四川省"; c.Evidence != want {
			t.Fatalf("evidence %q, want %q", c.Evidence, want)
		}
	})
	t.Run("the pool counts a patent under its qualifying owner's city", func(t *testing.T) {
		// Co-owned with 西安交通大学 and filed from Xi'an: sleeping through 四川大学, in 成都市.
		p := ownedBy(basePatent(t), "西安交通大学", patentbridge.PartyUniversity, "610113")
		p.Patentees = []patentbridge.Party{{Name: "西安交通大学", Type: patentbridge.PartyUniversity},
			{Name: "四川大学", Type: patentbridge.PartyUniversity}}
		if v, c := institution(p); !v.Sleeping || v.City != "5101" {
			t.Fatalf("sleeping=%v city %q (%q), want sleeping in 5101", v.Sleeping, v.City, c.Evidence)
		}
		if v, _ := institution(ownedBy(basePatent(t), "西安交通大学", patentbridge.PartyUniversity, "610113")); v.City != "" {
			t.Errorf("a patent that fails the criterion has city %q", v.City)
		}
	})
	t.Run("the owner's place counts, not the first applicant's address", func(t *testing.T) {
		// Filed by 西安交通大学 in Xi'an (the export's region), now held by 四川大学.
		p := ownedBy(basePatent(t), "西安交通大学", patentbridge.PartyUniversity, "610113")
		p.Patentees = []patentbridge.Party{{Name: "四川大学", Type: patentbridge.PartyUniversity}}
		if v, c := institution(p); !v.Sleeping || c.Evidence != "当前权利人 四川大学（大专院校）" {
			t.Fatalf("transferred to 四川大学: sleeping=%v %q", v.Sleeping, c.Evidence)
		}
		// Filed in Chengdu by 四川大学, now held by 西安交通大学 (known by its alias).
		p = ownedBy(basePatent(t), "四川大学", patentbridge.PartyUniversity, "510107")
		p.Patentees = []patentbridge.Party{{Name: "西安交大", Type: patentbridge.PartyUniversity}}
		if v, c := institution(p); v.Sleeping || !strings.Contains(c.Evidence, "陕西省西安市（机构名录）不在四川省") {
			t.Fatalf("transferred to 西安交通大学: sleeping=%v %q", v.Sleeping, c.Evidence)
		}
	})
	t.Run("an owner of unknown place is not counted", func(t *testing.T) {
		p := ownedBy(basePatent(t), "某大学", patentbridge.PartyUniversity, "")
		if v, c := institution(p); v.Sleeping || !strings.Contains(c.Evidence, "某大学 所在地区未知") {
			t.Fatalf("owner of no known place: sleeping=%v %q", v.Sleeping, c.Evidence)
		}
		p = ownedBy(basePatent(t), "西安交通大学", patentbridge.PartyUniversity, "610113")
		p.Patentees = []patentbridge.Party{{Name: "某大学", Type: patentbridge.PartyUniversity}}
		want := "权利人 某大学 所在地区 陕西省西安市（据第一申请人地址，机构名录未登记其所在城市）不在四川省"
		if v, c := institution(p); v.Sleeping || c.Evidence != want {
			t.Fatalf("unregistered owner: sleeping=%v %q, want %q", v.Sleeping, c.Evidence, want)
		}
	})
	t.Run("a Sichuan co-owner keeps the patent in scope", func(t *testing.T) {
		p := ownedBy(basePatent(t), "西安交通大学", patentbridge.PartyUniversity, "610113")
		p.Patentees = append(p.Patentees, patentbridge.Party{Name: "四川大学", Type: patentbridge.PartyUniversity})
		if v, c := institution(p); !v.Sleeping || c.Evidence != "当前权利人 四川大学（大专院校），共有人 西安交通大学（大专院校）" {
			t.Fatalf("co-owned with 四川大学: sleeping=%v %q", v.Sleeping, c.Evidence)
		}
	})
	t.Run("a hospital under a university counts as the university", func(t *testing.T) {
		v, c := institution(ownedBy(basePatent(t), "四川大学华西医院", patentbridge.PartyGovernment, "510107"))
		want := "当前权利人 四川大学华西医院（机关团体，上级单位 四川大学 为大专院校，按 四川大学 计）"
		if !v.Sleeping || c.Evidence != want {
			t.Fatalf("华西医院: sleeping=%v %q, want %q", v.Sleeping, c.Evidence, want)
		}
		v, c = institution(ownedBy(basePatent(t), "四川省人民医院", patentbridge.PartyHospital, "510105"))
		if v.Sleeping || c.Evidence != "当前权利人 四川省人民医院 为医院" {
			t.Fatalf("a hospital without a university parent: sleeping=%v %q", v.Sleeping, c.Evidence)
		}
		v, _ = institution(ownedBy(basePatent(t), "成都某科技有限公司", patentbridge.PartyEnterprise, "510107"))
		if v.Sleeping {
			t.Fatal("a university's company counted as the university")
		}
		// Without the registry nobody says whose hospital it is.
		if v := Evaluate(DefaultConfig(), ownedBy(basePatent(t), "四川大学华西医院", patentbridge.PartyGovernment, "510107"), Facts{}, asOf); v.Sleeping {
			t.Fatal("华西医院 sleeping without its parent known")
		}
	})
	t.Run("the platform region and the file's narrower scope", func(t *testing.T) {
		cfg := DefaultConfig()
		if err := cfg.SetRegion("61"); err != nil {
			t.Fatal(err)
		}
		if v := Evaluate(cfg, ownedBy(basePatent(t), "西安交通大学", patentbridge.PartyUniversity, "610113"), Facts{Registry: reg}, asOf); !v.Sleeping {
			t.Fatalf("a Shaanxi platform leaves out 西安交通大学: %+v", v.Criteria[1])
		}
		cfg = DefaultConfig()
		cfg.Institutions.RegionPrefixes = []string{"6101"}
		if err := cfg.Validate(); patentbridge.ErrorField(err) != "institutions.region_prefixes" {
			t.Fatalf("region_prefixes outside the platform region: %v", err)
		}
	})
}

func TestRunReadsTheRegistry(t *testing.T) {
	scu := basePatent(t)
	xjtu := ownedBy(basePatent(t), "西安交通大学", patentbridge.PartyUniversity, "610113")
	xjtu.AppNo = "2019102345679"
	hx := ownedBy(basePatent(t), "四川大学华西医院", patentbridge.PartyGovernment, "510107")
	hx.AppNo = "2019102345680"
	st := newFakeStore(scu, xjtu, hx)
	st.orgs = registry()
	run, err := NewService(st, nil, nil, nil).Run(context.Background(), MustDate(t, asOfDate), nil)
	if err != nil {
		t.Fatal(err)
	}
	if run.Sleeping != 2 || run.Excluded[patentbridge.CritInstitution] != 1 {
		t.Fatalf("sleeping %d, excluded by institution %d; want 2 (四川大学, 华西医院) and 1 (西安交通大学)",
			run.Sleeping, run.Excluded[patentbridge.CritInstitution])
	}
	if r := st.results[run.ID][xjtu.AppNo]; r.Sleeping {
		t.Fatal("西安交通大学's patent stored as sleeping")
	}
}
