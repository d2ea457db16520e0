package api

import (
	"fmt"
	"net/http"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// listingRoutes are the endpoints of the 科创板 pipeline, the officials'.
func (s *Server) listingRoutes() []httpx.Route {
	if s.Listings == nil {
		return nil
	}
	officials := httpx.Roles(patentbridge.RoleCity).In(httpx.ScopeOwnCity)
	return []httpx.Route{
		httpx.NewRoute("GET /api/v1/listings", officials, s.listListings),
		httpx.NewRoute("POST /api/v1/listings", officials, s.createListing),
		httpx.NewRoute("GET /api/v1/listings/{id}", officials, s.getListing),
		httpx.NewRoute("POST /api/v1/listings/{id}/advance", officials, s.advanceListing),
	}
}

// listingView is a candidate as the API returns it: its stage's Chinese name
// and each stage's date as YYYY-MM-DD ("" before it).
type listingView struct {
	*patentbridge.ListingCandidate
	StageLabel string `json:"stage_label"`
	ScreenedOn string `json:"screened_on"`
	FollowedOn string `json:"followed_on"`
	ListedOn   string `json:"listed_on"`
}

func newListingView(c *patentbridge.ListingCandidate) listingView {
	return listingView{c, c.Stage.Label(), optDate(c.ScreenedOn), optDate(c.FollowedOn), optDate(c.ListedOn)}
}

// createListing serves POST /api/v1/listings: an enterprise screened into the pipeline.
func (s *Server) createListing(w http.ResponseWriter, r *http.Request) {
	var body struct { // col: the template columns ListingCandidate.Validate names, for jsonField
		Organization string `json:"organization" col:"企业名称"`
		City         string `json:"city" col:"地区代码"`
		ScreenedOn   string `json:"screened_on" col:"入库日期"`
	}
	err := decodeBody(w, r, &body)
	c := &patentbridge.ListingCandidate{OrgName: body.Organization, City: body.City}
	if err == nil {
		c.ScreenedOn, err = licDate("screened_on", body.ScreenedOn)
	}
	if err == nil {
		err = s.Listings.CreateListingCandidate(r.Context(), c)
	}
	if err != nil {
		s.error(w, r, jsonField(err, body))
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/listings/%d", c.ID))
	httpx.JSON(w, http.StatusCreated, newListingView(c))
}

// advanceListing serves POST /api/v1/listings/{id}/advance {"stage","date"}.
func (s *Server) advanceListing(w http.ResponseWriter, r *http.Request) {
	id, err := licPathID(r, "id", "上市培育企业")
	var body struct {
		Stage string `json:"stage"`                // code or Chinese name
		Date  string `json:"date" col:"跟踪日期,上市日期"` // the stage's date column, for jsonField
	}
	if err == nil {
		err = decodeBody(w, r, &body)
	}
	stage, ok := patentbridge.ParseListingStage(body.Stage)
	if err == nil && !ok {
		err = patentbridge.FieldErrorf("stage", "阶段 %q 无效：应为重点跟踪（followed）或成功上市（listed）", patentbridge.ClipValue(body.Stage))
	}
	var c *patentbridge.ListingCandidate
	if err == nil {
		on, derr := licDate("date", body.Date)
		if err = derr; err == nil {
			c, err = s.Listings.AdvanceListing(r.Context(), id, stage, on)
		}
	}
	if err != nil {
		s.error(w, r, jsonField(err, body))
		return
	}
	httpx.JSON(w, http.StatusOK, newListingView(c))
}

// getListing serves GET /api/v1/listings/{id}.
func (s *Server) getListing(w http.ResponseWriter, r *http.Request) {
	id, err := licPathID(r, "id", "上市培育企业")
	var c *patentbridge.ListingCandidate
	if err == nil {
		c, err = s.Listings.FindListingCandidate(r.Context(), id)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, newListingView(c))
}

// listListings serves GET /api/v1/listings?year=&city=&kind=(stage)&limit=&offset=.
func (s *Server) listListings(w http.ResponseWriter, r *http.Request) {
	f, err := programmeFilter(r.URL.Query(), "阶段", func(k string) (string, bool) {
		st, ok := patentbridge.ParseListingStage(k)
		return string(st), ok
	})
	var cs []*patentbridge.ListingCandidate
	var total int
	if err == nil {
		cs, total, err = s.Listings.ListListingCandidates(r.Context(), f)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	items := make([]listingView, len(cs))
	for i, c := range cs {
		items[i] = newListingView(c)
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"total": total, "items": items})
}
