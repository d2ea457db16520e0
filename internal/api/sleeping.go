package api

import (
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// sleepingList is the page returned by GET /api/v1/sleeping.
type sleepingList struct {
	Run    httpx.RunView  `json:"run"`
	Total  int            `json:"total"`
	Limit  int            `json:"limit"`
	Offset int            `json:"offset"`
	Counts map[string]int `json:"counts"`
	Items  []sleepingItem `json:"items"`
	// ChangedSinceRun counts the patents imported or changed after the run
	// started, which its results do not cover; RunNote says so in Chinese.
	ChangedSinceRun int    `json:"changed_since_run"`
	RunNote         string `json:"run_note,omitempty"`
}

// sleepingItem is a patent with its screening result.
type sleepingItem struct {
	httpx.PatentView
	Screening *httpx.ScreeningView `json:"screening"`
}

// listSleeping serves GET /api/v1/sleeping with the filters of
// httpx.ParseSleepingFilter: one page of a run's sleeping (or excluded) patents,
// the run, and counts by grade and by industry ("system:industry").
func (s *Server) listSleeping(w http.ResponseWriter, r *http.Request) {
	f, err := httpx.ParseSleepingFilter(r.URL.Query())
	if err != nil {
		s.error(w, r, err)
		return
	}
	run, err := s.Screening.FindRun(r.Context(), f.RunID)
	if err != nil {
		s.error(w, r, err)
		return
	}
	f.RunID = run.ID
	items, total, err := s.Sleeping.ListSleeping(r.Context(), f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	counts, err := s.Sleeping.CountSleeping(r.Context(), f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	out := sleepingList{Run: httpx.NewRunView(run), Total: total, Limit: f.Limit, Offset: f.Offset, Counts: counts,
		Items: make([]sleepingItem, 0, len(items))}
	if out.ChangedSinceRun, err = s.Screening.PatentsChangedSince(r.Context(), run.StartedAt); err != nil {
		s.error(w, r, err)
		return
	}
	out.RunNote = httpx.RunLagNote(run.AsOf, out.ChangedSinceRun)
	for _, it := range items {
		out.Items = append(out.Items, sleepingItem{PatentView: httpx.NewPatentView(it.Patent, s.Ref),
			Screening: httpx.NewScreeningView(it.Result, it.Patent, s.Ref)})
	}
	httpx.JSON(w, http.StatusOK, out)
}

// runList is the page returned by GET /api/v1/screening/runs.
type runList struct {
	Total int             `json:"total"`
	Items []httpx.RunView `json:"items"`
}

// listRuns serves GET /api/v1/screening/runs: the latest 50 runs, newest first.
func (s *Server) listRuns(w http.ResponseWriter, r *http.Request) {
	runs, err := s.Screening.ListRuns(r.Context(), 50)
	if err != nil {
		s.error(w, r, err)
		return
	}
	out := runList{Total: len(runs), Items: make([]httpx.RunView, 0, len(runs))}
	for _, run := range runs {
		out.Items = append(out.Items, httpx.NewRunView(run))
	}
	httpx.JSON(w, http.StatusOK, out)
}

// rerunRun serves POST /api/v1/screening/runs/{id}/rerun: an interrupted or
// failed run is queued again (its partial results are dropped when it
// starts); 202 with the run, 409 when its state or another active run does
// not allow it.
func (s *Server) rerunRun(w http.ResponseWriter, r *http.Request) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.error(w, r, patentbridge.FieldErrorf("id", "筛查批次编号 %q 无效", r.PathValue("id")))
		return
	}
	run, err := s.Screening.RerunScreening(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusAccepted, httpx.NewRunView(run))
}

// discardRun serves POST /api/v1/screening/runs/{id}/discard: an
// interrupted, failed or queued run is deleted with its partial results; 204,
// or 409 for a running or finished run.
func (s *Server) discardRun(w http.ResponseWriter, r *http.Request) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.error(w, r, patentbridge.FieldErrorf("id", "筛查批次编号 %q 无效", r.PathValue("id")))
		return
	}
	if err := s.Screening.DiscardScreening(r.Context(), id); err != nil {
		s.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
