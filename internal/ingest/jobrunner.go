package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"patentbridge"
)

// JobRunner implements patentbridge.ImportJobRunner: uploads are imported in the
// background one at a time (a queue), so two imports never compete for the
// database writer.
type JobRunner struct {
	// ProgressInterval is the least time between two progress updates of a job.
	ProgressInterval time.Duration

	imp    patentbridge.ImportService
	jobs   patentbridge.ImportJobService
	logger *slog.Logger
	ctx    context.Context // cancelled by Close; independent of any request
	cancel context.CancelFunc

	mu      sync.Mutex
	cond    *sync.Cond
	queue   []*jobTask
	running bool
	closed  bool
	done    chan struct{}
}

var _ patentbridge.ImportJobRunner = (*JobRunner)(nil)

// jobTask is a queued job and the file it imports.
type jobTask struct {
	job  *patentbridge.ImportJob
	path string // the file to import, named like the upload
	dir  string // private temporary directory holding path, removed afterwards
}

// NewJobRunner starts the background worker; call Close to stop it.
func NewJobRunner(imp patentbridge.ImportService, jobs patentbridge.ImportJobService, logger *slog.Logger) *JobRunner {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &JobRunner{ProgressInterval: 500 * time.Millisecond, imp: imp, jobs: jobs, logger: logger,
		ctx: ctx, cancel: cancel, done: make(chan struct{})}
	r.cond = sync.NewCond(&r.mu)
	go r.work()
	return r
}

// StartImport records a queued job for the uploaded file at path, which the runner
// then owns: it is moved to a private directory under the upload's name (so its
// extension tells the format), imported in the background and removed.
// Returns ECONFLICT when the runner is shutting down.
func (r *JobRunner) StartImport(ctx context.Context, userID int64, fileName, path string) (*patentbridge.ImportJob, error) {
	t, err := stageUpload(fileName, path)
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	job := &patentbridge.ImportJob{FileName: fileName, Status: patentbridge.JobQueued, CreatedBy: userID,
		CreatedAt: patentbridge.Now().UTC()}
	r.mu.Lock()
	closed := r.closed
	r.mu.Unlock()
	if closed {
		t.remove()
		return nil, patentbridge.Errorf(patentbridge.ECONFLICT, "服务正在关闭，请稍后重新上传")
	}
	if err := r.jobs.CreateImportJob(ctx, job); err != nil {
		t.remove()
		return nil, err
	}
	t.job = job
	copied := *job
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		r.abandon(t)
		return &copied, nil
	}
	r.queue = append(r.queue, t)
	r.cond.Broadcast()
	return &copied, nil
}

// stageUpload moves the upload into a new temporary directory under its
// original base name; when that fails the file is imported where it is.
func stageUpload(fileName, path string) (*jobTask, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("ingest: uploaded file: %w", err)
	}
	name := filepath.Base(strings.ReplaceAll(fileName, `\`, "/"))
	if name == "." || name == "/" || name == ".." || name == "" {
		name = "upload" + filepath.Ext(path)
	}
	dir, err := os.MkdirTemp("", "patentbridge-import-*")
	if err != nil {
		return &jobTask{path: path}, nil
	}
	dst := filepath.Join(dir, name)
	if err := os.Rename(path, dst); err != nil {
		os.Remove(dir)
		return &jobTask{path: path}, nil
	}
	return &jobTask{path: dst, dir: dir}, nil
}

// remove deletes the task's file and directory.
func (t *jobTask) remove() {
	os.Remove(t.path)
	if t.dir != "" {
		os.RemoveAll(t.dir)
	}
}

// Wait blocks until every queued job has finished.
func (r *JobRunner) Wait() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for len(r.queue) > 0 || r.running {
		r.cond.Wait()
	}
}

// Close interrupts the running import (its committed batches stay; re-importing
// the file completes it), fails the jobs still queued, and waits for the worker.
func (r *JobRunner) Close() error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		<-r.done
		return nil
	}
	r.closed = true
	queued := r.queue
	r.queue = nil
	r.cond.Broadcast()
	r.mu.Unlock()
	for _, t := range queued {
		r.abandon(t)
	}
	r.cancel()
	<-r.done
	return nil
}

// abandon fails a job that never started.
func (r *JobRunner) abandon(t *jobTask) {
	t.job.Status = patentbridge.JobFailed
	t.job.Error = "服务关闭，导入未开始，请重新上传文件"
	t.job.FinishedAt = patentbridge.Now().UTC()
	r.save(t.job)
	t.remove()
}

// work runs queued jobs one at a time until Close.
func (r *JobRunner) work() {
	defer close(r.done)
	for {
		r.mu.Lock()
		for len(r.queue) == 0 && !r.closed {
			r.cond.Wait()
		}
		if r.closed {
			r.mu.Unlock()
			return
		}
		t := r.queue[0]
		r.queue = r.queue[1:]
		r.running = true
		r.mu.Unlock()

		r.run(t)

		r.mu.Lock()
		r.running = false
		r.cond.Broadcast()
		r.mu.Unlock()
	}
}

// save stores the job's state with a context that outlives a shutdown.
func (r *JobRunner) save(j *patentbridge.ImportJob) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.ctx), 10*time.Second)
	defer cancel()
	if err := r.jobs.UpdateImportJob(ctx, j); err != nil {
		r.logger.Error("update import job", "job", j.ID, "err", err)
	}
}

var errPanic = errors.New("ingest: import panicked")
