package patentbridge

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Demand field limits.
const (
	DemandTitleMax       = 100
	DemandDescriptionMin = 10
	DemandDescriptionMax = 5000
	DemandBudgetMax      = 100_000_000 // 万元: 1万亿元
)

// Validate trims a demand's fields and checks them for review as of now: a
// title of at most 100 characters, a description of at least 10, the posting
// organization, a budget range with min ≤ max, a deadline not in the past and a
// 4- or 6-digit region code. Returns EINVALID naming the field.
func (d *Demand) Validate(now time.Time) error {
	if err := d.ValidateDraft(); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(d.Description); n < DemandDescriptionMin {
		return FieldErrorf("description", "需求描述至少%d个字，请说明要解决的技术问题（现有%d个字）", DemandDescriptionMin, n)
	}
	if d.Enterprise == "" {
		return FieldErrorf("enterprise", "请填写需求单位")
	}
	if !d.Deadline.IsZero() {
		today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		if d.Deadline.Before(today) {
			return FieldErrorf("deadline", "截止日期 %s 已经过去，请填写今天或以后的日期", FormatDate(d.Deadline))
		}
	}
	return nil
}

// ValidateDraft trims a demand's fields and checks what a draft must already
// satisfy: a title, the size limits, the budget range and the region code's
// form; the rest waits for Validate at submission. Returns EINVALID naming the field.
func (d *Demand) ValidateDraft() error {
	d.Title = strings.TrimSpace(d.Title)
	d.Description = strings.TrimSpace(d.Description)
	d.Industry = strings.TrimSpace(d.Industry)
	d.RegionCode = strings.TrimSpace(d.RegionCode)
	d.Contact = strings.TrimSpace(d.Contact)
	d.Enterprise = strings.TrimSpace(d.Enterprise)
	switch n := utf8.RuneCountInString(d.Title); {
	case n == 0:
		return FieldErrorf("title", "请填写需求名称")
	case n > DemandTitleMax:
		return FieldErrorf("title", "需求名称不能超过%d个字（现有%d个字）", DemandTitleMax, n)
	}
	if utf8.RuneCountInString(d.Description) > DemandDescriptionMax {
		return FieldErrorf("description", "需求描述不能超过%d个字", DemandDescriptionMax)
	}
	for _, f := range []struct {
		field, label, value string
		max                 int
		multiline           bool
	}{
		{"title", "需求名称", d.Title, DemandTitleMax, false}, {"description", "需求描述", d.Description, DemandDescriptionMax, true},
		{"enterprise", "需求单位", d.Enterprise, 100, false}, {"industry", "所属行业", d.Industry, 50, false}, {"contact", "联系方式", d.Contact, 200, false},
	} {
		if err := CheckText(f.field, f.label, f.value, f.max, f.multiline); err != nil {
			return err
		}
	}
	switch {
	case d.BudgetMin < 0 || d.BudgetMax < 0:
		return FieldErrorf("budget_min", "预算不能为负数")
	case d.BudgetMin > DemandBudgetMax:
		return BudgetTooLarge("budget_min")
	case d.BudgetMax > DemandBudgetMax:
		return BudgetTooLarge("budget_max")
	case d.BudgetMax > 0 && d.BudgetMin > d.BudgetMax:
		return FieldErrorf("budget_max", "预算下限（%d万元）不能高于预算上限（%d万元）", d.BudgetMin, d.BudgetMax)
	}
	if d.RegionCode != "" && !validRegionCode(d.RegionCode) {
		return FieldErrorf("region_code", "地区代码 %q 应为4位（市、州）或6位（区、县）数字", d.RegionCode)
	}
	return nil
}

// RegionList is the list a demand's region is chosen from: the cities (市、州)
// of the platform's province and their counties and districts.
type RegionList interface {
	// HasRegion reports whether a 4- or 6-digit GB/T 2260 code is on the list.
	HasRegion(code string) bool
}

// DemandProvinceCode is the province whose cities and counties a demand may
// name (四川省); the picker and the check both read it.
const DemandProvinceCode = "51"

// CheckRegion refuses a region code that is not on the list (a nil list
// checks nothing). Returns EINVALID naming the field "region_code".
func (d *Demand) CheckRegion(l RegionList) error {
	if d.RegionCode == "" || l == nil || l.HasRegion(d.RegionCode) {
		return nil
	}
	return FieldErrorf("region_code", "地区 %q 不在可选的四川省市（州）、区县列表中，请从列表中选择", d.RegionCode)
}

// CityCode returns the 4-digit city code of the demand's region, or "".
func (d *Demand) CityCode() string {
	if len(d.RegionCode) < 4 {
		return ""
	}
	return d.RegionCode[:4]
}

// validRegionCode reports whether s is 4 or 6 ASCII digits.
func validRegionCode(s string) bool {
	if len(s) != 4 && len(s) != 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// DemandStatusLabel returns the Chinese name of a demand status.
func DemandStatusLabel(s string) string {
	switch s {
	case DemandDraft:
		return "草稿"
	case DemandPending:
		return "待审核"
	case DemandPublished:
		return "已发布"
	case DemandRejected:
		return "已退回"
	case DemandClosed:
		return "已关闭"
	}
	return s
}

// BudgetTooLarge is the error for a budget over DemandBudgetMax on field, also
// for one too large to read as a number at all.
func BudgetTooLarge(field string) error {
	return FieldErrorf(field, "预算不能超过%d万元", DemandBudgetMax)
}
