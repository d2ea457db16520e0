package httpx

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"patentbridge"
)

// ParseSearchQuery reads a full-text search from query parameters: q, the patent
// filters of ParsePatentFilter, grade (A, B, C or D) and industry (a value of the
// industry facet).
func ParseSearchQuery(v url.Values) (patentbridge.SearchQuery, error) {
	f, err := ParsePatentFilter(v)
	if err != nil {
		return patentbridge.SearchQuery{}, err
	}
	q := patentbridge.SearchQuery{Text: strings.TrimSpace(v.Get("q")), Filter: f, Industry: strings.TrimSpace(v.Get("industry"))}
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
