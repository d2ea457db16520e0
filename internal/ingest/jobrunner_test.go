package ingest

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"patentbridge"
)

// fakeJobs is an in-memory ImportJobService.
type fakeJobs struct {
	mu      sync.Mutex
	jobs    map[int64]patentbridge.ImportJob
	states  map[int64][]string // every status saved, in order
	rejects map[int64][]byte
}

func newFakeJobs() *fakeJobs {
	return &fakeJobs{jobs: map[int64]patentbridge.ImportJob{}, states: map[int64][]string{}, rejects: map[int64][]byte{}}
}

func (f *fakeJobs) CreateImportJob(ctx context.Context, j *patentbridge.ImportJob) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	j.ID = int64(len(f.jobs) + 1)
	f.jobs[j.ID] = *j
	f.states[j.ID] = append(f.states[j.ID], j.Status)
	return nil
}

func (f *fakeJobs) UpdateImportJob(ctx context.Context, j *patentbridge.ImportJob) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.jobs[j.ID] = *j
	f.states[j.ID] = append(f.states[j.ID], j.Status)
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

func TestJobRunnerImportsUploadsInTheBackground(t *testing.T) {
	dir := t.TempDir()
	good := MustWriteFile(t, dir, "upload-123", []byte("申请号,专利名称\nCN202223220665.2,一种装置\nCN202223220665.3,错的\n"))
	notExport := MustWriteFile(t, dir, "upload-456", []byte("名称\n四川大学\n"))
	store := newFakeStore(t)
	jobs := newFakeJobs()
	r := NewJobRunner(NewImporter(store, nil, nil), jobs, nil)
	defer r.Close()

	j1, err := r.StartImport(t.Context(), 7, "四川大学专利.csv", good)
	if err != nil {
		t.Fatal(err)
	}
	j2, err := r.StartImport(t.Context(), 7, "名单.csv", notExport)
	if err != nil {
		t.Fatal(err)
	}
	if j1.Status != patentbridge.JobQueued || j1.ID == 0 || j1.CreatedBy != 7 || j1.FileName != "四川大学专利.csv" {
		t.Errorf("started job = %+v", j1)
	}
	r.Wait()

	done, _ := jobs.FindImportJob(t.Context(), j1.ID)
	if done.Status != patentbridge.JobDone || done.Progress != 1 || done.Summary.Inserted != 1 || done.Summary.Rejected != 1 ||
		done.FinishedAt.IsZero() {
		t.Errorf("job 1 = %+v", done)
	}
	if got := strings.Join(jobs.states[j1.ID], ","); !strings.HasPrefix(got, "queued,running") || !strings.HasSuffix(got, "done") {
		t.Errorf("job 1 states %s", got)
	}
	rej := MustParseRejects(t, jobs.rejects[j1.ID])
	if len(rej) != 1 || rej[0].File != "四川大学专利.csv" || rej[0].Line != 3 {
		t.Errorf("stored rejects %+v", rej)
	}
	failed, _ := jobs.FindImportJob(t.Context(), j2.ID)
	if failed.Status != patentbridge.JobFailed || failed.Error != `文件 名单.csv 不是专利导出文件：找不到"申请号"列` {
		t.Errorf("job 2 = %+v", failed)
	}
	for _, p := range []string{good, notExport} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("upload %s not removed: %v", p, err)
		}
	}
}

// blockingImport waits until its context is cancelled.
type blockingImport struct{ started chan struct{} }

func (b blockingImport) ImportFiles(ctx context.Context, paths []string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
	close(b.started)
	<-ctx.Done()
	return patentbridge.ImportSummary{Read: 1000}, ctx.Err()
}

func TestJobRunnerCloseInterruptsAndFailsQueued(t *testing.T) {
	dir := t.TempDir()
	jobs := newFakeJobs()
	imp := blockingImport{started: make(chan struct{})}
	r := NewJobRunner(imp, jobs, nil)
	j1, _ := r.StartImport(t.Context(), 1, "a.csv", MustWriteFile(t, dir, "a", []byte("x")))
	j2, _ := r.StartImport(t.Context(), 1, "b.csv", MustWriteFile(t, dir, "b", []byte("x")))
	select {
	case <-imp.started:
	case <-time.After(5 * time.Second):
		t.Fatal("first job never started")
	}
	r.Close()
	running, _ := jobs.FindImportJob(t.Context(), j1.ID)
	queued, _ := jobs.FindImportJob(t.Context(), j2.ID)
	if running.Status != patentbridge.JobFailed || !strings.Contains(running.Error, "重新导入同一文件即可补全") {
		t.Errorf("interrupted job = %+v", running)
	}
	if queued.Status != patentbridge.JobFailed || !strings.Contains(queued.Error, "导入未开始") {
		t.Errorf("queued job = %+v", queued)
	}
	if _, err := r.StartImport(t.Context(), 1, "c.csv", MustWriteFile(t, dir, "c", []byte("x"))); patentbridge.ErrorCode(err) != patentbridge.ECONFLICT {
		t.Errorf("start after close: %v", err)
	}
}
