package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"patentbridge"
)

// newRunner starts a runner over jobs with a jobs directory in tb.TempDir().
func newRunner(tb testing.TB, imp patentbridge.ImportService, jobs JobStore) *JobRunner {
	r := NewJobRunner(imp, jobs, JobRunnerOptions{Dir: tb.TempDir(), Owner: "test/1/a", Poll: time.Hour})
	tb.Cleanup(func() { r.Close() })
	return r
}

// readDirNames lists a directory's entries; a missing directory has none.
func readDirNames(dir string) ([]string, error) {
	es, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out, err
}

func TestJobRunnerImportsUploadsInTheBackground(t *testing.T) {
	dir := t.TempDir()
	good := MustWriteFile(t, dir, "upload-123", []byte("申请号,专利名称\nCN202223220665.2,一种装置\nCN202223220665.3,错的\n"))
	notExport := MustWriteFile(t, dir, "upload-456", []byte("名称\n四川大学\n"))
	store := newFakeStore(t)
	jobs := newFakeJobs()
	r := newRunner(t, NewImporter(store, nil, nil), jobs)

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
			t.Errorf("upload %s not moved into the jobs directory: %v", p, err)
		}
	}
	if left := jobDirEntries(t, r); len(left) != 0 {
		t.Errorf("jobs directory after both jobs ended: %v", left)
	}
}

// blockingImport waits until its context is cancelled.
type blockingImport struct{ started chan struct{} }

func (b blockingImport) ImportFiles(ctx context.Context, paths []string, opt patentbridge.ImportOptions) (patentbridge.ImportSummary, error) {
	close(b.started)
	<-ctx.Done()
	return patentbridge.ImportSummary{Read: 1000}, ctx.Err()
}

