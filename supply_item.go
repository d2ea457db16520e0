package patentbridge

import (
	"strconv"
	"strings"
)

// IndustryLabels returns the patent's industries in every classification system,
// each prefixed with its system: "5+1：电子信息", "六大优势产业：先进材料",
// "10+3：川茶", "战略性新兴产业：5.2", and "涉农专利" for agricultural patents.
func (c Classification) IndustryLabels() []string {
	var out []string
	add := func(system string, names []string) {
		for _, n := range names {
			out = append(out, system+"："+n)
		}
	}
	add("5+1", c.Sichuan51)
	add("六大优势产业", c.Advantage6)
	add("10+3", c.Agri103)
	add("战略性新兴产业", c.SEI)
	if c.Agricultural {
		out = append(out, "涉农专利")
	}
	return out
}

// City returns the 市(州) (4-digit code) the pool counts a sleeping patent
// under: its result's, the city of the in-region institution owner that
// qualified it; else, for a run from before results kept one, its patent's.
func (it *SleepingItem) City() string {
	if it.Result != nil && it.Result.City != "" {
		return it.Result.City
	}
	if it.Patent != nil && len(it.Patent.RegionCode) >= 4 {
		return it.Patent.RegionCode[:4]
	}
	return ""
}

// NewSupplyItem freezes a sleeping patent into a supply-list item: the current
// owners, the city it is counted under (SleepingItem.City), its grade, score,
// industries and high-value flags as the screening run found them.
func NewSupplyItem(it *SleepingItem) SupplyItem {
	p := it.Patent
	s := SupplyItem{AppNo: p.AppNo, Title: p.Title, Patentees: append([]Party(nil), p.Owners()...), GrantDate: p.GrantDate,
		City: it.City()}
	if r := it.Result; r != nil {
		s.Grade, s.Score = r.Grade, r.Score
		s.Industries = r.Classes.IndustryLabels()
		s.Flags = append([]string(nil), r.Flags...)
	}
	return s
}

// NumberLabel returns a published list's number as users cite it, "2026年第3期",
// or "草稿" for a list not yet published.
func (l *SupplyList) NumberLabel() string {
	if l.Year == 0 || l.Number == 0 {
		return "草稿"
	}
	return strconv.Itoa(l.Year) + "年第" + strconv.Itoa(l.Number) + "期"
}

// StatusLabel returns the Chinese name of the list's status.
func (l *SupplyList) StatusLabel() string {
	switch l.Status {
	case ListDraft:
		return "草稿"
	case ListPublished:
		return "已发布"
	case ListWithdrawn:
		return "已撤回"
	}
	return l.Status
}

// PartyNames joins the names of parties with "；", the separator of Chinese exports.
func PartyNames(ps []Party) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return strings.Join(names, "；")
}
