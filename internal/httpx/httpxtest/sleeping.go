package httpxtest

import (
	"context"
	"slices"
	"strings"
	"sync"

	"patentbridge"
)

// SleepingService is an in-memory patentbridge.SleepingService over a
// ScreeningService's results and a PatentService's patents; it records filters.
type SleepingService struct {
	Screening *ScreeningService
	Patents   *PatentService

	mu      sync.Mutex
	filters []patentbridge.SleepingFilter
}

// LastFilter returns the filter of the most recent ListSleeping call.
func (s *SleepingService) LastFilter() patentbridge.SleepingFilter {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.filters) == 0 {
		return patentbridge.SleepingFilter{}
	}
	return s.filters[len(s.filters)-1]
}

// ListSleeping returns one page of the matching results, best score first.
func (s *SleepingService) ListSleeping(ctx context.Context, f patentbridge.SleepingFilter) ([]*patentbridge.SleepingItem, int, error) {
	s.mu.Lock()
	s.filters = append(s.filters, f)
	s.mu.Unlock()
	items, err := s.matching(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	total := len(items)
	if f.Offset >= len(items) {
		return []*patentbridge.SleepingItem{}, total, nil
	}
	items = items[f.Offset:]
	if f.Limit > 0 && len(items) > f.Limit {
		items = items[:f.Limit]
	}
	return items, total, nil
}

// CountSleeping counts the matching results by grade ("A"…"D") and by industry
// ("system:industry").
func (s *SleepingService) CountSleeping(ctx context.Context, f patentbridge.SleepingFilter) (map[string]int, error) {
	items, err := s.matching(ctx, f)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, it := range items {
		if it.Result.Grade != "" {
			out[it.Result.Grade]++
		}
		c := it.Result.Classes
		for sys, names := range map[string][]string{"sichuan_5_1": c.Sichuan51, "advantage_6": c.Advantage6, "agri_10_3": c.Agri103} {
			for _, n := range names {
				out[sys+":"+n]++
			}
		}
	}
	return out, nil
}

func (s *SleepingService) matching(ctx context.Context, f patentbridge.SleepingFilter) ([]*patentbridge.SleepingItem, error) {
	rs, _, err := s.Screening.sorted(f.RunID)
	if err != nil {
		return nil, err
	}
	var out []*patentbridge.SleepingItem
	for _, r := range rs {
		excluded := r.ExcludedBy == patentbridge.CritNotImplemented || r.ExcludedBy == patentbridge.CritNoReason
		if f.Excluded != excluded || (!f.Excluded && !r.Sleeping) {
			continue
		}
		p, err := s.Patents.FindPatent(ctx, r.AppNo)
		if err != nil {
			continue
		}
		if sleepingMatches(p, r, f) {
			out = append(out, &patentbridge.SleepingItem{Patent: p, Result: r})
		}
	}
	return out, nil
}

func sleepingMatches(p *patentbridge.Patent, r *patentbridge.ScreeningResult, f patentbridge.SleepingFilter) bool {
	c := r.Classes
	industries := map[string][]string{"sichuan_5_1": c.Sichuan51, "advantage_6": c.Advantage6, "agri_10_3": c.Agri103}
	switch {
	case f.Grade != "" && r.Grade != f.Grade,
		f.City != "" && !strings.HasPrefix(p.RegionCode, f.City),
		f.Kind != "" && p.Kind != f.Kind,
		f.GrantYear > 0 && p.GrantDate.Year() != f.GrantYear,
		f.Flag != "" && !slices.Contains(r.Flags, f.Flag),
		f.IPCPrefix != "" && !anyPrefix(p.IPC, f.IPCPrefix),
		f.Industry != "" && !slices.Contains(industries[f.System], f.Industry),
		f.System != "" && f.Industry == "" && len(industries[f.System]) == 0:
		return false
	}
	if f.SEI != "" && !slices.ContainsFunc(c.SEI, func(code string) bool { return code == f.SEI || strings.HasPrefix(code, f.SEI+".") }) {
		return false
	}
	if f.Institution != "" {
		return slices.ContainsFunc(p.Owners(), func(o patentbridge.Party) bool { return strings.Contains(o.Name, f.Institution) })
	}
	return true
}
