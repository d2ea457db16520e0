package web

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// screeningView is the data of the admin screening page.
type screeningView struct {
	Running bool // a run is queued or running: the page refreshes itself
	Error   string
	Notice  string
	AsOf    string
	Runs    []httpx.RunView
	// PendingDeclarations counts the declarations made or revoked after the
	// latest finished run started, which wait for a run; LatestAsOf is that
	// run's date ("" when none finished).
	PendingDeclarations int
	LatestAsOf          string
}

// screeningPage lists the screening runs, with their state, and offers to
// start one, and to re-run or discard an interrupted one (admin only).
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
	v := screeningView{Error: msg, AsOf: asOf, Notice: screeningNotices[r.URL.Query().Get("done")]}
	if v.AsOf == "" {
		v.AsOf = patentbridge.FormatDay(s.Now())
	}
	for _, run := range runs {
		rv := httpx.NewRunView(run)
		v.Running = v.Running || rv.Active
		v.Runs = append(v.Runs, rv)
	}
	if err := s.pendingDeclarations(r, &v); err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, status, "screening", "沉睡专利筛查", "screening", v)
}

// pendingDeclarations counts the declarations the latest finished run did not see.
func (s *Server) pendingDeclarations(r *http.Request, v *screeningView) error {
	if s.Declarations == nil {
		return nil
	}
	var since time.Time
	run, err := s.Screening.LatestRun(r.Context())
	switch {
	case err == nil:
		since, v.LatestAsOf = run.StartedAt, patentbridge.FormatDate(run.AsOf)
	case patentbridge.ErrorCode(err) != patentbridge.ENOTFOUND:
		return err
	}
	v.PendingDeclarations, err = s.Declarations.CountDeclarationsChangedAfter(r.Context(), since)
	return err
}

// screeningNotices are the confirmations shown after an admin's action.
var screeningNotices = map[string]string{
	"rerun":   "已重新排队：该批次的部分结果已作废，将从头重新筛查。",
	"discard": "已放弃该批次，其部分结果已删除。",
}

// startScreening queues a screening as of the submitted date, which a
// background runner of one of the platform's processes runs; a second one
// while the first is queued or running is refused.
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
	if _, err := s.Screening.StartScreening(r.Context(), asOf); patentbridge.ErrorCode(err) == patentbridge.ECONFLICT {
		s.renderScreening(w, r, http.StatusConflict, patentbridge.ErrorMessage(err), raw)
		return
	} else if err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/screening", http.StatusSeeOther)
}

// rerunScreening queues an interrupted or failed run again.
func (s *Server) rerunScreening(w http.ResponseWriter, r *http.Request) {
	s.screeningAction(w, r, "rerun", func(id int64) error {
		_, err := s.Screening.RerunScreening(r.Context(), id)
		return err
	})
}

// discardScreening deletes an interrupted, failed or queued run.
func (s *Server) discardScreening(w http.ResponseWriter, r *http.Request) {
	s.screeningAction(w, r, "discard", func(id int64) error { return s.Screening.DiscardScreening(r.Context(), id) })
}

// screeningAction applies act to the run of the path and goes back to the
// page; a refusal (the run's state does not allow it) is shown on the page.
func (s *Server) screeningAction(w http.ResponseWriter, r *http.Request, name string, act func(id int64) error) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.errorPage(w, r, patentbridge.Errorf(patentbridge.ENOTFOUND, "筛查批次 %q 不存在", r.PathValue("id")))
		return
	}
	switch err := act(id); patentbridge.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/admin/screening?done="+name, http.StatusSeeOther)
	case patentbridge.ECONFLICT:
		s.renderScreening(w, r, http.StatusConflict, patentbridge.ErrorMessage(err), "")
	default:
		s.errorPage(w, r, err)
	}
}
