package screen

import (
	"fmt"
	"math"
	"testing"
)

// claimsOnly is a configuration that scores by the claims count alone.
func claimsOnly(t *testing.T) *Config {
	cfg := DefaultConfig()
	for k := range cfg.Weights {
		cfg.Weights[k] = 0
	}
	cfg.Weights["claims_count"] = 2
	return cfg
}

func rawWithClaims(n float32) [NumIndicators]float32 {
	var v [NumIndicators]float32
	v[iClaims] = n
	return v
}

func TestGraderCohortNormalization(t *testing.T) {
	g := NewGrader(claimsOnly(t))
	// Cohort H|g2019: claims 1, 2, 2, 5 -> mean ranks 1, 2.5, 2.5, 4 of 4 -> 0, 0.5, 0.5, 1.
	g.Add("A1", rawWithClaims(1), "H|g2019", "H01M10/00", 2, true)
	g.Add("A2", rawWithClaims(2), "H|g2019", "H01M10/00", 3, true)
	g.Add("A3", rawWithClaims(2), "H|g2019", "H01M4/00", 0, true)
	g.Add("A4", rawWithClaims(5), "H|g2019", "G06F16/00", 1, true)
	// A cohort of one sits in the middle.
	g.Add("B1", rawWithClaims(9), "G|g2019", "G06F16/00", 0, false)
	g.Finish()
	want := map[string]struct {
		norm, score, heat float32
	}{
		"A1": {0, 0, 5}, "A2": {0.5, 50, 5}, "A3": {0.5, 50, 0}, "A4": {1, 100, 1}, "B1": {0.5, 50, 1},
	}
	err := g.Each(2, func(ss []Score) error {
		if len(ss) > 2 {
			t.Fatalf("batch of %d, want at most 2", len(ss))
		}
		for _, s := range ss {
			w := want[s.AppNo]
			if s.Normalized[iClaims] != w.norm || math.Abs(s.Score-float64(w.score)) > 1e-9 || s.Raw[iMarketHeat] != w.heat {
				t.Errorf("%s: norm %v score %v heat %v, want %v %v %v", s.AppNo, s.Normalized[iClaims], s.Score, s.Raw[iMarketHeat], w.norm, w.score, w.heat)
			}
			if len(s.Normalized) != NumIndicators || len(s.Raw) != NumIndicators {
				t.Errorf("%s: vectors of %d and %d", s.AppNo, len(s.Normalized), len(s.Raw))
			}
			// Every indicator other than claims is equal within the cohort, so 0.5.
			if s.Normalized[iForward] != 0.5 {
				t.Errorf("%s: tied indicator normalized to %v, want 0.5", s.AppNo, s.Normalized[iForward])
			}
			if (s.AppNo == "B1") != (s.Grade == "") {
				t.Errorf("%s: grade %q (only sleeping patents are graded)", s.AppNo, s.Grade)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestGraderDistribution(t *testing.T) {
	g := NewGrader(DefaultConfig())
	for i := 0; i < 1500; i++ {
		var v [NumIndicators]float32
		for k := range v {
			v[k] = float32((i*(k+7) + k*k) % 97)
		}
		g.Add(fmt.Sprintf("2019%08d", i), v, fmt.Sprintf("%c|g%d", 'A'+i%8, 2015+i%6), "", 0, i%3 != 2)
	}
	counts := g.Finish()
	want := map[string]int{"A": 100, "B": 300, "C": 400, "D": 200}
	for k, n := range want {
		if counts[k] != n {
			t.Fatalf("grades %v, want %v", counts, want)
		}
	}
	// Grades follow the score: every A scores at least every B, and so on.
	lowest := map[string]float64{"A": 101, "B": 101, "C": 101, "D": 101}
	highest := map[string]float64{"A": -1, "B": -1, "C": -1, "D": -1}
	graded := 0
	g.Each(BatchSize, func(ss []Score) error {
		for _, s := range ss {
			if s.Grade == "" {
				continue
			}
			graded++
			lowest[s.Grade] = min(lowest[s.Grade], s.Score)
			highest[s.Grade] = max(highest[s.Grade], s.Score)
		}
		return nil
	})
	if graded != 1000 {
		t.Fatalf("graded %d, want the 1000 sleeping patents", graded)
	}
	for i := 1; i < len(Grades); i++ {
		if highest[Grades[i]] > lowest[Grades[i-1]] {
			t.Fatalf("grade %s reaches %v above grade %s's lowest %v", Grades[i], highest[Grades[i]], Grades[i-1], lowest[Grades[i-1]])
		}
	}
}

// With every score tied, the application number decides, so grades never depend on order.
func TestGraderTieBreakByAppNo(t *testing.T) {
	g := NewGrader(DefaultConfig())
	for _, i := range []int{7, 3, 9, 1, 5, 0, 8, 2, 6, 4} {
		g.Add(fmt.Sprintf("20191000000%d", i), [NumIndicators]float32{}, "H|g2020", "", 0, true)
	}
	g.Finish()
	grades := map[string]string{}
	g.Each(3, func(ss []Score) error {
		for _, s := range ss {
			grades[s.AppNo] = s.Grade
		}
		return nil
	})
	want := "ABBBCCCCDD"
	for i := 0; i < 10; i++ {
		if got := grades[fmt.Sprintf("20191000000%d", i)]; got != want[i:i+1] {
			t.Fatalf("patent %d graded %s, want %s (all: %v)", i, got, want[i:i+1], grades)
		}
	}
}

func TestGraderThresholds(t *testing.T) {
	cfg := claimsOnly(t)
	cfg.Thresholds = &Thresholds{A: 90, B: 60, C: 30}
	g := NewGrader(cfg)
	for i, c := range []float32{1, 2, 3, 4, 5} { // scores 0, 25, 50, 75, 100
		g.Add(fmt.Sprint(i), rawWithClaims(c), "H|g2020", "", 0, true)
	}
	counts := g.Finish()
	if counts["A"] != 1 || counts["B"] != 1 || counts["C"] != 1 || counts["D"] != 2 {
		t.Fatalf("grades %v, want A1 B1 C1 D2", counts)
	}
}

func TestGradeRule(t *testing.T) {
	cfg := DefaultConfig()
	if got, want := cfg.GradeRule(), "按本批次沉睡专利的评分从高到低划分：A 前 10%、B 其后 30%、C 其后 40%、D 最后 20%"; got != want {
		t.Errorf("shares: %q, want %q", got, want)
	}
	cfg.Thresholds = &Thresholds{A: 80, B: 60, C: 40.5}
	if got, want := cfg.GradeRule(), "按评分的绝对分数线：A ≥ 80 分、B ≥ 60 分、C ≥ 40.5 分，其余为 D"; got != want {
		t.Errorf("thresholds: %q, want %q", got, want)
	}
}
