package patentbridge

// Grades lists the screening grades from best to worst (DESIGN §3.5): A means
// "promote first", D "consider not maintaining".
var Grades = []string{"A", "B", "C", "D"}

// CNIPA's five high-value patent flags (高价值发明专利), as stored in results.
const (
	FlagSEI        = "战略性新兴产业"
	FlagOverseas   = "海外同族"
	FlagMaintained = "维持年限超过10年"
	FlagPledge     = "质押融资"
	FlagAward      = "获得国家级奖项"
)

// HighValueFlags lists the high-value flags in display order.
var HighValueFlags = []string{FlagSEI, FlagOverseas, FlagMaintained, FlagPledge, FlagAward}

// Score is the grading outcome for one patent of a screening run: its value
// score, its grade (sleeping patents only) and its indicator vectors in the
// screening engine's indicator order. Raw repeats the first-pass raw vector with
// the run-wide indicator (market heat) filled in; stores keep it in place of the
// first-pass raw values.
type Score struct {
	AppNo      string
	Score      float64 // 0..100
	Grade      string  // A, B, C, D or "" when not sleeping
	Normalized []float32
	Raw        []float32
}
