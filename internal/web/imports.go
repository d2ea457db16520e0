package web

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// rejectsURL is the UI's download address of a job's reject report.
const rejectsURL = "/admin/import/%d/rejects"

// importView is the data of the import page.
type importView struct {
	Error  string
	Jobs   []httpx.JobView
	Router *patentbridge.RouterStatus // the IPC router's model, nil without a search service
}

// importPage serves the upload form, the recent import jobs and the IPC
// router's model learned from the imported patents (admin only).
func (s *Server) importPage(w http.ResponseWriter, r *http.Request) {
	s.renderImport(w, r, http.StatusOK, "")
}

func (s *Server) renderImport(w http.ResponseWriter, r *http.Request, status int, msg string) {
	jobs, err := s.Jobs.ListImportJobs(r.Context(), 20)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := importView{Error: msg}
	if s.Search != nil {
		v.Router = s.Search.Status(r.Context()).Router
	}
	for _, j := range jobs {
		v.Jobs = append(v.Jobs, httpx.NewJobView(j, rejectsURL))
	}
	s.render(w, r, status, "import", "数据导入", "import", v)
}

// importUpload streams the uploaded file to disk, starts the background import
// and shows the job's page.
func (s *Server) importUpload(w http.ResponseWriter, r *http.Request) {
	u := patentbridge.UserFrom(r.Context())
	name, path, err := httpx.SaveUpload(w, r, s.MaxUploadBytes, s.UploadDir)
	if code := patentbridge.ErrorCode(err); code == patentbridge.EINVALID || code == patentbridge.ETOOLARGE {
		s.renderImport(w, r, httpx.Status(err), patentbridge.ErrorMessage(err))
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	job, err := s.Runner.StartImport(r.Context(), u.ID, name, path)
	if err != nil {
		os.Remove(path)
		if patentbridge.ErrorCode(err) == patentbridge.EINVALID {
			s.renderImport(w, r, http.StatusBadRequest, patentbridge.ErrorMessage(err))
			return
		}
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/import/%d", job.ID), http.StatusSeeOther)
}

// jobPage shows one import job; a small script polls the API while it runs.
func (s *Server) jobPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	j, err := s.Jobs.FindImportJob(r.Context(), id)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "job", "导入任务 "+strconv.FormatInt(id, 10), "import", jobPageView{JobView: httpx.NewJobView(j, rejectsURL)})
}

// resumeImport re-runs an interrupted job from its kept upload.
func (s *Server) resumeImport(w http.ResponseWriter, r *http.Request) {
	s.jobAction(w, r, s.Runner.ResumeImport)
}

// discardImport gives up an interrupted or queued job and removes its upload.
func (s *Server) discardImport(w http.ResponseWriter, r *http.Request) {
	s.jobAction(w, r, s.Runner.DiscardImport)
}

// jobAction applies act to the job of the path and shows the job's page; a
// refusal (the job's state does not allow it) is shown on that page.
func (s *Server) jobAction(w http.ResponseWriter, r *http.Request, act func(context.Context, int64) (*patentbridge.ImportJob, error)) {
	id, err := pathID(r)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	_, err = act(r.Context(), id)
	if patentbridge.ErrorCode(err) == patentbridge.ECONFLICT {
		j, ferr := s.Jobs.FindImportJob(r.Context(), id)
		if ferr != nil {
			s.errorPage(w, r, ferr)
			return
		}
		v := jobPageView{JobView: httpx.NewJobView(j, rejectsURL), ActionError: patentbridge.ErrorMessage(err)}
		s.render(w, r, http.StatusConflict, "job", "导入任务 "+strconv.FormatInt(id, 10), "import", v)
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/import/%d", id), http.StatusSeeOther)
}

// jobPageView is the data of a job's page: the job, and why an action on it
// was refused.
type jobPageView struct {
	httpx.JobView
	ActionError string
}

// jobRejects downloads a job's reject report as CSV.
func (s *Server) jobRejects(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	b, err := s.Jobs.ImportRejects(r.Context(), id)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	httpx.WriteRejectsCSV(w, id, b)
}

func pathID(r *http.Request) (int64, error) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		return 0, patentbridge.Errorf(patentbridge.ENOTFOUND, "导入任务 %q 不存在", r.PathValue("id"))
	}
	return id, nil
}
