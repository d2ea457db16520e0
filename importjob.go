package patentbridge

import (
	"context"
	"io"
	"time"
)

// ImportSummary is what an import did; its JSON is the `import --json` output.
type ImportSummary struct {
	Files     int     `json:"files"`
	Read      int     `json:"read"`
	Inserted  int     `json:"inserted"`
	Updated   int     `json:"updated"`
	Unchanged int     `json:"unchanged"`
	Rejected  int     `json:"rejected"`
	Seconds   float64 `json:"seconds"`
}

// Reject is one input row that was not imported, and why.
type Reject struct {
	File   string `json:"file"`
	Line   int    `json:"line"` // 1-based line (CSV) or row (XLSX) number in the file
	Column string `json:"column"`
	Value  string `json:"value"`
	Reason string `json:"reason"` // Chinese, for the operator
}

// Import job states.
const (
	JobQueued  = "queued"
	JobRunning = "running"
	JobDone    = "done"
	JobFailed  = "failed"
)

// ImportJob is an import started from the web UI or the API, run in the background.
type ImportJob struct {
	ID         int64         `json:"id"`
	FileName   string        `json:"file_name"`
	Status     string        `json:"status"`
	Summary    ImportSummary `json:"summary"`
	Progress   float64       `json:"progress"` // 0..1, share of the file read
	Error      string        `json:"error,omitempty"`
	CreatedBy  int64         `json:"created_by"`
	CreatedAt  time.Time     `json:"created_at"`
	FinishedAt time.Time     `json:"finished_at"`
}

// ImportJobService records background import jobs and their reject reports.
type ImportJobService interface {
	// CreateImportJob stores a new queued job and sets its ID.
	CreateImportJob(ctx context.Context, j *ImportJob) error
	// UpdateImportJob saves the job's status, summary, progress and error.
	UpdateImportJob(ctx context.Context, j *ImportJob) error
	// FindImportJob returns a job. Returns ENOTFOUND.
	FindImportJob(ctx context.Context, id int64) (*ImportJob, error)
	// ListImportJobs returns the most recent jobs, newest first.
	ListImportJobs(ctx context.Context, limit int) ([]*ImportJob, error)
	// SaveImportRejects stores the job's reject report (CSV bytes).
	SaveImportRejects(ctx context.Context, id int64, csv []byte) error
	// ImportRejects returns the job's reject report. Returns ENOTFOUND.
	ImportRejects(ctx context.Context, id int64) ([]byte, error)
}

// ImportOptions tunes one import run.
type ImportOptions struct {
	Sheet string // XLSX sheet name; "" means the first sheet
	// Rejects receives the reject report as CSV (file,line,column,value,reason); may be nil.
	Rejects io.Writer
	// Progress, when set, is called after each batch with rows read so far and the
	// share (0..1) of the input bytes consumed.
	Progress func(read int, fraction float64)
}

// ImportService reads patent export files into the store.
type ImportService interface {
	// ImportFiles imports every file in order, batch by batch. Bad rows are rejected
	// and reported, good rows land. Returns EINVALID when a file is not a patent
	// export at all (no 申请号 column, unreadable XLSX), before writing anything of it.
	ImportFiles(ctx context.Context, paths []string, opt ImportOptions) (ImportSummary, error)
}

// ImportJobRunner starts imports in the background for the web UI and the API.
type ImportJobRunner interface {
	// StartImport records a job for the uploaded file at path (which the runner
	// then owns and removes) and imports it in the background.
	StartImport(ctx context.Context, userID int64, fileName, path string) (*ImportJob, error)
}
