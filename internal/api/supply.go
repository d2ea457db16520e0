package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// supplyListPage is the body of GET /api/v1/supply-lists.
type supplyListPage struct {
	Total           int                    `json:"total"`
	PublishedByYear map[string]int         `json:"published_by_year"`
	Items           []httpx.SupplyListView `json:"items"`
}

// supplyRequest is the body of POST /api/v1/supply-lists: the list's text and the
// filter of the sleeping patents it takes (the parameters of the sleeping list).
type supplyRequest struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	RunID       int64  `json:"run_id"`
	Institution string `json:"institution"`
	City        string `json:"city"`
	Grade       string `json:"grade"`
	System      string `json:"system"`
	Industry    string `json:"industry"`
	SEI         string `json:"sei"`
	IPC         string `json:"ipc"`
	Kind        string `json:"kind"`
	GrantYear   int    `json:"grant_year"`
	Flag        string `json:"flag"`
	Limit       int    `json:"limit"`
}

// values turns the request's filter into the query form ParseSupplyFilter reads.
func (b supplyRequest) values() url.Values {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	num := func(k string, n int64) {
		if n != 0 {
			q.Set(k, strconv.FormatInt(n, 10))
		}
	}
	set("institution", b.Institution)
	set("city", b.City)
	set("grade", b.Grade)
	set("system", b.System)
	set("industry", b.Industry)
	set("sei", b.SEI)
	set("ipc", b.IPC)
	set("kind", b.Kind)
	set("flag", b.Flag)
	num("run_id", b.RunID)
	num("grant_year", int64(b.GrantYear))
	num("limit", int64(b.Limit))
	return q
}

// listSupplyLists serves GET /api/v1/supply-lists: published and withdrawn lists,
// newest first; with ?include_drafts=true a manager also gets the drafts it may manage.
func (s *Server) listSupplyLists(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := patentbridge.UserFrom(ctx)
	drafts := r.URL.Query().Get("include_drafts") == "true"
	if drafts {
		if err := patentbridge.AuthorizeSupplyList(u, nil); err != nil {
			s.error(w, r, err)
			return
		}
	}
	lists, err := s.Supply.ListSupplyLists(ctx, drafts)
	if err != nil {
		s.error(w, r, err)
		return
	}
	counts, err := s.Supply.CountPublishedLists(ctx)
	if err != nil {
		s.error(w, r, err)
		return
	}
	out := supplyListPage{PublishedByYear: map[string]int{}, Items: []httpx.SupplyListView{}}
	for y, n := range counts {
		out.PublishedByYear[strconv.Itoa(y)] = n
	}
	for _, l := range lists { // the store returns only the drafts the user may manage
		out.Items = append(out.Items, httpx.NewSupplyListView(l, s.Ref, false))
	}
	out.Total = len(out.Items)
	httpx.JSON(w, http.StatusOK, out)
}

// supplyListID reads the path's list id. Returns EINVALID.
func supplyListID(r *http.Request) (int64, error) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		return 0, patentbridge.FieldErrorf("id", "供给清单编号 %q 无效", r.PathValue("id"))
	}
	return id, nil
}

// supplyList loads the path's list; the store answers "not found" for a draft
// the user may not manage.
func (s *Server) supplyList(r *http.Request) (*patentbridge.SupplyList, error) {
	id, err := supplyListID(r)
	if err != nil {
		return nil, err
	}
	return s.Supply.FindSupplyList(r.Context(), id)
}

// getSupplyList serves GET /api/v1/supply-lists/{id} with the list's items.
func (s *Server) getSupplyList(w http.ResponseWriter, r *http.Request) {
	l, err := s.supplyList(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, httpx.NewSupplyListView(l, s.Ref, true))
}

// createSupplyList serves POST /api/v1/supply-lists: a draft of the sleeping
// patents the filter selects; a city user's list is always its own city's.
func (s *Server) createSupplyList(w http.ResponseWriter, r *http.Request) {
	var b supplyRequest
	if err := decodeBody(w, r, &b); err != nil {
		s.error(w, r, err)
		return
	}
	l := &patentbridge.SupplyList{Title: b.Title, Description: b.Description}
	q := b.values()
	if u := patentbridge.UserFrom(r.Context()); u != nil && u.Role == patentbridge.RoleCity {
		q.Del("city") // the store sets the user's own city, whatever was asked
	}
	f, err := httpx.ParseSupplyFilter(q)
	if err == nil {
		l.Filter = f
		err = s.Supply.CreateSupplyList(r.Context(), l)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/supply-lists/%d", l.ID))
	httpx.JSON(w, http.StatusCreated, httpx.NewSupplyListView(l, s.Ref, true))
}

// publishSupplyList serves POST /api/v1/supply-lists/{id}/publish with
// {"confirm":true}: the list gets the next number of its issuer's series and is
// frozen; without the confirmation the service refuses it.
func (s *Server) publishSupplyList(w http.ResponseWriter, r *http.Request) {
	id, err := supplyListID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	var b struct {
		Confirm bool `json:"confirm"`
	}
	if r.ContentLength != 0 {
		if err := decodeBody(w, r, &b); err != nil {
			s.error(w, r, err)
			return
		}
	}
	pub, err := s.Supply.PublishSupplyList(r.Context(), id, b.Confirm)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, httpx.NewSupplyListView(pub, s.Ref, true))
}

// withdrawSupplyList serves POST /api/v1/supply-lists/{id}/withdraw with {"reason":…}.
func (s *Server) withdrawSupplyList(w http.ResponseWriter, r *http.Request) {
	id, err := supplyListID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	var b struct {
		Reason string `json:"reason"`
	}
	if err := decodeBody(w, r, &b); err != nil {
		s.error(w, r, err)
		return
	}
	if err := s.Supply.WithdrawSupplyList(r.Context(), id, b.Reason); err != nil {
		s.error(w, r, err)
		return
	}
	l, err := s.Supply.FindSupplyList(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, httpx.NewSupplyListView(l, s.Ref, true))
}
