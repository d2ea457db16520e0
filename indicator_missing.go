package patentbridge

import "math"

// NeutralPercentile is the normalized value (0..1) an indicator takes when the
// patent's raw value is unknown (无数据): the middle of the cohort's percentile
// scale, so a missing value neither lifts nor sinks a score, and is never
// counted as a real zero. Known values are ranked among themselves only.
const NeutralPercentile = 0.5

// MissingLabel is what pages show for an unknown indicator value, and
// MissingNote what they say beside it.
const (
	MissingLabel = "无数据"
	MissingNote  = "无数据，按中性值计"
)

// MissingRaw returns the raw value that marks an indicator as unknown in an
// indicator vector (NaN: no real count or score is NaN).
func MissingRaw() float32 { return float32(math.NaN()) }

// IsMissingRaw reports whether a raw vector value marks an unknown indicator.
func IsMissingRaw(v float32) bool { return v != v }

// SetValues fills an indicator's raw and normalized values from stored vector
// values; a missing raw value sets Missing, with Raw 0.
func (x *Indicator) SetValues(raw, norm float32) {
	x.Normalized = float64(norm)
	if IsMissingRaw(raw) {
		x.Raw, x.Missing = 0, true
		return
	}
	x.Raw, x.Missing = float64(raw), false
}

// ClaimsCountMissing reports whether p's claims count is unknown: every
// invention and utility model has at least one claim, so a 0 there means the
// export left the count blank. A design has no claims; its 0 is real.
func (p *Patent) ClaimsCountMissing() bool {
	claimed := p.Kind.IsInvention() || p.Kind == KindUtility || p.Kind == KindPCTUtility
	return claimed && p.ClaimsCount == 0
}

// FamilySizeMissing reports whether p's simple family size is unknown: every
// patent belongs to a family of at least itself, so 0 means not given.
func (p *Patent) FamilySizeMissing() bool { return p.FamilySize == 0 }
