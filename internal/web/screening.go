package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// screeningJob makes sure this server runs one screening at a time.
type screeningJob struct {
	mu      sync.Mutex
	running bool
	lastErr string
}

// start marks a screening as running; false if one already is.
func (j *screeningJob) start() bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.running {
		return false
	}
	j.running, j.lastErr = true, ""
	return true
}

func (j *screeningJob) finish(err error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.running = false
	if err != nil {
		j.lastErr = patentbridge.ErrorMessage(err)
	}
}

func (j *screeningJob) state() (bool, string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.running, j.lastErr
}

// staleRun is how long an unfinished run counts as still running elsewhere (for
// example `patentbridge screen` in a terminal) before it is shown as interrupted.
const staleRun = 6 * time.Hour

// screeningView is the data of the admin screening page.
type screeningView struct {
	Running     bool
	Interrupted bool
	LastError   string
	Error       string
	AsOf        string
	Runs        []httpx.RunView
}

// screeningPage lists the screening runs and offers to start one (admin only).
func (s *Server) screeningPage(w http.ResponseWriter, r *http.Request) {
	s.renderScreening(w, r, http.StatusOK, "", "")
}

func (s *Server) renderScreening(w http.ResponseWriter, r *http.Request, status int, msg, asOf string) {
	if s.Screening == nil {
		s.notFound(w, r)
		return
	}
	runs, err := s.Screening.ListRuns(r.Context(), 20)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := screeningView{Error: msg, AsOf: asOf}
	v.Running, v.LastError = s.screenJob.state()
	if v.AsOf == "" {
		v.AsOf = s.Now().Format("2006-01-02")
	}
	for _, run := range runs {
		v.Runs = append(v.Runs, httpx.NewRunView(run))
	}
	if len(runs) > 0 && runs[0].FinishedAt.IsZero() && !v.Running {
		if time.Since(runs[0].StartedAt) < staleRun {
			v.Running = true
		} else {
			v.Interrupted = true
		}
	}
	s.render(w, r, status, "screening", "沉睡专利筛查", "screening", v)
}

// startScreening starts a screening as of the submitted date in the background;
// a second one while the first runs is refused.
func (s *Server) startScreening(w http.ResponseWriter, r *http.Request) {
	if s.Screening == nil {
		s.notFound(w, r)
		return
	}
	raw := strings.TrimSpace(r.PostFormValue("as_of"))
	asOf := s.Now()
	if raw != "" {
		t, err := patentbridge.ParseDate(raw)
		if err != nil {
			s.renderScreening(w, r, http.StatusBadRequest, fmt.Sprintf("筛查日 %q 无法识别，请按 2026-07-01 的格式填写", raw), raw)
			return
		}
		asOf = t
	}
	if asOf.After(s.Now()) {
		s.renderScreening(w, r, http.StatusBadRequest, "筛查日不能晚于今天", raw)
		return
	}
	if !s.screenJob.start() {
		s.renderScreening(w, r, http.StatusConflict, "已有一次筛查正在进行，请等它完成后再开始新的筛查。", raw)
		return
	}
	ctx := context.WithoutCancel(r.Context())
	go func() {
		run, err := s.Screening.RunScreening(ctx, asOf)
		if err != nil {
			s.Logger.Error("web: screening failed", "as_of", patentbridge.FormatDate(asOf), "err", err)
		} else {
			s.Logger.Info("web: screening finished", "run_id", run.ID, "screened", run.Screened, "sleeping", run.Sleeping)
		}
		s.screenJob.finish(err)
	}()
	http.Redirect(w, r, "/admin/screening", http.StatusSeeOther)
}
