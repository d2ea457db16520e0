package ingest

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"patentbridge"
	"patentbridge/internal/lease"
)

// maxRejectReport caps the stored reject report; rows past it are counted only.
const maxRejectReport = 16 << 20

// run imports one claimed job's upload under its lease and records the
// outcome: done or failed (the upload is removed), interrupted by a shutdown
// (the upload is kept for the resume), or nothing when the lease was lost to
// another process, which now runs the job.
func (r *JobRunner) run(ctx context.Context, job *patentbridge.ImportJob) {
	log := r.logger.With("job", job.ID, "file", job.FileName, "attempt", job.Attempts)
	work, stop := lease.Keep(ctx, r.o.Lease, func(ctx context.Context) error {
		return r.jobs.RenewImportJob(ctx, job.ID, r.o.Owner)
	}, func(err error) bool { return patentbridge.ErrorCode(err) == patentbridge.ECONFLICT })
	defer stop()
	log.Info("import job started")
	rejects := &cappedBuffer{limit: maxRejectReport}
	last := time.Now()
	progress := func(read int, fraction float64) {
		job.Summary.Read, job.Progress = read, fraction
		if time.Since(last) >= r.ProgressInterval {
			last = time.Now()
			_ = r.save(work, job)
		}
	}
	sum, err := r.importSafely(work, r.uploadPath(job), patentbridge.ImportOptions{Rejects: rejects, Progress: progress})
	job.Summary = sum
	switch {
	case context.Cause(work) == lease.ErrLost:
		log.Warn("import job stopped: its lease was lost to another process")
		return
	case err != nil && ctx.Err() != nil:
		stop()
		bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		_ = r.save(bg, job) // the rows read so far, for the page
		if _, err := r.jobs.ReleaseImportJobs(bg, r.o.Owner); err != nil {
			log.Error("record the interrupted import", "err", err)
		}
		log.Warn("import job interrupted by a shutdown; resume it to complete it", "read", sum.Read)
		return
	}
	if sum.Rejected > 0 {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		if err := r.jobs.SaveImportRejects(sctx, job.ID, rejects.report()); err != nil {
			log.Error("save import rejects", "err", err)
		}
		cancel()
	}
	job.FinishedAt = patentbridge.Now().UTC()
	if err == nil {
		job.Status, job.Progress = patentbridge.JobDone, 1
	} else {
		job.Status, job.Error = patentbridge.JobFailed, patentbridge.ErrorMessage(err)
		if patentbridge.ErrorCode(err) == patentbridge.EINTERNAL {
			log.Error("import job failed", "err", err)
		}
	}
	upload := job.Upload // the store forgets it once the job ends
	if err := r.save(ctx, job); err != nil {
		return // lost meanwhile: the job and its upload belong to another process
	}
	r.removeUpload(upload)
	log.Info("import job finished", "status", job.Status,
		"read", sum.Read, "inserted", sum.Inserted, "updated", sum.Updated, "rejected", sum.Rejected)
}

// importSafely runs the import, turning a panic into an internal error.
func (r *JobRunner) importSafely(ctx context.Context, path string, opt patentbridge.ImportOptions) (sum patentbridge.ImportSummary, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("%w: %v", errPanic, v)
		}
	}()
	return r.imp.ImportFiles(ctx, []string{path}, opt)
}

// cappedBuffer keeps the reject report up to a limit. The importer writes whole
// rows per Write, so the report is cut between rows.
type cappedBuffer struct {
	buf     bytes.Buffer
	limit   int
	dropped int
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if c.buf.Len()+len(p) > c.limit {
		c.dropped++
		return len(p), nil
	}
	return c.buf.Write(p)
}

// report returns the CSV, with a last line saying how many rows were left out.
func (c *cappedBuffer) report() []byte {
	if c.dropped > 0 {
		w := patentbridge.NewCSVWriter(&c.buf)
		w.Write([]string{"", "", "", "", fmt.Sprintf("拒绝记录过多，另有 %d 行未列出", c.dropped)})
		w.Flush()
	}
	return c.buf.Bytes()
}
