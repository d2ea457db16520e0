package api

import (
	"context"
	"fmt"
	"net/http"
	"os"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// RejectsURL is the download address of an import job's reject report (%d: job id).
const RejectsURL = "/api/v1/imports/%d/rejects"

// jobList is the page returned by GET /api/v1/imports.
type jobList struct {
	Total int             `json:"total"`
	Items []httpx.JobView `json:"items"`
}

// createImport serves POST /api/v1/imports: it streams the upload (multipart
// field "file", or the raw body with ?filename=) to a temporary file and starts
// a background import job, answering 202 with the job.
func (s *Server) createImport(w http.ResponseWriter, r *http.Request) {
	u := patentbridge.UserFrom(r.Context())
	name, path, err := httpx.SaveUpload(w, r, s.MaxUploadBytes, s.UploadDir)
	if err != nil {
		s.error(w, r, err)
		return
	}
	job, err := s.Runner.StartImport(r.Context(), u.ID, name, path)
	if err != nil {
		os.Remove(path)
		s.error(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/imports/%d", job.ID))
	httpx.JSON(w, http.StatusAccepted, httpx.NewJobView(job, RejectsURL))
}

// listImports serves GET /api/v1/imports: the most recent jobs, newest first.
func (s *Server) listImports(w http.ResponseWriter, r *http.Request) {
	jobs, err := s.Jobs.ListImportJobs(r.Context(), 50)
	if err != nil {
		s.error(w, r, err)
		return
	}
	out := jobList{Total: len(jobs), Items: make([]httpx.JobView, 0, len(jobs))}
	for _, j := range jobs {
		out.Items = append(out.Items, httpx.NewJobView(j, RejectsURL))
	}
	httpx.JSON(w, http.StatusOK, out)
}

// getImport serves GET /api/v1/imports/{id}: status, progress and summary.
func (s *Server) getImport(w http.ResponseWriter, r *http.Request) {
	id, err := jobID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	j, err := s.Jobs.FindImportJob(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, httpx.NewJobView(j, RejectsURL))
}

// getImportRejects serves GET /api/v1/imports/{id}/rejects as a CSV download.
func (s *Server) getImportRejects(w http.ResponseWriter, r *http.Request) {
	id, err := jobID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	b, err := s.Jobs.ImportRejects(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.WriteRejectsCSV(w, id, b)
}

// resumeImport serves POST /api/v1/imports/{id}/resume: an interrupted job is
// queued again, to be re-run from its kept upload (rows already written come
// out unchanged); 202 with the job, 409 when it is not interrupted.
func (s *Server) resumeImport(w http.ResponseWriter, r *http.Request) {
	s.jobAction(w, r, http.StatusAccepted, s.Runner.ResumeImport)
}

// discardImport serves POST /api/v1/imports/{id}/discard: an interrupted or
// queued job is given up and its upload removed; 200 with the job, 409 when
// it is running or has ended.
func (s *Server) discardImport(w http.ResponseWriter, r *http.Request) {
	s.jobAction(w, r, http.StatusOK, s.Runner.DiscardImport)
}

func (s *Server) jobAction(w http.ResponseWriter, r *http.Request, status int, act func(context.Context, int64) (*patentbridge.ImportJob, error)) {
	id, err := jobID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	j, err := act(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, status, httpx.NewJobView(j, RejectsURL))
}

func jobID(r *http.Request) (int64, error) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		return 0, patentbridge.FieldErrorf("id", "导入任务编号 %q 无效", r.PathValue("id"))
	}
	return id, nil
}