// A shutdown interrupts the running import and leaves the queued one queued,
// both with their uploads kept in the jobs directory: a runner started later
// (after a restart, or in another process) resumes the one and runs the other.
func TestJobRunnerShutdownKeepsJobsForTheNextProcess(t *testing.T) {
	dir := t.TempDir()
	jobs := newFakeJobs()
	imp := blockingImport{started: make(chan struct{})}
	jobsDir := t.TempDir()
	r := NewJobRunner(imp, jobs, JobRunnerOptions{Dir: jobsDir, Owner: "host/1/a", Poll: time.Hour})
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
	if running.Status != patentbridge.JobInterrupted || running.Summary.Read != 1000 || running.Attempts != 0 {
		t.Errorf("interrupted job = %+v", running)
	}
	if queued.Status != patentbridge.JobQueued {
		t.Errorf("queued job = %+v", queued)
	}
	if left := len(mustDir(t, jobsDir)); left != 2 {
		t.Errorf("%d uploads kept, want both", left)
	}
	if _, err := r.StartImport(t.Context(), 1, "c.csv", MustWriteFile(t, dir, "c", []byte("x"))); patentbridge.ErrorCode(err) != patentbridge.ECONFLICT {
		t.Errorf("start after close: %v", err)
	}

	store := newFakeStore(t)
	for _, j := range []*patentbridge.ImportJob{running, queued} { // what the uploads really were
		if err := os.WriteFile(filepath.Join(jobsDir, filepath.FromSlash(j.Upload)), []byte("申请号\nCN202223220665.2\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	next := NewJobRunner(NewImporter(store, nil, nil), jobs, JobRunnerOptions{Dir: jobsDir, Owner: "host/2/b", Retries: 1, Poll: time.Hour})
	defer next.Close()
	next.Wait()
	for _, id := range []int64{j1.ID, j2.ID} {
		if j, _ := jobs.FindImportJob(t.Context(), id); j.Status != patentbridge.JobDone || j.Owner != "host/2/b" {
			t.Errorf("job %d in the next process: %+v", id, j)
		}
	}
	if left := mustDir(t, jobsDir); len(left) != 0 {
		t.Errorf("uploads left after the jobs ended: %v", left)
	}
}

// An interrupted job is resumed from its kept upload, or discarded with it;
// a job whose upload is gone cannot be resumed.
func TestJobRunnerResumeAndDiscard(t *testing.T) {
	dir := t.TempDir()
	jobs := newFakeJobs()
	store := newFakeStore(t)
	r := newRunner(t, NewImporter(store, nil, nil), jobs)
	csv := []byte("申请号,专利名称\nCN202223220665.2,一种装置\n")
	var ids []int64
	for _, name := range []string{"a.csv", "b.csv", "c.csv"} {
		j := &patentbridge.ImportJob{FileName: name, Status: patentbridge.JobInterrupted, Attempts: 1} // no retry left
		up, err := r.keepUpload(name, MustWriteFile(t, dir, name, csv))
		if err != nil {
			t.Fatal(err)
		}
		j.Upload = up
		jobs.CreateImportJob(t.Context(), j)
		ids = append(ids, j.ID)
	}
	if _, err := r.ResumeImport(t.Context(), ids[0]); err != nil {
		t.Fatal(err)
	}
	r.Wait()
	if j, _ := jobs.FindImportJob(t.Context(), ids[0]); j.Status != patentbridge.JobDone || j.Summary.Inserted != 1 {
		t.Errorf("resumed job = %+v", j)
	}
	if _, err := r.DiscardImport(t.Context(), ids[1]); err != nil {
		t.Fatal(err)
	}
	if left := jobDirEntries(t, r); len(left) != 1 {
		t.Errorf("jobs directory after a resume and a discard: %v, want the third upload only", left)
	}
	third, _ := jobs.FindImportJob(t.Context(), ids[2])
	os.RemoveAll(filepath.Dir(r.uploadPath(third)))
	if _, err := r.ResumeImport(t.Context(), ids[2]); patentbridge.ErrorCode(err) != patentbridge.ECONFLICT ||
		!strings.Contains(patentbridge.ErrorMessage(err), "请重新上传") {
		t.Errorf("resume without the upload: %v", err)
	}
}

// mustDir lists a directory.
func mustDir(tb testing.TB, dir string) []string {
	tb.Helper()
	names, err := readDirNames(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return names
}

// TestJobRunnerKeepsAnUploadWithALongName: an upload whose name is longer than a
// file system allows (100 Chinese characters, 303 bytes) is kept under a
// shortened name with its extension and imported; the job keeps the full name.
func TestJobRunnerKeepsAnUploadWithALongName(t *testing.T) {
	dir := t.TempDir()
	upload := MustWriteFile(t, dir, "upload-789", []byte("申请号,专利名称\nCN202223220665.2,一种装置\n"))
	jobs := newFakeJobs()
	r := newRunner(t, NewImporter(newFakeStore(t), nil, nil), jobs)
	name := strings.Repeat("长", 100) + ".csv"
	j, err := r.StartImport(t.Context(), 7, name, upload)
	if err != nil {
		t.Fatalf("StartImport with a %d-byte name: %v", len(name), err)
	}
	r.Wait()
	done, _ := jobs.FindImportJob(t.Context(), j.ID)
	if done.Status != patentbridge.JobDone || done.Summary.Inserted != 1 || done.FileName != name {
		t.Errorf("job = %+v, want done with 1 inserted under the full name", done)
	}
}

// TestShortFileName: names are cut on a character boundary, keeping a short
// extension, never past the limit.
func TestShortFileName(t *testing.T) {
	for _, c := range []struct {
		in   string
		max  int
		want string
	}{
		{"专利.xlsx", 120, "专利.xlsx"},
		{strings.Repeat("长", 50) + ".xlsx", 20, strings.Repeat("长", 5) + ".xlsx"},
		{strings.Repeat("a", 30) + "." + strings.Repeat("b", 20), 10, strings.Repeat("a", 10)},
	} {
		if got := shortFileName(c.in, c.max); got != c.want || len(got) > c.max {
			t.Errorf("shortFileName(%q, %d) = %q, want %q", c.in, c.max, got, c.want)
		}
	}
}
