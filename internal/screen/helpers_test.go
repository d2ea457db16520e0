package screen

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"patentbridge"
)

// MustDate parses YYYY-MM-DD.
func MustDate(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := patentbridge.ParseDate(s)
	if err != nil || t.IsZero() {
		tb.Fatalf("bad date %q: %v", s, err)
	}
	return t
}

// asOfDate is the screening date of the criterion tests.
const asOfDate = "2026-11-27"

// basePatent is a sleeping invention of 四川大学: granted over three years before
// asOfDate, in force, never transferred, licensed or pledged.
func basePatent(tb testing.TB) *patentbridge.Patent {
	tb.Helper()
	return &patentbridge.Patent{
		AppNo:       "2019102345678",
		Kind:        patentbridge.KindInvention,
		Title:       "一种藏茶的发酵加工方法",
		AppDate:     MustDate(tb, "2019-03-01"),
		GrantDate:   MustDate(tb, "2021-06-08"),
		Status:      patentbridge.StatusInForce,
		StatusText:  "有权-审定授权",
		MainIPC:     "A23F3/06",
		IPC:         []string{"A23F3/06", "A23F3/08"},
		Applicants:  []patentbridge.Party{{Name: "四川大学", Type: patentbridge.PartyUniversity}},
		Patentees:   []patentbridge.Party{{Name: "四川大学", Type: patentbridge.PartyUniversity}},
		Inventors:   []string{"张三", "李四"},
		RegionCode:  "510107",
		ClaimsCount: 8,
	}
}

// fakeStore is an in-memory Store that records what a run writes.
type fakeStore struct {
	mu       sync.Mutex
	patents  []*patentbridge.Patent
	decls    []*patentbridge.Declaration
	ratings  map[string]patentbridge.RatingSummary
	nextRun  int64
	runs     []*patentbridge.ScreeningRun
	results  map[int64]map[string]*patentbridge.ScreeningResult
	scores   map[int64]map[string]Score
	failSave error
	orgs     []*patentbridge.Organization
}

func newFakeStore(ps ...*patentbridge.Patent) *fakeStore {
	return &fakeStore{patents: ps, ratings: map[string]patentbridge.RatingSummary{},
		results: map[int64]map[string]*patentbridge.ScreeningResult{}, scores: map[int64]map[string]Score{}}
}

func (s *fakeStore) ScanPatents(ctx context.Context, fn func(p *patentbridge.Patent) error) error {
	for _, p := range s.patents {
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

func (s *fakeStore) ActiveDeclarations(ctx context.Context) (map[string][]*patentbridge.Declaration, error) {
	m := map[string][]*patentbridge.Declaration{}
	for _, d := range s.decls {
		if d.RevokedAt.IsZero() {
			m[d.AppNo] = append(m[d.AppNo], d)
		}
	}
	return m, nil
}

func (s *fakeStore) RatingSummaries(ctx context.Context) (map[string]patentbridge.RatingSummary, error) {
	return s.ratings, nil
}

func (s *fakeStore) RegistryOrganizations(ctx context.Context) ([]*patentbridge.Organization, error) {
	return s.orgs, nil
}

func (s *fakeStore) CountPatents(ctx context.Context) (int, error) { return len(s.patents), nil }

func (s *fakeStore) CreateScreeningRun(ctx context.Context, r *patentbridge.ScreeningRun) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextRun++
	r.ID, r.StartedAt = s.nextRun, time.Now()
	s.runs = append(s.runs, r)
	s.results[r.ID] = map[string]*patentbridge.ScreeningResult{}
	s.scores[r.ID] = map[string]Score{}
	return nil
}

func (s *fakeStore) SaveScreeningResults(ctx context.Context, runID int64, rs []*patentbridge.ScreeningResult) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failSave != nil {
		return s.failSave
	}
	for _, r := range rs {
		s.results[runID][r.AppNo] = r
	}
	return nil
}

func (s *fakeStore) SaveScreeningScores(ctx context.Context, runID int64, ss []Score) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, x := range ss {
		x.Normalized = slices.Clone(x.Normalized)
		x.Raw = slices.Clone(x.Raw)
		s.scores[runID][x.AppNo] = x
	}
	return nil
}

func (s *fakeStore) FinishScreeningRun(ctx context.Context, r *patentbridge.ScreeningRun) error {
	return nil
}
