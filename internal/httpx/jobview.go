package httpx

import (
	"bytes"
	"fmt"
	"net/http"
	"time"

	"patentbridge"
)

// JobView is the presentation form of an import job, polled by the job page.
type JobView struct {
	ID          int64  `json:"id"`
	FileName    string `json:"file_name"`
	Status      string `json:"status"`
	StatusLabel string `json:"status_label"`
	// DisplayStatus is the state the page shows (its CSS class job-…): the
	// status, or done_rejects for a finished import that rejected rows.
	DisplayStatus string                     `json:"display_status"`
	Done          bool                       `json:"done"` // finished, successfully or not
	Progress      float64                    `json:"progress"`
	Percent       int                        `json:"percent"`
	Summary       patentbridge.ImportSummary `json:"summary"`
	Error         string                     `json:"error,omitempty"`
	CreatedBy     int64                      `json:"created_by"`
	CreatedAt     time.Time                  `json:"created_at"`
	FinishedAt    *time.Time                 `json:"finished_at,omitempty"`
	RejectsURL    string                     `json:"rejects_url,omitempty"`
	// Owner is the process that runs (or last ran) the job, Attempts how many
	// times a process claimed it.
	Owner    string `json:"owner,omitempty"`
	Attempts int    `json:"attempts"`
	// Interrupted is a job whose process died or was shut down (中断): it can
	// be resumed or discarded, as CanResume and CanDiscard tell.
	Interrupted bool `json:"interrupted"`
	CanResume   bool `json:"can_resume"`
	CanDiscard  bool `json:"can_discard"`
}

// NewJobView builds the view of a job; rejectsURL is a format with one %d for the
// job id, used when the job rejected rows.
func NewJobView(j *patentbridge.ImportJob, rejectsURL string) JobView {
	v := JobView{
		ID: j.ID, FileName: j.FileName, Status: j.Status, StatusLabel: j.StatusLabel(), DisplayStatus: j.DisplayStatus(),
		Done:     j.Status == patentbridge.JobDone || j.Status == patentbridge.JobFailed || j.Status == patentbridge.JobDiscarded,
		Progress: j.Progress, Summary: j.Summary, Error: j.Error,
		CreatedBy: j.CreatedBy, CreatedAt: j.CreatedAt.UTC(), Owner: j.Owner, Attempts: j.Attempts,
		Interrupted: j.Status == patentbridge.JobInterrupted,
	}
	v.CanResume = v.Interrupted && j.Upload != ""
	v.CanDiscard = v.Interrupted || j.Status == patentbridge.JobQueued
	if j.Status == patentbridge.JobDone {
		v.Progress = 1
	}
	v.Percent = int(v.Progress*100 + 0.5)
	if !j.FinishedAt.IsZero() {
		t := j.FinishedAt.UTC()
		v.FinishedAt = &t
	}
	if j.Summary.Rejected > 0 && rejectsURL != "" {
		v.RejectsURL = fmt.Sprintf(rejectsURL, j.ID)
	}
	return v
}

// WriteRejectsCSV sends an import job's reject report as a CSV attachment, with a
// UTF-8 byte order mark so that Excel shows the Chinese reasons correctly.
func WriteRejectsCSV(w http.ResponseWriter, id int64, csv []byte) {
	bom := []byte("\xEF\xBB\xBF")
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="import-%d-rejects.csv"`, id))
	if !bytes.HasPrefix(csv, bom) {
		w.Write(bom)
	}
	w.Write(csv)
}
