package httpx

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"patentbridge"
)

// ParseSearchQuery reads a full-text search from query parameters: q, the patent
// filters of ParsePatentFilter, grade (A, B, C or D), industry (a value of the
// industry facet) and sort (relevance, grant_date or grade; the list sorts of
// ParsePatentFilter do not apply).
func ParseSearchQuery(v url.Values) (patentbridge.SearchQuery, error) {
	sort, err := patentbridge.ParseSearchSort(v.Get("sort"))
	if err != nil {
		return patentbridge.SearchQuery{}, err
	}
	rest := url.Values{}
	for k, vs := range v {
		if k != "sort" {
			rest[k] = vs
		}
	}
	f, err := ParsePatentFilter(rest)
	if err != nil {
		return patentbridge.SearchQuery{}, err
	}
	q := patentbridge.SearchQuery{Text: strings.TrimSpace(v.Get("q")), Filter: f, Industry: strings.TrimSpace(v.Get("industry")), Sort: sort}
	if utf8.RuneCountInString(q.Industry) > 64 {
		return q, patentbridge.FieldErrorf("industry", "产业名称过长")
	}
	switch g := strings.ToUpper(strings.TrimSpace(v.Get("grade"))); g {
	case "", "A", "B", "C", "D":
		q.Grade = g
	default:
		return q, patentbridge.FieldErrorf("grade", "等级 %q 无效：应为 A、B、C 或 D", v.Get("grade"))
	}
	return q, nil
}
