package httpxtest

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"patentbridge"
)

// Supply-list limits the in-memory service enforces, as the real store does.
const (
	DefaultSupplyItems = 100
	MaxSupplyItems     = 1000
)

// SupplyListService is an in-memory patentbridge.SupplyListService with the real
// rules: items selected through a SleepingService, city users limited to their
// city, numbering per publication year, published lists frozen, withdrawal only
// of published lists and with a reason.
type SupplyListService struct {
	Sleeping patentbridge.SleepingService

	mu     sync.Mutex
	lists  map[int64]*patentbridge.SupplyList
	nextID int64
}

// NewSupplyListService returns an empty store selecting items from sleeping.
func NewSupplyListService(sleeping patentbridge.SleepingService) *SupplyListService {
	return &SupplyListService{Sleeping: sleeping, lists: map[int64]*patentbridge.SupplyList{}}
}

// validateSupplyText checks a list's title and description.
func validateSupplyText(l *patentbridge.SupplyList) error {
	l.Title, l.Description = strings.TrimSpace(l.Title), strings.TrimSpace(l.Description)
	switch {
	case l.Title == "":
		return patentbridge.FieldErrorf("title", "请填写清单标题")
	case utf8.RuneCountInString(l.Title) > 100:
		return patentbridge.FieldErrorf("title", "清单标题不能超过100个字")
	case utf8.RuneCountInString(l.Description) > 2000:
		return patentbridge.FieldErrorf("description", "清单说明不能超过2000个字")
	}
	return nil
}

// CreateSupplyList selects up to Filter.Limit sleeping patents (default 100, at
// most 1000) and stores a draft with them.
func (s *SupplyListService) CreateSupplyList(ctx context.Context, l *patentbridge.SupplyList) error {
	if err := validateSupplyText(l); err != nil {
		return err
	}
	if u := patentbridge.UserFrom(ctx); u != nil && u.Role == patentbridge.RoleCity && (l.CityCode != u.CityCode || l.Filter.City != u.CityCode) {
		return patentbridge.Errorf(patentbridge.EFORBIDDEN, "没有权限：只能为本市（州）编制供给清单")
	}
	f := l.Filter
	switch {
	case f.Limit == 0:
		f.Limit = DefaultSupplyItems
	case f.Limit < 0 || f.Limit > MaxSupplyItems:
		return patentbridge.FieldErrorf("limit", "清单专利数量应为 1 到 %d", MaxSupplyItems)
	}
	f.Offset, f.Excluded = 0, false
	items, _, err := s.Sleeping.ListSleeping(ctx, f)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		return patentbridge.FieldErrorf("filter", "筛选条件没有选中任何沉睡专利，请放宽条件")
	}
	l.Items = make([]patentbridge.SupplyItem, len(items))
	for i, it := range items {
		l.Items[i] = patentbridge.NewSupplyItem(it)
	}
	l.Filter.Limit = f.Limit
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	l.ID, l.Status, l.CreatedAt = s.nextID, patentbridge.ListDraft, patentbridge.Now().UTC()
	l.Year, l.Number, l.PublishedAt, l.WithdrawnAt, l.WithdrawReason = 0, 0, time.Time{}, time.Time{}, ""
	s.lists[l.ID] = copyList(l)
	return nil
}

// UpdateSupplyList replaces a draft's title, description and items.
func (s *SupplyListService) UpdateSupplyList(ctx context.Context, l *patentbridge.SupplyList) error {
	if err := validateSupplyText(l); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, err := s.find(l.ID)
	if err != nil {
		return err
	}
	if cur.Status != patentbridge.ListDraft {
		return patentbridge.Errorf(patentbridge.ECONFLICT, "清单已发布（%s），内容已冻结，不能再修改", cur.NumberLabel())
	}
	if len(l.Items) == 0 {
		return patentbridge.FieldErrorf("items", "清单至少应保留一件专利")
	}
	cur.Title, cur.Description = l.Title, l.Description
	cur.Items = append([]patentbridge.SupplyItem(nil), l.Items...)
	return nil
}

