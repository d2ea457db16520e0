package web

import (
	"cmp"
	"context"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"patentbridge"
	"patentbridge/internal/chart"
	"patentbridge/internal/httpx"
)

// poolView is the home page's picture of the sleeping-patent pool of the
// latest finished screening: its size and three charts, all counted by the
// store (CountSleeping), never written down.
type poolView struct {
	RunID    int64
	AsOf     string
	Total    int
	Grades   chart.Bars
	Cities   chart.Bars
	Industry chart.Bars
}

// poolCache keeps the pool figures of one run for homeTTL: a run's results
// never change, and a new run is seen at once by its id.
type poolCache struct {
	mu   sync.Mutex
	at   time.Time
	view *poolView
}

// sleepingPool returns the pool figures of the latest finished run, or nil
// when there is none (or no screening service).
func (s *Server) sleepingPool(ctx context.Context) (*poolView, error) {
	if s.Screening == nil || s.Sleeping == nil {
		return nil, nil
	}
	run, err := s.Screening.LatestRun(ctx)
	if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	c := &s.poolCache
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.view != nil && c.view.RunID == run.ID && time.Since(c.at) < homeTTL {
		return c.view, nil
	}
	f := patentbridge.SleepingFilter{RunID: run.ID, Limit: 1}
	_, total, err := s.Sleeping.ListSleeping(ctx, f)
	if err != nil {
		return nil, err
	}
	counts, err := s.Sleeping.CountSleeping(ctx, f)
	if err != nil {
		return nil, err
	}
	v := &poolView{RunID: run.ID, AsOf: patentbridge.FormatDate(run.AsOf), Total: total,
		Grades:   chart.Bars{ID: "chart-grade", Title: "沉睡专利按等级", Unit: "件"},
		Cities:   chart.Bars{ID: "chart-city", Title: "沉睡专利按市（州）", Unit: "件"},
		Industry: chart.Bars{ID: "chart-industry", Title: "沉睡专利按“5+1”现代产业体系", Unit: "件", Overlapping: true}}
	for _, g := range patentbridge.Grades {
		n, ok := counts[g]
		if !ok {
			n = counts["grade:"+g]
		}
		v.Grades.Bars = append(v.Grades.Bars, chart.Bar{Label: g + "级", Value: float64(n), Href: sleepingHref("grade", g)})
	}
	v.Cities.Bars = s.cityBars(counts)
	for _, ind := range patentbridge.Industries(patentbridge.System51) {
		v.Industry.Bars = append(v.Industry.Bars, chart.Bar{Label: ind, Value: float64(counts[patentbridge.System51+":"+ind]),
			Href: "/sleeping?" + url.Values{"system": {patentbridge.System51}, "industry": {ind}}.Encode()})
	}
	c.view, c.at = v, time.Now()
	return v, nil
}

// cityBars are the pool's counts per city, most first: every city of Sichuan
// (zero included, so that a city with none says so), then any other city a
// count names.
func (s *Server) cityBars(counts map[string]int) []chart.Bar {
	var bars []chart.Bar
	seen := map[string]bool{}
	for _, c := range httpx.RegistrationCities(s.Ref) {
		seen[c.CityCode] = true
		bars = append(bars, chart.Bar{Label: c.Name, Value: float64(counts["city:"+c.CityCode]), Href: sleepingHref("city", c.CityCode)})
	}
	for k, n := range counts {
		code, ok := strings.CutPrefix(k, "city:")
		if !ok || seen[code] || n == 0 {
			continue
		}
		name := code
		if s.Ref != nil && s.Ref.CityName(code) != "" {
			name = s.Ref.CityName(code)
		}
		bars = append(bars, chart.Bar{Label: name, Value: float64(n), Href: sleepingHref("city", code)})
	}
	slices.SortStableFunc(bars, func(a, b chart.Bar) int { return cmp.Compare(b.Value, a.Value) })
	return bars
}

func sleepingHref(key, value string) string { return "/sleeping?" + url.Values{key: {value}}.Encode() }

// latestView is what the home page lists as just published; a list goes by
// its heading, which names its issuer (two issuers may share a number).
type latestView struct {
	Lists   []httpx.SupplyListView
	Demands []*patentbridge.Demand
	Offers  []httpx.OfferView // the latest published offers (supply items of the market)
	// OffersByYear counts the offers published in each year, supply items beside the lists.
	OffersByYear []yearCount
}

// homeLatest is the number of supply lists and demands the home page lists.
const homeLatest = 5

// latestPublished returns the latest published supply lists and demands.
func (s *Server) latestPublished(ctx context.Context) (latestView, error) {
	var v latestView
	if s.Supply != nil {
		ls, err := s.Supply.ListSupplyLists(ctx, false)
		if err != nil {
			return v, err
		}
		for _, l := range ls {
			if l.Status == patentbridge.ListPublished && len(v.Lists) < homeLatest {
				v.Lists = append(v.Lists, httpx.NewSupplyListView(l, s.Ref, false))
			}
		}
	}
	if s.Offers != nil {
		os, _, err := s.Offers.ListOffers(ctx, patentbridge.OfferFilter{Status: patentbridge.OfferPublished, Limit: homeLatest})
		if err != nil {
			return v, err
		}
		for _, o := range os {
			v.Offers = append(v.Offers, httpx.NewOfferView(o))
		}
		counts, err := s.Offers.CountOffers(ctx)
		if err != nil {
			return v, err
		}
		v.OffersByYear = years(counts)
	}
	if s.Demands != nil {
		ds, _, err := s.Demands.ListDemands(ctx, patentbridge.DemandFilter{Status: patentbridge.DemandPublished, Limit: homeLatest})
		if err != nil {
			return v, err
		}
		v.Demands = ds
	}
	return v, nil
}
