package httpx

import (
	"time"

	"patentbridge"
)

// RunView is the presentation of a screening run: its date, versions and counts.
type RunView struct {
	ID             int64          `json:"run_id"`
	AsOf           string         `json:"as_of"`
	RuleVersion    string         `json:"rule_version"`
	WeightsVersion string         `json:"weights_version"`
	Screened       int            `json:"screened"`
	Sleeping       int            `json:"sleeping"`
	Excluded       map[string]int `json:"excluded"`
	Grades         map[string]int `json:"grades"`
	StartedAt      *time.Time     `json:"started_at,omitempty"`
	FinishedAt     *time.Time     `json:"finished_at,omitempty"`
	Finished       bool           `json:"finished"`
	// Status is the run's state, StatusLabel its Chinese name ("中断" for a
	// run whose process died or was shut down); Error says why it stopped.
	Status      string `json:"status"`
	StatusLabel string `json:"status_label"`
	Error       string `json:"error,omitempty"`
	Owner       string `json:"owner,omitempty"`
	Attempts    int    `json:"attempts"`
	// Active is a queued or running run; CanRerun and CanDiscard tell which
	// of the admin's actions the run allows.
	Active     bool `json:"-"`
	CanRerun   bool `json:"-"`
	CanDiscard bool `json:"-"`
	// ExcludedRows and GradeRows list the counts in display order for pages.
	ExcludedRows []LabelCount `json:"-"`
	GradeRows    []LabelCount `json:"-"`
}

// LabelCount is one labelled figure.
type LabelCount struct {
	Key   string
	Label string
	Count int
}

// NewRunView builds the view of a run.
func NewRunView(r *patentbridge.ScreeningRun) RunView {
	v := RunView{ID: r.ID, AsOf: patentbridge.FormatDate(r.AsOf), RuleVersion: r.RuleVersion,
		WeightsVersion: r.WeightsVersion, Screened: r.Screened, Sleeping: r.Sleeping,
		Excluded: map[string]int{}, Grades: map[string]int{}, Finished: !r.FinishedAt.IsZero(),
		Status: r.Status, StatusLabel: patentbridge.JobStatusLabel(r.Status), Error: r.Error, Owner: r.Owner, Attempts: r.Attempts}
	if v.Status == "" { // a run made without the store's state
		v.Status = patentbridge.JobRunning
		if v.Finished {
			v.Status = patentbridge.JobDone
		}
		v.StatusLabel = patentbridge.JobStatusLabel(v.Status)
	}
	v.Active = v.Status == patentbridge.JobQueued || v.Status == patentbridge.JobRunning
	v.CanRerun = v.Status == patentbridge.JobInterrupted || v.Status == patentbridge.JobFailed
	v.CanDiscard = v.CanRerun || v.Status == patentbridge.JobQueued
	for _, c := range patentbridge.Criteria {
		n := r.Excluded[c]
		v.Excluded[string(c)] = n
		v.ExcludedRows = append(v.ExcludedRows, LabelCount{Key: string(c), Label: c.Label(), Count: n})
	}
	for _, g := range patentbridge.Grades {
		v.Grades[g] = r.Grades[g]
		v.GradeRows = append(v.GradeRows, LabelCount{Key: g, Label: g + "级", Count: r.Grades[g]})
	}
	if !r.StartedAt.IsZero() {
		t := r.StartedAt.UTC()
		v.StartedAt = &t
	}
	if !r.FinishedAt.IsZero() {
		t := r.FinishedAt.UTC()
		v.FinishedAt = &t
	}
	return v
}
