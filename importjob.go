package patentbridge

import (
	"context"
	"fmt"
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
	// CheckComputed counts the rows read whose 申请号 came as an old 8-digit
	// number without its check character, which the platform computed.
	CheckComputed int `json:"check_computed,omitempty"`
}

// RejectHeader is the header line of every reject report (CSV): 文件, 行, 列, 值, 原因.
var RejectHeader = []string{"文件", "行", "列", "值", "原因"}

// Reject is one input row that was not imported, and why.
type Reject struct {
	File   string `json:"file"`
	Line   int    `json:"line"` // 1-based line (CSV) or row (XLSX) number in the file
	Column string `json:"column"`
	Value  string `json:"value"`
	Reason string `json:"reason"` // Chinese, for the operator
}

// States of a background job: an import job or a screening run. A job whose
// process died or was shut down before it finished is interrupted (中断): it
// can be resumed (re-run) or discarded, and nothing of it is served meanwhile.
const (
	JobQueued      = "queued"
	JobRunning     = "running"
	JobInterrupted = "interrupted"
	JobDone        = "done"
	JobFailed      = "failed"
	JobDiscarded   = "discarded" // an interrupted import an admin gave up; its upload is removed
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
	// Upload is the stored upload's path inside the jobs directory; "" once removed.
	Upload string `json:"-"`
	// Owner is the process that runs (or last ran) the job, Attempts how many
	// times a process claimed it, LeaseUntil when its claim runs out unless renewed.
	Owner      string    `json:"owner,omitempty"`
	Attempts   int       `json:"attempts"`
	LeaseUntil time.Time `json:"-"`
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
	// ResumeImportJob queues an interrupted job again, to be re-run from its
	// stored upload. Returns ENOTFOUND, ECONFLICT when the job is not interrupted
	// or its upload is gone.
	ResumeImportJob(ctx context.Context, id int64) (*ImportJob, error)
	// DiscardImportJob gives up an interrupted (or still queued) job and returns
	// it with the upload the caller must remove. Returns ENOTFOUND, ECONFLICT
	// when the job is running or finished.
	DiscardImportJob(ctx context.Context, id int64) (*ImportJob, error)
}

// ImportOptions tunes one import run.
type ImportOptions struct {
	Sheet string // XLSX sheet name; "" means the first sheet
	// Rejects receives the reject report as CSV (RejectHeader: 文件,行,列,值,原因), without
	// a byte order mark (the download and the CLI's file add it), the header and
	// each rejected row's records in one Write each; may be nil.
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
	// ResumeImport re-runs an interrupted job from its stored upload (imports
	// are upserts: rows already written come out unchanged). Returns ENOTFOUND,
	// ECONFLICT when the job is not interrupted or its upload is gone.
	ResumeImport(ctx context.Context, id int64) (*ImportJob, error)
	// DiscardImport gives up an interrupted or queued job and removes its
	// upload. Returns ENOTFOUND, ECONFLICT when the job is running or finished.
	DiscardImport(ctx context.Context, id int64) (*ImportJob, error)
}

// JobDoneWithRejects is the state an import job is shown in (never stored) when
// it finished but rejected rows: 完成，有拒绝行, in amber, not a green 已完成.
const JobDoneWithRejects = "done_rejects"

// DisplayStatus returns the state an import job is shown in: its status, or
// JobDoneWithRejects for a finished import that rejected rows.
func (j *ImportJob) DisplayStatus() string {
	if j.Status == JobDone && j.Summary.Rejected > 0 {
		return JobDoneWithRejects
	}
	return j.Status
}

// StatusLabel returns the Chinese label of an import job's state as pages show
// it: "导入中" while running, and for a finished import that rejected rows
// "完成，有拒绝行（拒绝 3 行，共读取 4 行）".
func (j *ImportJob) StatusLabel() string {
	label := ImportStatusLabel(j.DisplayStatus())
	if j.DisplayStatus() == JobDoneWithRejects {
		label += fmt.Sprintf("（拒绝 %d 行，共读取 %d 行）", j.Summary.Rejected, j.Summary.Read)
	}
	return label
}

// ImportStatusLabel returns the Chinese name of a state an import job is shown
// in (DisplayStatus), without a job's counts: "导入中", "完成，有拒绝行", else
// JobStatusLabel's.
func ImportStatusLabel(display string) string {
	switch display {
	case JobRunning:
		return "导入中"
	case JobDoneWithRejects:
		return "完成，有拒绝行"
	}
	return JobStatusLabel(display)
}

// JobStatusLabel returns the Chinese name of a job state, as the pages show it.
func JobStatusLabel(status string) string {
	switch status {
	case JobQueued:
		return "排队中"
	case JobRunning:
		return "运行中"
	case JobInterrupted:
		return "中断"
	case JobDone:
		return "已完成"
	case JobFailed:
		return "失败"
	case JobDiscarded:
		return "已放弃"
	}
	return status
}
