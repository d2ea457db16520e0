package patentbridge_test

import (
	"strings"
	"testing"
	"time"

	"patentbridge"
)

func TestDemandValidate(t *testing.T) {
	now := time.Date(2026, 5, 10, 9, 0, 0, 0, time.UTC)
	valid := func() *patentbridge.Demand {
		return &patentbridge.Demand{Title: " 锂电池正极材料低成本制备技术 ", Description: "寻求一种低成本、高循环寿命的磷酸铁锂正极材料制备工艺。",
			Enterprise: "成都某新能源科技有限公司", RegionCode: "510100", BudgetMin: 50, BudgetMax: 200,
			Deadline: time.Date(2026, 5, 10, 0, 0, 0, 0, time.UTC)}
	}
	if err := valid().Validate(now); err != nil {
		t.Fatalf("valid demand rejected: %v", err)
	}
	if d := valid(); d.Validate(now) == nil && d.Title != "锂电池正极材料低成本制备技术" {
		t.Errorf("title not trimmed: %q", d.Title)
	}
	tests := []struct {
		name, field string
		edit        func(d *patentbridge.Demand)
	}{
		{"empty title", "title", func(d *patentbridge.Demand) { d.Title = "  " }},
		{"long title", "title", func(d *patentbridge.Demand) { d.Title = strings.Repeat("需", 101) }},
		{"short description", "description", func(d *patentbridge.Demand) { d.Description = "需要电池技术" }},
		{"no enterprise", "enterprise", func(d *patentbridge.Demand) { d.Enterprise = "" }},
		{"budget inverted", "budget_max", func(d *patentbridge.Demand) { d.BudgetMin, d.BudgetMax = 300, 100 }},
		{"negative budget", "budget_min", func(d *patentbridge.Demand) { d.BudgetMin = -1 }},
		{"absurd budget", "budget_max", func(d *patentbridge.Demand) { d.BudgetMax = 9223372036854775807 }},
		{"control characters in the title", "title", func(d *patentbridge.Demand) { d.Title = "需求\x1b[2J清屏" }},
		{"bidi override in the description", "description", func(d *patentbridge.Demand) { d.Description += "\u202e反转" }},
		{"past deadline", "deadline", func(d *patentbridge.Demand) { d.Deadline = time.Date(2026, 5, 9, 0, 0, 0, 0, time.UTC) }},
		{"region 5 digits", "region_code", func(d *patentbridge.Demand) { d.RegionCode = "51010" }},
		{"region letters", "region_code", func(d *patentbridge.Demand) { d.RegionCode = "51AB" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := valid()
			tt.edit(d)
			err := d.Validate(now)
			if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorField(err) != tt.field {
				t.Fatalf("Validate = %v, want EINVALID on %s", err, tt.field)
			}
		})
	}
	if d := valid(); d.CityCode() != "5101" {
		t.Errorf("CityCode = %q", d.CityCode())
	}
}
