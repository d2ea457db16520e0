// Package httpxtest provides in-memory implementations of PatentBridge's service
// interfaces and sample patents, for testing the HTTP layers without a database.
package httpxtest

import (
	"context"
	"sort"
	"strings"
	"sync"

	"patentbridge"
)

// PatentService is an in-memory patentbridge.PatentService that records the
// filters it was asked for.
type PatentService struct {
	mu      sync.Mutex
	patents map[string]*patentbridge.Patent
	filters []patentbridge.PatentFilter
}

// NewPatentService returns a store holding ps.
func NewPatentService(ps ...*patentbridge.Patent) *PatentService {
	s := &PatentService{patents: map[string]*patentbridge.Patent{}}
	for _, p := range ps {
		s.patents[p.AppNo] = p
	}
	return s
}

// LastFilter returns the filter of the most recent ListPatents call.
func (s *PatentService) LastFilter() patentbridge.PatentFilter {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.filters) == 0 {
		return patentbridge.PatentFilter{}
	}
	return s.filters[len(s.filters)-1]
}

// FindPatent returns the patent or ENOTFOUND.
func (s *PatentService) FindPatent(ctx context.Context, appNo string) (*patentbridge.Patent, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.patents[appNo]
	if !ok {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "未找到申请号为 %s 的专利", patentbridge.FormatAppNo(appNo))
	}
	return p, nil
}

// ListPatents filters, sorts and pages the stored patents.
func (s *PatentService) ListPatents(ctx context.Context, f patentbridge.PatentFilter) ([]*patentbridge.Patent, int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.filters = append(s.filters, f)
	var out []*patentbridge.Patent
	for _, p := range s.patents {
		if matches(p, f) {
			out = append(out, p)
		}
	}
	key, desc := strings.TrimPrefix(f.Sort, "-"), strings.HasPrefix(f.Sort, "-")
	less := map[string]func(a, b *patentbridge.Patent) bool{
		"":           func(a, b *patentbridge.Patent) bool { return a.AppNo < b.AppNo },
		"app_no":     func(a, b *patentbridge.Patent) bool { return a.AppNo < b.AppNo },
		"title":      func(a, b *patentbridge.Patent) bool { return a.Title < b.Title },
		"app_date":   func(a, b *patentbridge.Patent) bool { return a.AppDate.Before(b.AppDate) },
		"grant_date": func(a, b *patentbridge.Patent) bool { return a.GrantDate.Before(b.GrantDate) },
	}[key]
	if less == nil {
		return nil, 0, patentbridge.FieldErrorf("sort", "排序方式 %q 无法识别", f.Sort)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if desc {
			return less(out[j], out[i])
		}
		return less(out[i], out[j])
	})
	total := len(out)
	if f.Offset >= len(out) {
		return []*patentbridge.Patent{}, total, nil
	}
	out = out[f.Offset:]
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, total, nil
}

func matches(p *patentbridge.Patent, f patentbridge.PatentFilter) bool {
	switch {
	case f.Kind != "" && p.Kind != f.Kind,
		f.Status != "" && p.Status != f.Status,
		f.City != "" && !strings.HasPrefix(p.RegionCode, f.City),
		f.GrantYearFrom > 0 && (p.GrantDate.IsZero() || p.GrantDate.Year() < f.GrantYearFrom),
		f.GrantYearTo > 0 && (p.GrantDate.IsZero() || p.GrantDate.Year() > f.GrantYearTo):
		return false
	}
	if f.IPCPrefix != "" && !anyPrefix(p.IPC, f.IPCPrefix) {
		return false
	}
	if f.Owner != "" || f.OwnerType != "" {
		ok := false
		for _, o := range p.Owners() {
			if strings.Contains(o.Name, f.Owner) && (f.OwnerType == "" || o.Type == f.OwnerType) {
				ok = true
			}
		}
		return ok
	}
	return true
}

func anyPrefix(codes []string, prefix string) bool {
	for _, c := range codes {
		if strings.HasPrefix(c, prefix) {
			return true
		}
	}
	return false
}

// UpsertPatents stores the patents by application number.
func (s *PatentService) UpsertPatents(ctx context.Context, ps []*patentbridge.Patent) (patentbridge.UpsertResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var r patentbridge.UpsertResult
	for _, p := range ps {
		if _, ok := s.patents[p.AppNo]; ok {
			r.Updated++
		} else {
			r.Inserted++
		}
		s.patents[p.AppNo] = p
	}
	return r, nil
}

// CountPatents returns how many patents are stored.
func (s *PatentService) CountPatents(ctx context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.patents), nil
}
