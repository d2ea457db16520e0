package ingest

import (
	"context"
	"sync"
	"testing"

	"patentbridge"
)

// fakeJobs is an in-memory JobStore: claims, leases and states as the
// database keeps them, without the clock (no lease ever runs out by itself).
type fakeJobs struct {
	mu      sync.Mutex
	jobs    map[int64]patentbridge.ImportJob
	states  map[int64][]string // every status saved, in order
	rejects map[int64][]byte
}

var _ JobStore = (*fakeJobs)(nil)

func newFakeJobs() *fakeJobs {
	return &fakeJobs{jobs: map[int64]patentbridge.ImportJob{}, states: map[int64][]string{}, rejects: map[int64][]byte{}}
}

func (f *fakeJobs) set(j patentbridge.ImportJob) {
	f.jobs[j.ID] = j
	f.states[j.ID] = append(f.states[j.ID], j.Status)
}

func (f *fakeJobs) CreateImportJob(ctx context.Context, j *patentbridge.ImportJob) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	j.ID = int64(len(f.jobs) + 1)
	f.set(*j)
	return nil
}

func (f *fakeJobs) UpdateImportJob(ctx context.Context, j *patentbridge.ImportJob) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if was := f.jobs[j.ID]; j.Owner != "" && (was.Owner != j.Owner || was.Status != patentbridge.JobRunning) {
		return patentbridge.Errorf(patentbridge.ECONFLICT, "lost")
	}
	c := *j
	if c.Status == patentbridge.JobDone || c.Status == patentbridge.JobFailed {
		c.Upload = ""
	}
	f.set(c)
	return nil
}

func (f *fakeJobs) FindImportJob(ctx context.Context, id int64) (*patentbridge.ImportJob, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	j, ok := f.jobs[id]
	if !ok {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "导入任务不存在")
	}
	return &j, nil
}

func (f *fakeJobs) ListImportJobs(ctx context.Context, limit int) ([]*patentbridge.ImportJob, error) {
	return nil, nil
}

func (f *fakeJobs) SaveImportRejects(ctx context.Context, id int64, csv []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rejects[id] = append([]byte(nil), csv...)
	return nil
}

func (f *fakeJobs) ImportRejects(ctx context.Context, id int64) ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.rejects[id], nil
}

func (f *fakeJobs) ClaimImportJob(ctx context.Context, owner string, retries int, usable func(*patentbridge.ImportJob) bool) (*patentbridge.ImportJob, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for id := int64(1); id <= int64(len(f.jobs)); id++ {
		j := f.jobs[id]
		ok := j.Status == patentbridge.JobQueued || (j.Status == patentbridge.JobInterrupted && j.Attempts <= retries)
		if !ok || j.Upload == "" || (usable != nil && !usable(&j)) {
			continue
		}
		j.Status, j.Owner, j.Error = patentbridge.JobRunning, owner, ""
		j.Attempts++
		f.set(j)
		return &j, nil
	}
	return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "none")
}

func (f *fakeJobs) RenewImportJob(ctx context.Context, id int64, owner string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if j := f.jobs[id]; j.Owner != owner || j.Status != patentbridge.JobRunning {
		return patentbridge.Errorf(patentbridge.ECONFLICT, "lost")
	}
	return nil
}

func (f *fakeJobs) InterruptAbandonedImports(ctx context.Context, dead func(string) bool) ([]int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var ids []int64
	for id, j := range f.jobs {
		if j.Status == patentbridge.JobRunning && dead != nil && dead(j.Owner) {
			j.Status, j.Error = patentbridge.JobInterrupted, "进程已停止"
			f.set(j)
			ids = append(ids, id)
		}
	}
	return ids, nil
}

func (f *fakeJobs) ReleaseImportJobs(ctx context.Context, owner string) ([]int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var ids []int64
	for id, j := range f.jobs {
		if j.Status == patentbridge.JobRunning && j.Owner == owner {
			j.Status, j.Error = patentbridge.JobInterrupted, "导入因服务关闭而中断"
			j.Attempts--
			f.set(j)
			ids = append(ids, id)
		}
	}
	return ids, nil
}

func (f *fakeJobs) ResumeImportJob(ctx context.Context, id int64) (*patentbridge.ImportJob, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	j, ok := f.jobs[id]
	if !ok || j.Status != patentbridge.JobInterrupted {
		return nil, patentbridge.Errorf(patentbridge.ECONFLICT, "not interrupted")
	}
	j.Status = patentbridge.JobQueued
	f.set(j)
	return &j, nil
}

func (f *fakeJobs) DiscardImportJob(ctx context.Context, id int64) (*patentbridge.ImportJob, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	j, ok := f.jobs[id]
	if !ok || (j.Status != patentbridge.JobInterrupted && j.Status != patentbridge.JobQueued) {
		return nil, patentbridge.Errorf(patentbridge.ECONFLICT, "not interrupted")
	}
	out := j
	j.Status, j.Upload = patentbridge.JobDiscarded, ""
	f.set(j)
	return &out, nil
}

func (f *fakeJobs) ImportUploadsInUse(ctx context.Context) (map[string]bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]bool{}
	for _, j := range f.jobs {
		if j.Upload != "" {
			out[j.Upload] = true
		}
	}
	return out, nil
}

// jobDirEntries lists the jobs directory of a runner.
func jobDirEntries(tb testing.TB, r *JobRunner) []string {
	tb.Helper()
	es, err := readDirNames(r.o.Dir)
	if err != nil {
		tb.Fatal(err)
	}
	return es
}
