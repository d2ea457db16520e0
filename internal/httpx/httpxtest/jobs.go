package httpxtest

import (
	"bytes"
	"context"
	"os"
	"sync"

	"patentbridge"
)

// ImportRunner is a patentbridge.ImportJobRunner that runs the import at once,
// in the caller's goroutine, and remembers each uploaded file's content.
type ImportRunner struct {
	Jobs patentbridge.ImportJobService
	// Import decides the outcome from the uploaded bytes; nil counts every line
	// after the header as read and inserted.
	Import func(content []byte) (patentbridge.ImportSummary, []byte, error)

	mu      sync.Mutex
	uploads map[int64][]byte
}

// Upload returns the content a job received.
func (r *ImportRunner) Upload(id int64) []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.uploads[id]
}

// StartImport records the job, reads and removes the file, and finishes the job.
func (r *ImportRunner) StartImport(ctx context.Context, userID int64, fileName, path string) (*patentbridge.ImportJob, error) {
	content, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	os.Remove(path)
	j := &patentbridge.ImportJob{FileName: fileName, Status: patentbridge.JobQueued, CreatedBy: userID}
	if err := r.Jobs.CreateImportJob(ctx, j); err != nil {
		return nil, err
	}
	r.mu.Lock()
	if r.uploads == nil {
		r.uploads = map[int64][]byte{}
	}
	r.uploads[j.ID] = content
	r.mu.Unlock()
	run := r.Import
	if run == nil {
		run = countLines
	}
	sum, rejects, err := run(content)
	j.Summary, j.Progress, j.Status, j.FinishedAt = sum, 1, patentbridge.JobDone, patentbridge.Now()
	if err != nil {
		j.Status, j.Error = patentbridge.JobFailed, patentbridge.ErrorMessage(err)
	}
	if len(rejects) > 0 {
		r.Jobs.SaveImportRejects(ctx, j.ID, rejects)
	}
	return j, r.Jobs.UpdateImportJob(ctx, j)
}

func countLines(content []byte) (patentbridge.ImportSummary, []byte, error) {
	n := 0
	for i, l := range bytes.Split(bytes.TrimSpace(content), []byte("\n")) {
		if i > 0 && len(bytes.TrimSpace(l)) > 0 {
			n++
		}
	}
	return patentbridge.ImportSummary{Files: 1, Read: n, Inserted: n}, nil, nil
}
