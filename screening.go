package patentbridge

import (
	"context"
	"time"
)

// Criterion names one test of the sleeping-patent rule (DESIGN §3.4).
type Criterion string

// The criteria, in the order they are evaluated and shown.
const (
	CritKind           Criterion = "kind"                // 专利类型在筛查范围内（默认发明、实用新型）
	CritInstitution    Criterion = "institution"         // 当前权利人为高校或科研院所
	CritGranted3Years  Criterion = "granted_3_years"     // 授权满三年
	CritInForce        Criterion = "in_force"            // 截至筛查日有效
	CritNotImplemented Criterion = "not_implemented"     // 无转让、许可、质押、备案或实施声明
	CritNoReason       Criterion = "no_justified_reason" // 无正当理由登记
)

// Criteria lists every criterion in evaluation order.
var Criteria = []Criterion{CritKind, CritInstitution, CritGranted3Years, CritInForce, CritNotImplemented, CritNoReason}

// Label returns the Chinese name of the criterion.
func (c Criterion) Label() string {
	switch c {
	case CritKind:
		return "专利类型"
	case CritInstitution:
		return "高校院所权利人"
	case CritGranted3Years:
		return "授权满三年"
	case CritInForce:
		return "维持有效"
	case CritNotImplemented:
		return "未实施"
	case CritNoReason:
		return "无正当理由"
	}
	return string(c)
}

// Outcome is how a patent fared on one criterion.
type Outcome string

// Outcomes.
const (
	Met           Outcome = "met"
	Failed        Outcome = "failed"
	NotApplicable Outcome = "n/a" // not evaluated because an earlier criterion decided
)

// CriterionResult is one criterion's outcome with the evidence that decided it,
// in Chinese, e.g. "授权公告日 2023-11-28，不满三年" or "2021-03-01 转让".
type CriterionResult struct {
	Criterion Criterion `json:"criterion"`
	Outcome   Outcome   `json:"outcome"`
	Evidence  string    `json:"evidence"`
}

// Indicator is one value indicator of the initial evaluation (DESIGN §3.5) with its
// raw value, its value normalized within the cohort (0..1) and its weight. A
// Missing indicator has no known raw value (Raw is 0 then) and took
// NeutralPercentile as its normalized value (see indicator_missing.go).
type Indicator struct {
	Name       string  `json:"name"`  // e.g. "claims_count"
	Group      string  `json:"group"` // legal, technical, market
	Label      string  `json:"label"` // Chinese
	Raw        float64 `json:"raw"`
	Normalized float64 `json:"normalized"`
	Weight     float64 `json:"weight"`
	Missing    bool    `json:"missing"`
}

// Classification is a patent's place in the classification systems of DESIGN §3.6.
type Classification struct {
	WIPOFields   []int    `json:"wipo_fields"`
	SEI          []string `json:"sei"`          // SEI industry codes, e.g. "5.2"
	Sichuan51    []string `json:"sichuan_5_1"`  // "5+1": 电子信息, 装备制造, 食品饮料, 先进材料, 能源化工, 数字经济
	Advantage6   []string `json:"advantage_6"`  // 六大优势产业 (2023)
	Agri103      []string `json:"agri_10_3"`    // 农业 "10+3": 川粮油 … 烘干冷链物流
	Agricultural bool     `json:"agricultural"` // 涉农专利
}

// ScreeningResult is what one screening run concluded about one patent.
type ScreeningResult struct {
	RunID      int64             `json:"run_id"`
	AppNo      string            `json:"app_no"`
	Sleeping   bool              `json:"sleeping"`
	ExcludedBy Criterion         `json:"excluded_by,omitempty"` // first failed criterion
	Criteria   []CriterionResult `json:"criteria"`
	// City is the 市(州) (4-digit code) the pool counts the patent under: the
	// city of the institution owner in the platform's region that qualified
	// it, never that of a co-owner elsewhere; "" when unknown. Kept for
	// sleeping and excluded patents only.
	City       string         `json:"city,omitempty"`
	Score      float64        `json:"score"`           // 0..100
	Grade      string         `json:"grade,omitempty"` // A/B/C/D, sleeping patents only
	Indicators []Indicator    `json:"indicators"`
	Flags      []string       `json:"flags"` // CNIPA high-value flags, Chinese labels
	Classes    Classification `json:"classes"`
}

