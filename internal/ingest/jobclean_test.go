package ingest

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"patentbridge"
)

// CleanUploads removes what no job needs and a crash left behind (old enough
// not to be an upload still being written), and keeps the uploads of jobs
// that have not ended.
func TestCleanUploadsKeepsWhatJobsNeed(t *testing.T) {
	jobs := newFakeJobs()
	r := newRunner(t, blockingImport{started: make(chan struct{})}, jobs)
	old := time.Now().Add(-2 * time.Hour)
	for _, name := range []string{"u-ended", "u-inuse", "u-fresh", "pb-upload-123.csv", "pb-import-9", "notes.txt"} {
		path := filepath.Join(r.Dir(), name)
		if filepath.Ext(name) != "" {
			MustWriteFile(t, r.Dir(), name, []byte("x"))
		} else if err := os.MkdirAll(path, 0o700); err != nil {
			t.Fatal(err)
		}
		if name != "u-fresh" {
			if err := os.Chtimes(path, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	jobs.CreateImportJob(t.Context(), &patentbridge.ImportJob{FileName: "a.csv", Status: patentbridge.JobInterrupted,
		Attempts: 1, Upload: "u-inuse/a.csv"})
	n, err := r.CleanUploads(context.Background(), time.Hour)
	if err != nil || n != 3 {
		t.Errorf("CleanUploads = %d, %v; want the ended upload, the partial one and an inline import's copy", n, err)
	}
	if left := mustDir(t, r.Dir()); !slices.Equal(left, []string{"notes.txt", "u-fresh", "u-inuse"}) {
		t.Errorf("left %v", left)
	}
}

// A runner that can no longer renew its job's lease (another process took the
// job over) stops the import and writes nothing more to the job, whose upload
// now belongs to the other process.
func TestJobRunnerStopsWhenItsLeaseIsLost(t *testing.T) {
	dir := t.TempDir()
	jobs := newFakeJobs()
	imp := blockingImport{started: make(chan struct{})}
	r := NewJobRunner(imp, jobs, JobRunnerOptions{Dir: t.TempDir(), Owner: "host/1/a", Lease: 30 * time.Millisecond, Poll: time.Hour})
	defer r.Close()
	j, _ := r.StartImport(t.Context(), 1, "a.csv", MustWriteFile(t, dir, "a", []byte("x")))
	<-imp.started
	jobs.mu.Lock()
	taken := jobs.jobs[j.ID]
	taken.Owner = "host/2/b" // the other process's takeover
	jobs.jobs[j.ID] = taken
	jobs.mu.Unlock()
	r.Wait() // the import was cancelled and the runner found nothing else to do
	got, _ := jobs.FindImportJob(t.Context(), j.ID)
	if got.Status != patentbridge.JobRunning || got.Owner != "host/2/b" || got.Summary.Read != 0 {
		t.Errorf("job after the lost lease = %+v; the first runner must not write it", got)
	}
	if left := jobDirEntries(t, r); len(left) != 1 {
		t.Errorf("the upload of a job another process holds was removed: %v", left)
	}
}
