package api

import (
	"net/http"
	"slices"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// updateDemand serves PUT /api/v1/demands/{id}: the poster replaces the fields
// of its draft or returned demand; "submit": true sends it (back) to review.
func (s *Server) updateDemand(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var b demandInput
	if err := decodeBody(w, r, &b); err != nil {
		s.error(w, r, err)
		return
	}
	old, err := httpx.FindVisibleDemand(r, s.Demands)
	if err != nil {
		s.error(w, r, err)
		return
	}
	d, err := b.demand()
	if err == nil {
		d.ID = old.ID
		err = s.Demands.UpdateDemand(ctx, d, b.Submit)
	}
	if err == nil {
		d, err = s.Demands.FindDemand(ctx, old.ID)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, httpx.NewDemandView(d, patentbridge.UserFrom(ctx), s.Ref))
}

// closeInput is the body of POST /api/v1/demands/{id}/close.
type closeInput struct {
	Note string `json:"note"` // optional outcome, at most 500 characters
}

// closeDemand serves POST /api/v1/demands/{id}/close: the poster closes its demand.
func (s *Server) closeDemand(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var b closeInput
	if err := decodeBody(w, r, &b); err != nil {
		s.error(w, r, err)
		return
	}
	d, err := httpx.FindVisibleDemand(r, s.Demands)
	if err == nil {
		err = s.Demands.CloseDemand(ctx, d.ID, b.Note)
	}
	if err == nil {
		d, err = s.Demands.FindDemand(ctx, d.ID)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, httpx.NewDemandView(d, patentbridge.UserFrom(ctx), s.Ref))
}

// myDemandPage is the body of GET /api/v1/me/demands.
type myDemandPage struct {
	Total  int                `json:"total"`
	Limit  int                `json:"limit"`
	Offset int                `json:"offset"`
	Counts map[string]int     `json:"counts"` // per status, over all of them
	Items  []httpx.DemandView `json:"items"`
}

// myDemands serves GET /api/v1/me/demands: the demands of the user's
// organization in every state, ?status= one of draft, pending, published,
// rejected, closed; with the count per state.
func (s *Server) myDemands(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	f := patentbridge.DemandFilter{Mine: true, Status: q.Get("status")}
	if f.Status != "" && !slices.Contains(patentbridge.DemandStatuses, f.Status) {
		s.error(w, r, patentbridge.FieldErrorf("status", "状态 %q 无效（可用：%s）",
			patentbridge.ClipValue(f.Status), demandStatusChoices(patentbridge.DemandStatuses...)))
		return
	}
	var err error
	if f.Limit, f.Offset, err = pageParams(q); err != nil {
		s.error(w, r, err)
		return
	}
	counts, err := s.Demands.CountMyDemands(ctx)
	if err != nil {
		s.error(w, r, err)
		return
	}
	ds, total, err := s.Demands.ListDemands(ctx, f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	out := myDemandPage{Total: total, Limit: f.Limit, Offset: f.Offset, Counts: map[string]int{}, Items: []httpx.DemandView{}}
	if out.Limit == 0 {
		out.Limit = 50
	}
	for _, st := range patentbridge.DemandStatuses {
		out.Counts[st] = counts[st]
	}
	for _, d := range ds {
		out.Items = append(out.Items, httpx.NewDemandView(d, patentbridge.UserFrom(ctx), s.Ref))
	}
	httpx.JSON(w, http.StatusOK, out)
}
