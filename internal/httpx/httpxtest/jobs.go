package httpxtest

import (
	"bytes"
	"context"
	"os"
	"sort"
	"sync"

	"patentbridge"
)

// ImportJobService is an in-memory patentbridge.ImportJobService.
type ImportJobService struct {
	mu      sync.Mutex
	jobs    map[int64]*patentbridge.ImportJob
	rejects map[int64][]byte
	nextID  int64
}

// NewImportJobService returns an empty job store.
func NewImportJobService() *ImportJobService {
	return &ImportJobService{jobs: map[int64]*patentbridge.ImportJob{}, rejects: map[int64][]byte{}}
}

// CreateImportJob stores a copy of the job and sets its ID.
func (s *ImportJobService) CreateImportJob(ctx context.Context, j *patentbridge.ImportJob) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	j.ID = s.nextID
	if j.CreatedAt.IsZero() {
		j.CreatedAt = patentbridge.Now()
	}
	c := *j
	s.jobs[j.ID] = &c
	return nil
}

// UpdateImportJob saves a copy of the job.
func (s *ImportJobService) UpdateImportJob(ctx context.Context, j *patentbridge.ImportJob) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.jobs[j.ID]; !ok {
		return patentbridge.Errorf(patentbridge.ENOTFOUND, "导入任务 %d 不存在", j.ID)
	}
	c := *j
	s.jobs[j.ID] = &c
	return nil
}

// FindImportJob returns a copy of the job or ENOTFOUND.
func (s *ImportJobService) FindImportJob(ctx context.Context, id int64) (*patentbridge.ImportJob, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	j, ok := s.jobs[id]
	if !ok {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "导入任务 %d 不存在", id)
	}
	c := *j
	return &c, nil
}

// ListImportJobs returns the most recent jobs, newest first.
func (s *ImportJobService) ListImportJobs(ctx context.Context, limit int) ([]*patentbridge.ImportJob, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*patentbridge.ImportJob
	for _, j := range s.jobs {
		c := *j
		out = append(out, &c)
	}
	sort.Slice(out, func(i, k int) bool { return out[i].ID > out[k].ID })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// SaveImportRejects stores the job's reject report.
func (s *ImportJobService) SaveImportRejects(ctx context.Context, id int64, csv []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rejects[id] = csv
	return nil
}

// ImportRejects returns the job's reject report or ENOTFOUND.
func (s *ImportJobService) ImportRejects(ctx context.Context, id int64) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.rejects[id]
	if !ok {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "导入任务 %d 没有拒绝记录", id)
	}
	return b, nil
}

// ImportRunner is a patentbridge.ImportJobRunner that runs the import at once,
// in the caller's goroutine, and remembers each uploaded file's content.
type ImportRunner struct {
	Jobs *ImportJobService
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
