package screen

import (
	"testing"

	"patentbridge/internal/refdata"
)

// BenchmarkEvaluate measures the first-pass cost of one patent: criteria,
// classification, indicators and flags.
func BenchmarkEvaluate(b *testing.B) {
	ps := synthPatents(b, 1000)
	e := NewEngine(DefaultConfig(), DefaultClassifier(refdata.Default()))
	asOf := MustDate(b, asOfDate)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		e.Assess(ps[i%len(ps)], Facts{}, asOf)
	}
}

// BenchmarkGrader measures the second pass per patent: normalization, scores, grades.
func BenchmarkGrader(b *testing.B) {
	const n = 100000
	b.ReportAllocs()
	for b.Loop() {
		g := NewGrader(DefaultConfig())
		for i := 0; i < n; i++ {
			var v [NumIndicators]float32
			for k := range v {
				v[k] = float32((i*(k+7) + k*k) % 97)
			}
			g.Add("2019100000000", v, string(rune('A'+i%8))+"|g2019", "G06F16/00", i%3, i%2 == 0)
		}
		g.Finish()
		g.Each(BatchSize, func([]Score) error { return nil })
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/patent")
}
