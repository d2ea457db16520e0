package web

import (
	"context"
	"net/http"
	"sync"
	"time"

	"patentbridge"
)

// homeView holds the figures of the home page, all counted from the store.
type homeView struct {
	Total   int
	ByKind  []countLink
	InForce countLink
	ByOwner []countLink
}

// homePage is the home page's data: the store's figures, the sleeping-patent
// pool's charts (nil before the first screening) and the latest publications.
type homePage struct {
	homeView
	Pool   *poolView
	Latest latestView
}

// countLink is a figure with the patent list that shows its records.
type countLink struct {
	Label string
	Count int
	Href  string
}

// homeTTL is how long the home page's figures are reused: they change only when
// data is imported, and counting a million patents takes seconds.
const homeTTL = time.Minute

// homeCache keeps the last home figures computed, with their time.
type homeCache struct {
	mu   sync.Mutex
	at   time.Time
	view homeView
}

// home serves the home page with the store's real patent figures.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	v, err := s.cachedHomeFigures(r.Context())
	if err != nil {
		s.errorPage(w, r, err)
		return
	}
	p := homePage{homeView: v}
	if p.Pool, err = s.sleepingPool(r.Context()); err != nil {
		s.errorPage(w, r, err)
		return
	}
	if p.Latest, err = s.latestPublished(r.Context()); err != nil {
		s.errorPage(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home", "首页", "home", p)
}

// cachedHomeFigures returns figures at most homeTTL old; the patent count is
// always current, so a finished import shows at once and refreshes the rest.
func (s *Server) cachedHomeFigures(ctx context.Context) (homeView, error) {
	total, err := s.Patents.CountPatents(ctx)
	if err != nil {
		return homeView{}, err
	}
	c := &s.homeCache
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.at) < homeTTL && c.view.Total == total {
		return c.view, nil
	}
	v, err := s.homeFigures(ctx)
	if err == nil {
		c.view, c.at = v, time.Now()
	}
	return v, err
}

func (s *Server) homeFigures(ctx context.Context) (homeView, error) {
	var v homeView
	var err error
	if v.Total, err = s.Patents.CountPatents(ctx); err != nil {
		return v, err
	}
	count := func(label, href string, f patentbridge.PatentFilter) (countLink, error) {
		f.Limit, f.Sort = 1, "app_no" // only the total is used; app_no is the cheapest order
		_, n, err := s.Patents.ListPatents(ctx, f)
		return countLink{Label: label, Count: n, Href: href}, err
	}
	for _, k := range []patentbridge.Kind{patentbridge.KindInvention, patentbridge.KindUtility, patentbridge.KindDesign} {
		c, err := count(k.Label(), "/patents?kind="+string(k), patentbridge.PatentFilter{Kind: k})
		if err != nil {
			return v, err
		}
		v.ByKind = append(v.ByKind, c)
	}
	if v.InForce, err = count("有效专利", "/patents?status=in_force", patentbridge.PatentFilter{Status: patentbridge.StatusInForce}); err != nil {
		return v, err
	}
	for _, t := range patentbridge.PartyTypes {
		c, err := count(t.Label(), "/patents?owner_type="+string(t), patentbridge.PatentFilter{OwnerType: t})
		if err != nil {
			return v, err
		}
		v.ByOwner = append(v.ByOwner, c)
	}
	return v, nil
}

// WarmUp computes the home page's figures ahead of the first visitor (they take
// seconds to count at a million patents).
func (s *Server) WarmUp(ctx context.Context) {
	if _, err := s.cachedHomeFigures(ctx); err != nil && ctx.Err() == nil {
		s.Logger.Warn("home figures", "err", err)
	}
}