// PublishSupplyList numbers a draft within the year of at and freezes it.
func (s *SupplyListService) PublishSupplyList(ctx context.Context, id int64, at time.Time) (*patentbridge.SupplyList, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, err := s.find(id)
	if err != nil {
		return nil, err
	}
	if l.Status != patentbridge.ListDraft {
		return nil, patentbridge.Errorf(patentbridge.ECONFLICT, "清单已于 %s 发布为%s，不能重复发布", patentbridge.FormatDate(l.PublishedAt), l.NumberLabel())
	}
	year, n := at.Year(), 0
	for _, o := range s.lists {
		if o.Year == year && o.Number > n {
			n = o.Number
		}
	}
	l.Status, l.Year, l.Number, l.PublishedAt = patentbridge.ListPublished, year, n+1, at
	return copyList(l), nil
}

// WithdrawSupplyList marks a published list withdrawn with the reason.
func (s *SupplyListService) WithdrawSupplyList(ctx context.Context, id int64, reason string, at time.Time) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return patentbridge.FieldErrorf("reason", "撤回清单须填写撤回原因")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	l, err := s.find(id)
	if err != nil {
		return err
	}
	if l.Status != patentbridge.ListPublished {
		return patentbridge.Errorf(patentbridge.ECONFLICT, "只能撤回已发布的清单（当前状态：%s）", l.StatusLabel())
	}
	l.Status, l.WithdrawnAt, l.WithdrawReason = patentbridge.ListWithdrawn, at, reason
	return nil
}

// FindSupplyList returns a copy of the list or ENOTFOUND.
func (s *SupplyListService) FindSupplyList(ctx context.Context, id int64) (*patentbridge.SupplyList, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, err := s.find(id)
	if err != nil {
		return nil, err
	}
	return copyList(l), nil
}

// ListSupplyLists returns copies of the lists, the latest published (or, for
// drafts, created) first.
func (s *SupplyListService) ListSupplyLists(ctx context.Context, includeDrafts bool) ([]*patentbridge.SupplyList, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []*patentbridge.SupplyList{}
	for _, l := range s.lists {
		if includeDrafts || l.Status != patentbridge.ListDraft {
			out = append(out, copyList(l))
		}
	}
	key := func(l *patentbridge.SupplyList) time.Time {
		if l.PublishedAt.IsZero() {
			return l.CreatedAt
		}
		return l.PublishedAt
	}
	sort.Slice(out, func(i, j int) bool {
		if a, b := key(out[i]), key(out[j]); !a.Equal(b) {
			return a.After(b)
		}
		return out[i].ID > out[j].ID
	})
	return out, nil
}

// CountPublishedLists counts lists by publication year; a withdrawn list was
// published and keeps its number, so it counts.
func (s *SupplyListService) CountPublishedLists(ctx context.Context) (map[int]int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[int]int{}
	for _, l := range s.lists {
		if l.Year > 0 {
			out[l.Year]++
		}
	}
	return out, nil
}

func (s *SupplyListService) find(id int64) (*patentbridge.SupplyList, error) {
	l, ok := s.lists[id]
	if !ok {
		return nil, patentbridge.Errorf(patentbridge.ENOTFOUND, "供给清单 %d 不存在", id)
	}
	return l, nil
}

// copyList copies a list deeply enough that callers cannot change the store.
func copyList(l *patentbridge.SupplyList) *patentbridge.SupplyList {
	c := *l
	c.Items = make([]patentbridge.SupplyItem, len(l.Items))
	for i, it := range l.Items {
		it.Patentees = append([]patentbridge.Party(nil), it.Patentees...)
		it.Industries = append([]string(nil), it.Industries...)
		it.Flags = append([]string(nil), it.Flags...)
		c.Items[i] = it
	}
	return &c
}