// ScreeningRun is one evaluation of every stored patent as of a date.
type ScreeningRun struct {
	ID             int64             `json:"run_id"`
	AsOf           time.Time         `json:"-"`
	RuleVersion    string            `json:"rule_version"`
	WeightsVersion string            `json:"weights_version"`
	Screened       int               `json:"screened"`
	Sleeping       int               `json:"sleeping"`
	Excluded       map[Criterion]int `json:"excluded"`
	Grades         map[string]int    `json:"grades"`
	StartedAt      time.Time         `json:"started_at"`
	FinishedAt     time.Time         `json:"finished_at"`
	// Status is a job state (JobQueued … JobFailed); only a done run is served.
	Status string `json:"status"`
	// Owner is the process that runs (or last ran) the run, Attempts how many
	// times a process claimed it, Error why it failed or was interrupted.
	Owner      string    `json:"owner,omitempty"`
	Attempts   int       `json:"attempts"`
	Error      string    `json:"error,omitempty"`
	LeaseUntil time.Time `json:"-"`
}

// RunClaim is what a process asks for when it claims a screening run to
// execute: the run (0: the oldest claimable one), the claiming process, how
// many automatic retries an interrupted run gets, and the rule and weights
// versions it will screen with.
type RunClaim struct {
	ID                          int64
	Owner                       string
	Retries                     int
	RuleVersion, WeightsVersion string
}

// ScreeningService runs screenings and answers questions about their results.
type ScreeningService interface {
	// StartScreening queues a run as of asOf, which a background runner of
	// one of the platform's processes claims and runs. Returns ECONFLICT while
	// another run is queued or running.
	StartScreening(ctx context.Context, asOf time.Time) (*ScreeningRun, error)
	// RerunScreening queues an interrupted or failed run again; its partial
	// results are dropped when it starts. Returns ENOTFOUND, ECONFLICT for a
	// run that is queued, running or done, or while another run is active.
	RerunScreening(ctx context.Context, id int64) (*ScreeningRun, error)
	// DiscardScreening deletes an interrupted, failed or queued run with its
	// partial results. Returns ENOTFOUND, ECONFLICT for a running or done run.
	DiscardScreening(ctx context.Context, id int64) error
	// LatestRun returns the most recent finished run. Returns ENOTFOUND.
	LatestRun(ctx context.Context) (*ScreeningRun, error)
	// FindRun returns a run by id, or the latest finished run for id 0. Returns ENOTFOUND.
	FindRun(ctx context.Context, id int64) (*ScreeningRun, error)
	// ListRuns returns the most recent runs, finished or not, newest first.
	ListRuns(ctx context.Context, limit int) ([]*ScreeningRun, error)
	// PatentsChangedSince counts the patents imported or changed after t (the
	// start of a run), which that run's results do not cover yet.
	PatentsChangedSince(ctx context.Context, t time.Time) (int, error)
	// FindScreeningResult returns a patent's result in a run (0: the latest finished
	// run), with score, grade and every indicator's raw value, normalized value and
	// weight. Returns ENOTFOUND.
	FindScreeningResult(ctx context.Context, runID int64, appNo string) (*ScreeningResult, error)
	// GradeBands returns a finished run's grades A to D with how many sleeping
	// patents got each and their lowest and highest score (0: the latest
	// finished run). Returns ENOTFOUND.
	GradeBands(ctx context.Context, runID int64) ([]GradeBand, error)
}

// GradeBand is one grade of a finished run: how many sleeping patents got it and
// the range of their scores, the run's actual cut-offs (zero scores when Count is 0).
type GradeBand struct {
	Grade    string  `json:"grade"`
	Count    int     `json:"count"`
	MinScore float64 `json:"min_score"`
	MaxScore float64 `json:"max_score"`
}
