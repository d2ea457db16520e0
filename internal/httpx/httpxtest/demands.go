package httpxtest

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"

	"patentbridge"
)

// DemandService is an in-memory patentbridge.DemandService and
// patentbridge.FeedbackService with the real rules: validation by
// patentbridge.Demand.Validate, moderation only of pending demands, a note to
// reject, city users limited to their city, one verdict per user, demand and patent.
type DemandService struct {
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	mu       sync.Mutex
	demands  map[int64]*patentbridge.Demand
	feedback map[feedbackKey]patentbridge.MatchFeedback
	nextID   int64
}

type feedbackKey struct {
	demand int64
	appNo  string
	user   int64
}

// NewDemandService returns an empty store reading the clock now (nil: patentbridge.Now).
func NewDemandService(now func() time.Time) *DemandService {
	return &DemandService{Now: now, demands: map[int64]*patentbridge.Demand{}, feedback: map[feedbackKey]patentbridge.MatchFeedback{}}
}

func (s *DemandService) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return patentbridge.Now().UTC()
}

// CreateDemand validates and stores a pending demand.
func (s *DemandService) CreateDemand(ctx context.Context, d *patentbridge.Demand) error {
	now := s.now()
	if err := d.Validate(now); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	d.ID, d.Status, d.CreatedAt, d.RejectNote, d.PublishedAt = s.nextID, patentbridge.DemandPending, now, "", time.Time{}
	c := *d
	s.demands[d.ID] = &c
	return nil
}

// FindDemand returns a copy of a demand. Returns ENOTFOUND.
func (s *DemandService) FindDemand(ctx context.Context, id int64) (*patentbridge.Demand, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.demands[id]
	if !ok {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "技术需求 %d 不存在", id)
	}
	c := *d
	return &c, nil
}

// ListDemands filters like the real store, published newest first.
func (s *DemandService) ListDemands(ctx context.Context, f patentbridge.DemandFilter) ([]*patentbridge.Demand, int, error) {
	if f.Offset < 0 {
		return nil, 0, patentbridge.FieldErrorf("offset", "偏移量不能为负数")
	}
	s.mu.Lock()
	var all []*patentbridge.Demand
	for _, d := range s.demands {
		switch {
		case f.Status != "" && d.Status != f.Status,
			f.City != "" && d.CityCode() != f.City[:min(4, len(f.City))],
			f.Industry != "" && d.Industry != f.Industry,
			f.Query != "" && !strings.Contains(d.Title+"\n"+d.Description+"\n"+d.Enterprise, f.Query),
			f.Year > 0 && (d.PublishedAt.IsZero() || d.PublishedAt.Year() != f.Year):
			continue
		}
		c := *d
		all = append(all, &c)
	}
	s.mu.Unlock()
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if !a.PublishedAt.Equal(b.PublishedAt) {
			return a.PublishedAt.After(b.PublishedAt)
		}
		return a.ID > b.ID
	})
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	total := len(all)
	all = all[min(f.Offset, total):min(f.Offset+limit, total)]
	return all, total, nil
}

// ModerateDemand publishes or rejects a pending demand.
func (s *DemandService) ModerateDemand(ctx context.Context, id int64, publish bool, note string, at time.Time) error {
	note = strings.TrimSpace(note)
	if !publish && note == "" {
		return patentbridge.FieldErrorf("note", "退回需求时请填写原因，需求单位会看到它")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.demands[id]
	if !ok {
		return patentbridge.Errorf(patentbridge.ENOTFOUND, "技术需求 %d 不存在", id)
	}
	if u := patentbridge.UserFrom(ctx); u != nil && u.Role == patentbridge.RoleCity && (u.CityCode == "" || d.CityCode() != u.CityCode[:min(4, len(u.CityCode))]) {
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只能审核本市（州）的技术需求")
	}
	if d.Status != patentbridge.DemandPending {
		return patentbridge.Errorf(patentbridge.ECONFLICT, "需求 %d 已审核（%s），不能重复审核", id, patentbridge.DemandStatusLabel(d.Status))
	}
	if publish {
		d.Status, d.PublishedAt, d.RejectNote = patentbridge.DemandPublished, at.UTC(), ""
	} else {
		d.Status, d.RejectNote = patentbridge.DemandRejected, note
	}
	return nil
}

// CountPublishedDemands counts published demands per publication year.
func (s *DemandService) CountPublishedDemands(ctx context.Context) (map[int]int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[int]int{}
	for _, d := range s.demands {
		if d.Status == patentbridge.DemandPublished {
			out[d.PublishedAt.Year()]++
		}
	}
	return out, nil
}

// SaveFeedback records or replaces a user's verdict on a match.
func (s *DemandService) SaveFeedback(ctx context.Context, f *patentbridge.MatchFeedback) error {
	if f.Verdict != patentbridge.FeedbackInterested && f.Verdict != patentbridge.FeedbackIrrelevant {
		return patentbridge.FieldErrorf("verdict", "反馈只能是“感兴趣”（interested）或“不相关”（irrelevant）")
	}
	appNo, _, err := patentbridge.NormalizeAppNo(f.AppNo)
	if err != nil {
		return err
	}
	if f.UserID <= 0 {
		return patentbridge.FieldErrorf("user_id", "请先登录再反馈")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.demands[f.DemandID]; !ok {
		return patentbridge.Errorf(patentbridge.ENOTFOUND, "技术需求 %d 不存在", f.DemandID)
	}
	f.AppNo, f.CreatedAt = appNo, s.now()
	s.feedback[feedbackKey{f.DemandID, appNo, f.UserID}] = *f
	return nil
}

// FeedbackCounts counts interested and irrelevant verdicts per patent.
func (s *DemandService) FeedbackCounts(ctx context.Context) (map[string][2]int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string][2]int{}
	for k, f := range s.feedback {
		c := out[k.appNo]
		if f.Verdict == patentbridge.FeedbackInterested {
			c[0]++
		} else {
			c[1]++
		}
		out[k.appNo] = c
	}
	return out, nil
}

// DemandFeedback returns one demand's verdicts by application number.
func (s *DemandService) DemandFeedback(ctx context.Context, demandID int64) (map[string]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]string{}
	for k, f := range s.feedback {
		if k.demand == demandID {
			out[k.appNo] = f.Verdict
		}
	}
	return out, nil
}
