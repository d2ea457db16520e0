package screen

import "patentbridge"

// Explain turns stored vectors (Indicators order) into labelled indicators with
// the configuration's weights, for "why this grade". A nil or short vector reads
// as zeros; a missing raw value (patentbridge.MissingRaw) gives a Missing indicator.
func (c *Config) Explain(raw, norm []float32) []patentbridge.Indicator {
	out := make([]patentbridge.Indicator, NumIndicators)
	for i, d := range Indicators {
		out[i] = patentbridge.Indicator{Name: d.Name, Group: d.Group, Label: d.Label, Weight: c.Weights[d.Name]}
		var r, n float32
		if i < len(raw) {
			r = raw[i]
		}
		if i < len(norm) {
			n = norm[i]
		}
		out[i].SetValues(r, n)
	}
	return out
}

// Contribution returns each indicator's share of the score in points (0..100 in
// total): 100 × weight × normalized / Σ weights.
func (c *Config) Contribution(ind []patentbridge.Indicator) []float64 {
	sum := 0.0
	for _, d := range Indicators {
		sum += c.Weights[d.Name]
	}
	out := make([]float64, len(ind))
	for i, x := range ind {
		if sum > 0 {
			out[i] = 100 * x.Weight * x.Normalized / sum
		}
	}
	return out
}
