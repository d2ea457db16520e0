package web

import (
	"net/http"
	"strings"

	"patentbridge"
	"patentbridge/internal/httpx"
)

// demandPageSize is the number of demands per list page.
const demandPageSize = 20

// demandListView is the data of the public demand list.
type demandListView struct {
	Year        int
	YearCount   int
	Demands     []httpx.DemandView
	Total       int
	Cities      []option
	Industry, Q string
	Pager       httpx.Pager
	CanPost     bool
	CanModerate bool
}

// demandList serves /demands: published demands, newest first, filtered by
// industry, city and keyword, with this year's count.
func (s *Server) demandList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := patentbridge.UserFrom(ctx)
	q := r.URL.Query()
	offset, err := httpx.PageOffset(q, demandPageSize)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	f := patentbridge.DemandFilter{Status: patentbridge.DemandPublished, City: q.Get("city"), Industry: strings.TrimSpace(q.Get("industry")),
		Query: strings.TrimSpace(q.Get("q")), Limit: demandPageSize, Offset: offset}
	ds, total, err := s.Demands.ListDemands(ctx, f)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	counts, err := s.Demands.CountPublishedDemands(ctx)
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	v := demandListView{Year: s.Now().Year(), Total: total, Industry: f.Industry, Q: f.Query,
		CanPost: httpx.DemandPosters.Check(u) == nil, CanModerate: patentbridge.CanModerateDemands(u) == nil}
	v.YearCount = counts[v.Year]
	v.Cities = s.sichuanCities(f.City)
	for _, d := range ds {
		v.Demands = append(v.Demands, httpx.NewDemandView(d, u, s.Ref))
	}
	v.Pager = httpx.NewPager("/demands", q, total, demandPageSize, offset)
	s.render(w, r, http.StatusOK, "demands", "技术需求", "demands", v)
}
