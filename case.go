package patentbridge

import (
	"context"
	"slices"
	"strings"
	"time"
)

// TypicalCase is one 典型案例 of patent conversion: a title, its text, the
// 市(州) it happened in, the deals it tells of and its publication date. A
// case is public from its publication date on (DESIGN §3.10).
type TypicalCase struct {
	ID          int64     `json:"id"`
	Title       string    `json:"title"`
	Body        string    `json:"body"`
	City        string    `json:"city"`
	PublishedOn time.Time `json:"-"` // API: published_on
	DealIDs     []int64   `json:"deal_ids"`
	CreatedBy   int64     `json:"created_by"`
	CreatedAt   time.Time `json:"created_at"`
}

// Validate trims and checks a case: a title, a text, a Sichuan 市(州), a
// publication date and at most CaseDealsMax distinct deals. The publication
// date may lie ahead (the case is public from then on). Errors name the case
// template's columns (EINVALID).
func (c *TypicalCase) Validate() error {
	if err := checkTitle("标题", &c.Title); err != nil {
		return err
	}
	if c.Body = strings.TrimSpace(c.Body); c.Body == "" {
		return FieldErrorf("正文", "请填写正文")
	}
	if err := CheckText("正文", "正文", c.Body, CaseBodyMax, true); err != nil {
		return err
	}
	if err := checkCityCode("地区代码", &c.City, false); err != nil {
		return err
	}
	if c.PublishedOn.IsZero() {
		return FieldErrorf("发布日期", "请填写发布日期")
	}
	if err := CheckRecordFloor("发布日期", c.PublishedOn); err != nil {
		return err
	}
	c.PublishedOn = DateOf(c.PublishedOn)
	slices.Sort(c.DealIDs)
	c.DealIDs = slices.Compact(c.DealIDs)
	if len(c.DealIDs) > CaseDealsMax {
		return FieldErrorf("关联交易编号", "一个案例最多关联 %d 笔交易", CaseDealsMax)
	}
	for _, id := range c.DealIDs {
		if id <= 0 {
			return FieldErrorf("关联交易编号", "交易编号 %d 无效", id)
		}
	}
	return nil
}

// DiffersFrom names the first column (正文, 地区代码, 关联交易编号) in which
// the validated case c differs from o, a stored case of its title and date,
// or returns "" when c records the same case.
func (c *TypicalCase) DiffersFrom(o *TypicalCase) string {
	switch {
	case c.Body != o.Body:
		return "正文"
	case c.City != o.City:
		return "地区代码"
	case !slices.Equal(c.DealIDs, o.DealIDs):
		return "关联交易编号"
	}
	return ""
}

// Published reports whether the case is public on the day.
func (c *TypicalCase) Published(today time.Time) bool {
	return !DateOf(c.PublishedOn).After(DateOf(today))
}

// CaseService keeps typical cases. Writes are the admin's and the city users'
// (cases of their city, naming their city's deals), each audited; published
// cases are public.
type CaseService interface {
	// CreateCase validates and stores a case with its deals. Returns EINVALID,
	// ENOTFOUND (a deal that does not exist), ECONFLICT (a case of the same
	// title and publication date: with c.ID set to it when c is the same
	// case, else naming the column that differs), EUNAUTHORIZED, EFORBIDDEN.
	CreateCase(ctx context.Context, c *TypicalCase) error
	// FindCase returns a case: a published one to anyone, one not yet
	// published to the officials of its city. Returns ENOTFOUND.
	FindCase(ctx context.Context, id int64) (*TypicalCase, error)
	// ListCases returns one page of cases, latest publication first, and the
	// total: the published ones, and for officials also their scope's
	// unpublished ones. Returns EINVALID.
	ListCases(ctx context.Context, f ProgrammeFilter) ([]*TypicalCase, int, error)
}
