package httpxtest

import (
	"context"
	"sort"
	"sync"
	"time"

	"patentbridge"
)

// ScreeningService is an in-memory patentbridge.ScreeningService holding runs and
// their results. RunScreening records a finished run with no results, unless Gate
// is set: then the run stays unfinished until Gate is closed or receives a value.
type ScreeningService struct {
	Gate chan struct{}

	mu      sync.Mutex
	runs    []*patentbridge.ScreeningRun
	results map[int64]map[string]*patentbridge.ScreeningResult
	started []time.Time
}

// NewScreeningService returns an empty store.
func NewScreeningService() *ScreeningService {
	return &ScreeningService{results: map[int64]map[string]*patentbridge.ScreeningResult{}}
}

// AddRun stores a run with its results (their RunID is set) and returns its ID.
func (s *ScreeningService) AddRun(run *patentbridge.ScreeningRun, rs ...*patentbridge.ScreeningResult) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	run.ID = int64(len(s.runs) + 1)
	if run.StartedAt.IsZero() {
		run.StartedAt = patentbridge.Now()
	}
	s.runs = append(s.runs, run)
	m := map[string]*patentbridge.ScreeningResult{}
	for _, r := range rs {
		r.RunID = run.ID
		m[r.AppNo] = r
	}
	s.results[run.ID] = m
	return run.ID
}

// Started returns the as-of dates RunScreening was called with.
func (s *ScreeningService) Started() []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Time(nil), s.started...)
}

// RunScreening records a run as of asOf; see the type's comment for Gate.
func (s *ScreeningService) RunScreening(ctx context.Context, asOf time.Time) (*patentbridge.ScreeningRun, error) {
	run := &patentbridge.ScreeningRun{AsOf: asOf, RuleVersion: "sleeping-test", WeightsVersion: "test",
		Excluded: map[patentbridge.Criterion]int{}, Grades: map[string]int{}}
	s.mu.Lock()
	s.started = append(s.started, asOf)
	s.mu.Unlock()
	s.AddRun(run)
	if s.Gate != nil {
		select {
		case <-s.Gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	run.FinishedAt = patentbridge.Now()
	c := *run
	return &c, nil
}

// LatestRun returns the newest finished run or ENOTFOUND.
func (s *ScreeningService) LatestRun(ctx context.Context) (*patentbridge.ScreeningRun, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r := s.latest(); r != nil {
		c := *r
		return &c, nil
	}
	return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "还没有完成的筛查")
}

// FindRun returns a run by id, the newest finished one for 0, or ENOTFOUND.
func (s *ScreeningService) FindRun(ctx context.Context, id int64) (*patentbridge.ScreeningRun, error) {
	if id == 0 {
		return s.LatestRun(ctx)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.runs {
		if r.ID == id {
			c := *r
			return &c, nil
		}
	}
	return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "筛查批次 %d 不存在", id)
}

func (s *ScreeningService) latest() *patentbridge.ScreeningRun {
	for i := len(s.runs) - 1; i >= 0; i-- {
		if !s.runs[i].FinishedAt.IsZero() {
			return s.runs[i]
		}
	}
	return nil
}

// ListRuns returns the newest runs first.
func (s *ScreeningService) ListRuns(ctx context.Context, limit int) ([]*patentbridge.ScreeningRun, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*patentbridge.ScreeningRun
	for i := len(s.runs) - 1; i >= 0 && (limit <= 0 || len(out) < limit); i-- {
		c := *s.runs[i]
		out = append(out, &c)
	}
	return out, nil
}

// FindScreeningResult returns a result of a run (0: the latest finished) or ENOTFOUND.
func (s *ScreeningService) FindScreeningResult(ctx context.Context, runID int64, appNo string) (*patentbridge.ScreeningResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if runID == 0 {
		if r := s.latest(); r != nil {
			runID = r.ID
		}
	}
	if r, ok := s.results[runID][appNo]; ok {
		return r, nil
	}
	return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "专利 %s 尚未筛查", patentbridge.FormatAppNo(appNo))
}

// results returns a run's results sorted by score, best first.
func (s *ScreeningService) sorted(runID int64) ([]*patentbridge.ScreeningResult, *patentbridge.ScreeningRun, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var run *patentbridge.ScreeningRun
	if runID == 0 {
		run = s.latest()
	} else if runID <= int64(len(s.runs)) {
		run = s.runs[runID-1]
	}
	if run == nil {
		return nil, nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "筛查批次不存在")
	}
	var out []*patentbridge.ScreeningResult
	for _, r := range s.results[run.ID] {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].AppNo < out[j].AppNo
	})
	return out, run, nil
}
