package screen

import (
	"strings"
	"testing"

	"patentbridge"
)

func TestDefaultConfig(t *testing.T) {
	c := DefaultConfig()
	if c.Version != "2026.1" || c.RuleVersion != "sleeping-2026.2" || c.Years != 3 {
		t.Fatalf("default %+v", c)
	}
	for _, k := range []patentbridge.Kind{patentbridge.KindInvention, patentbridge.KindUtility, patentbridge.KindPCTInvention, patentbridge.KindPCTUtility} {
		if !strings.Contains(string(defaultConfigJSON), `"`+string(k)+`"`) {
			t.Errorf("kind %s not in scope by default", k)
		}
	}
	if strings.Contains(string(defaultConfigJSON), `"design"`) {
		t.Error("designs are in scope by default")
	}
	if c.GradeShares["A"] != 0.10 || c.GradeShares["D"] != 0.20 || c.Thresholds != nil {
		t.Fatalf("grading %v %v", c.GradeShares, c.Thresholds)
	}
}

func TestLoadConfigRejects(t *testing.T) {
	base := string(defaultConfigJSON)
	tests := []struct {
		name, from, to, field string
	}{
		{"missing version", `"version": "2026.1"`, `"version": ""`, "version"},
		{"unknown kind", `"pct_utility"]`, `"patent"]`, "kinds"},
		{"unknown party type", `"institute"]`, `"school"]`, "institutions.types"},
		{"bad region prefix", `"region_prefixes": []`, `"region_prefixes": ["川"]`, "institutions.region_prefixes"},
		{"years", `"years": 3`, `"years": 0`, "years"},
		{"negative weight", `"claims_count": 1.0`, `"claims_count": -1`, "weights.claims_count"},
		{"missing weight", `"claims_count": 1.0,`, ``, "weights.claims_count"},
		{"unknown weight", `"kind": 1.0,`, `"kind": 1.0, "citations": 1,`, "weights.citations"},
		{"shares do not sum to 1", `"D": 0.20`, `"D": 0.30`, "grade_shares"},
		{"thresholds out of order", `"thresholds": null`, `"thresholds": {"A": 50, "B": 60, "C": 10}`, "thresholds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := strings.Replace(base, tt.from, tt.to, 1)
			if in == base {
				t.Fatalf("test does not change the config: %q", tt.from)
			}
			_, err := LoadConfig(strings.NewReader(in))
			if patentbridge.ErrorCode(err) != patentbridge.EINVALID || patentbridge.ErrorField(err) != tt.field {
				t.Fatalf("got %v, want EINVALID on %s", err, tt.field)
			}
			if msg := patentbridge.ErrorMessage(err); !strings.ContainsFunc(msg, func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) {
				t.Fatalf("message %q is not Chinese", msg)
			}
		})
	}
	t.Run("not JSON", func(t *testing.T) {
		if _, err := LoadConfig(strings.NewReader("{")); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("unknown field", func(t *testing.T) {
		in := strings.Replace(base, `"years": 3`, `"years": 3, "year": 4`, 1)
		if _, err := LoadConfig(strings.NewReader(in)); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("thresholds and names accepted", func(t *testing.T) {
		in := strings.Replace(base, `"thresholds": null`, `"thresholds": {"A": 80, "B": 60, "C": 40}`, 1)
		in = strings.Replace(in, `"names": []`, `"names": ["四川大学 "]`, 1)
		c, err := LoadConfig(strings.NewReader(in))
		if err != nil || c.Thresholds.A != 80 || c.Institutions.Names[0] != "四川大学" {
			t.Fatalf("got %+v, %v", c, err)
		}
	})
}
