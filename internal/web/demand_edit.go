package web

import (
	"fmt"
	"net/http"
	"strconv"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// demandEdit serves /demands/{id}/edit: the form filled with a draft or a
// returned demand, for its poster.
func (s *Server) demandEdit(w http.ResponseWriter, r *http.Request) {
	d, err := s.managedDemand(r, patentbridge.DemandActEdit)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := demandForm{ID: d.ID, Status: d.Status, RejectNote: d.RejectNote, Title: d.Title, Description: d.Description,
		Industry: d.Industry, RegionCode: d.RegionCode, Deadline: patentbridge.FormatDate(d.Deadline), Contact: d.Contact,
		Enterprise: d.Enterprise, Classify: s.Search != nil, Regions: s.regionPicker(d.RegionCode)}
	if d.BudgetMin > 0 {
		v.BudgetMin = strconv.FormatInt(d.BudgetMin, 10)
	}
	if d.BudgetMax > 0 {
		v.BudgetMax = strconv.FormatInt(d.BudgetMax, 10)
	}
	s.render(w, r, http.StatusOK, "demand_new", "修改技术需求", "demands", v)
}

// demandUpdate serves POST /demands/{id}/edit: saves the changes, and with the
// submit button sends the demand (back) to review.
func (s *Server) demandUpdate(w http.ResponseWriter, r *http.Request) {
	old, err := s.managedDemand(r, patentbridge.DemandActEdit)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := s.readDemandForm(r)
	v.ID, v.Status, v.RejectNote, v.Enterprise = old.ID, old.Status, old.RejectNote, old.Enterprise
	submit := r.PostFormValue("draft") == ""
	d, err := v.demand()
	if err == nil {
		err = s.Demands.UpdateDemand(r.Context(), d, submit)
	}
	if s.formFailed(w, r, err, v, "修改技术需求") {
		return
	}
	done := "saved"
	if submit {
		done = "submitted"
	}
	http.Redirect(w, r, fmt.Sprintf("/demands/%d?done=%s", d.ID, done), http.StatusSeeOther)
}

// demandClose serves POST /demands/{id}/close: the poster closes its demand
// with an optional outcome note.
func (s *Server) demandClose(w http.ResponseWriter, r *http.Request) {
	d, err := httpx.FindVisibleDemand(r, s.Demands)
	if err == nil {
		err = s.Demands.CloseDemand(r.Context(), d.ID, r.PostFormValue("note"))
	}
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/demands/%d?done=closed", d.ID), http.StatusSeeOther)
}

// managedDemand loads the request's demand for its poster, refusing an act its
// state does not allow (the service checks again inside its transaction).
// Returns ENOTFOUND, EFORBIDDEN, ECONFLICT.
func (s *Server) managedDemand(r *http.Request, act patentbridge.DemandAct) (*patentbridge.Demand, error) {
	d, err := httpx.FindVisibleDemand(r, s.Demands)
	if err != nil {
		return nil, err
	}
	if err := patentbridge.CanManageDemand(patentbridge.UserFrom(r.Context()), d); err != nil {
		return nil, err
	}
	return d, patentbridge.CheckDemandAct(d, act)
}
