package api

import (
	"fmt"
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// caseRoutes are the endpoints of typical cases (典型案例): published cases
// are public; officials record them.
func (s *Server) caseRoutes() []httpx.Route {
	if s.Cases == nil {
		return nil
	}
	officials := httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity)
	return []httpx.Route{
		httpx.NewRoute("GET /api/v1/cases", httpx.Anyone, s.listCases),
		httpx.NewRoute("POST /api/v1/cases", officials, s.createCase),
		httpx.NewRoute("GET /api/v1/cases/{id}", httpx.Anyone, s.getCase),
	}
}

// caseRequest is the body of POST /api/v1/cases: the case template's
// columns, named in col tags for jsonField.
type caseRequest struct {
	Title       string  `json:"title" col:"标题"`
	Body        string  `json:"body" col:"正文"`
	City        string  `json:"city" col:"地区代码"`
	PublishedOn string  `json:"published_on" col:"发布日期"` // YYYY-MM-DD
	DealIDs     []int64 `json:"deal_ids" col:"关联交易编号"`
}

// caseView is a case as the API returns it, with its publication date as
// YYYY-MM-DD and whether it is public yet.
type caseView struct {
	*patentbridge.TypicalCase
	PublishedOn string `json:"published_on"`
	Published   bool   `json:"published"`
}

func (s *Server) newCaseView(c *patentbridge.TypicalCase) caseView {
	return caseView{c, optDate(c.PublishedOn), c.Published(s.Now())}
}

// createCase serves POST /api/v1/cases.
func (s *Server) createCase(w http.ResponseWriter, r *http.Request) {
	var b caseRequest
	err := decodeBody(w, r, &b)
	c := &patentbridge.TypicalCase{Title: b.Title, Body: b.Body, City: b.City, DealIDs: b.DealIDs}
	if err == nil && len(b.DealIDs) > patentbridge.CaseDealsMax {
		err = patentbridge.FieldErrorf("deal_ids", "一个案例最多关联 %d 笔交易", patentbridge.CaseDealsMax)
	}
	if err == nil {
		c.PublishedOn, err = licDate("published_on", b.PublishedOn)
	}
	if err == nil {
		err = s.Cases.CreateCase(r.Context(), c)
	}
	if err != nil {
		s.error(w, r, jsonField(err, b))
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/cases/%d", c.ID))
	httpx.JSON(w, http.StatusCreated, s.newCaseView(c))
}

// getCase serves GET /api/v1/cases/{id}: a published case to anyone.
func (s *Server) getCase(w http.ResponseWriter, r *http.Request) {
	id, err := licPathID(r, "id", "案例")
	var c *patentbridge.TypicalCase
	if err == nil {
		c, err = s.Cases.FindCase(r.Context(), id)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, s.newCaseView(c))
}

// listCases serves GET /api/v1/cases?year=&city=&limit=&offset=: the published
// cases, and an official's unpublished ones of its scope.
func (s *Server) listCases(w http.ResponseWriter, r *http.Request) {
	f, err := programmeFilter(r.URL.Query(), "", func(string) (string, bool) { return "", false })
	var cs []*patentbridge.TypicalCase
	var total int
	if err == nil {
		cs, total, err = s.Cases.ListCases(r.Context(), f)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	items := make([]caseView, len(cs))
	for i, c := range cs {
		items[i] = s.newCaseView(c)
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": total, "items": items})
}
