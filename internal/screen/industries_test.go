package screen

import (
	"slices"
	"testing"

	"patentbridge"
)

// TestMappingHoldsTheRootIndustries keeps the embedded Sichuan mapping and the
// domain's list of industries (what filters and pages offer) the same.
func TestMappingHoldsTheRootIndustries(t *testing.T) {
	for _, s := range append(slices.Clone(Systems), SystemAgricultural) {
		if got, want := MappingIndustries(s), patentbridge.Industries(s); !slices.Equal(got, want) {
			t.Errorf("mapping's %s industries = %v, the domain lists %v", s, got, want)
		}
		if patentbridge.SystemLabel(s) == "" {
			t.Errorf("system %q has no label", s)
		}
	}
	if got := MappingIndustries("nonsense"); got != nil {
		t.Errorf("MappingIndustries(nonsense) = %v", got)
	}
}
