package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"patentbridge"
)

// maxRejectReport caps the stored reject report; rows past it are counted only.
const maxRejectReport = 16 << 20

// run imports one job's file and records the outcome.
func (r *JobRunner) run(t *jobTask) {
	defer t.remove()
	job := t.job
	job.Status = patentbridge.JobRunning
	r.save(job)
	rejects := &cappedBuffer{limit: maxRejectReport}
	last := time.Now()
	progress := func(read int, fraction float64) {
		job.Summary.Read, job.Progress = read, fraction
		if time.Since(last) >= r.ProgressInterval {
			last = time.Now()
			r.save(job)
		}
	}
	sum, err := r.importSafely(t.path, patentbridge.ImportOptions{Rejects: rejects, Progress: progress})
	job.Summary = sum
	if sum.Rejected > 0 {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(r.ctx), 30*time.Second)
		if err := r.jobs.SaveImportRejects(ctx, job.ID, rejects.report()); err != nil {
			r.logger.Error("save import rejects", "job", job.ID, "err", err)
		}
		cancel()
	}
	job.FinishedAt = patentbridge.Now().UTC()
	switch {
	case err == nil:
		job.Status, job.Progress = patentbridge.JobDone, 1
	case errors.Is(err, context.Canceled):
		job.Status = patentbridge.JobFailed
		job.Error = "导入因服务关闭而中断：已写入的批次已保存，重新导入同一文件即可补全"
	default:
		job.Status = patentbridge.JobFailed
		job.Error = patentbridge.ErrorMessage(err)
		if patentbridge.ErrorCode(err) == patentbridge.EINTERNAL {
			r.logger.Error("import job failed", "job", job.ID, "file", job.FileName, "err", err)
		}
	}
	r.save(job)
	r.logger.Info("import job finished", "job", job.ID, "file", job.FileName, "status", job.Status,
		"read", sum.Read, "inserted", sum.Inserted, "updated", sum.Updated, "rejected", sum.Rejected)
}

// importSafely runs the import, turning a panic into an internal error.
func (r *JobRunner) importSafely(path string, opt patentbridge.ImportOptions) (sum patentbridge.ImportSummary, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("%w: %v", errPanic, v)
		}
	}()
	return r.imp.ImportFiles(r.ctx, []string{path}, opt)
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
