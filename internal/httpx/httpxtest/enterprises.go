package httpxtest

import (
	"context"
	"sort"
	"strings"
	"sync"

	"patentbridge"
)

// EnterpriseService is an in-memory patentbridge.EnterpriseService that upserts
// by normalized credit code and counts like the real store.
type EnterpriseService struct {
	mu     sync.Mutex
	byCode map[string]*patentbridge.Enterprise
	order  []string
}

// NewEnterpriseService returns a store holding es.
func NewEnterpriseService(es ...*patentbridge.Enterprise) *EnterpriseService {
	s := &EnterpriseService{byCode: map[string]*patentbridge.Enterprise{}}
	if _, err := s.UpsertEnterprises(context.Background(), es); err != nil {
		panic(err)
	}
	return s
}

// UpsertEnterprises inserts or updates by credit code. Returns EINVALID for a bad code.
func (s *EnterpriseService) UpsertEnterprises(ctx context.Context, es []*patentbridge.Enterprise) (patentbridge.UpsertResult, error) {
	var res patentbridge.UpsertResult
	for _, e := range es {
		c, err := patentbridge.NormalizeCreditCode(e.CreditCode)
		if err != nil {
			return res, err
		}
		e.CreditCode = c
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range es {
		old, ok := s.byCode[e.CreditCode]
		switch {
		case !ok:
			res.Inserted++
			s.order = append(s.order, e.CreditCode)
			e.ID = int64(len(s.order))
		case *old == *withID(e, old.ID):
			res.Unchanged++
		default:
			res.Updated++
		}
		if ok {
			e.ID = old.ID
		}
		c := *e
		s.byCode[e.CreditCode] = &c
	}
	return res, nil
}

func withID(e *patentbridge.Enterprise, id int64) *patentbridge.Enterprise {
	c := *e
	c.ID = id
	return &c
}

// ListEnterprises filters by park, city and query, in import order.
func (s *EnterpriseService) ListEnterprises(ctx context.Context, f patentbridge.EnterpriseFilter) ([]*patentbridge.Enterprise, int, error) {
	var all []*patentbridge.Enterprise
	s.EachEnterprise(ctx, func(e *patentbridge.Enterprise) error {
		switch {
		case f.Park != "" && e.Park != f.Park,
			f.City != "" && !strings.HasPrefix(e.RegionCode, f.City),
			f.Query != "" && !strings.Contains(e.Name+"\n"+e.Scope, f.Query) && e.CreditCode != strings.ToUpper(f.Query):
			return nil
		}
		all = append(all, e)
		return nil
	})
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	total := len(all)
	return all[min(f.Offset, total):min(f.Offset+limit, total)], total, nil
}

// EachEnterprise calls fn for copies of every enterprise in import order.
func (s *EnterpriseService) EachEnterprise(ctx context.Context, fn func(e *patentbridge.Enterprise) error) error {
	s.mu.Lock()
	es := make([]*patentbridge.Enterprise, 0, len(s.order))
	for _, c := range s.order {
		e := *s.byCode[c]
		es = append(es, &e)
	}
	s.mu.Unlock()
	for _, e := range es {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

// EnterpriseRanker is an httpx.EnterpriseRanker over an EnterpriseService and a
// PatentService that scores an enterprise by the characters its 经营范围 and
// industry share with the patent's title (bigrams), with the shared words as reasons.
type EnterpriseRanker struct {
	Enterprises patentbridge.EnterpriseService
	Patents     patentbridge.PatentService
}

// RankForPatent ranks the registry for a patent. Returns ENOTFOUND for an unknown patent.
func (r *EnterpriseRanker) RankForPatent(ctx context.Context, appNo string, limit int) ([]patentbridge.EnterpriseMatch, error) {
	p, err := r.Patents.FindPatent(ctx, appNo)
	if err != nil {
		return nil, err
	}
	grams := bigrams(p.Title)
	var out []patentbridge.EnterpriseMatch
	err = r.Enterprises.EachEnterprise(ctx, func(e *patentbridge.Enterprise) error {
		var shared []string
		for _, g := range bigrams(e.Scope + " " + e.Industry) {
			if contains(grams, g) && !contains(shared, g) {
				shared = append(shared, g)
			}
		}
		if len(shared) > 0 {
			out = append(out, patentbridge.EnterpriseMatch{Enterprise: *e, Score: float64(len(shared)) / float64(len(grams)),
				Reasons: []string{"经营范围与专利名称共有：" + strings.Join(shared, "、")}})
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, err
}

// bigrams returns the overlapping two-character Han substrings of s.
func bigrams(s string) []string {
	r := []rune(s)
	var out []string
	for i := 0; i+1 < len(r); i++ {
		if r[i] >= 0x4E00 && r[i] <= 0x9FFF && r[i+1] >= 0x4E00 && r[i+1] <= 0x9FFF {
			out = append(out, string(r[i:i+2]))
		}
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
