package httpx

import (
	"net/url"
	"strings"

	"patentbridge"
)

// ParseSearchQuery reads a full-text search from query parameters: q, the patent
// filters of ParsePatentFilter and grade (A, B, C or D).
func ParseSearchQuery(v url.Values) (patentbridge.SearchQuery, error) {
	f, err := ParsePatentFilter(v)
	if err != nil {
		return patentbridge.SearchQuery{}, err
	}
	q := patentbridge.SearchQuery{Text: strings.TrimSpace(v.Get("q")), Filter: f}
	switch g := strings.ToUpper(strings.TrimSpace(v.Get("grade"))); g {
	case "", "A", "B", "C", "D":
		q.Grade = g
	default:
		return q, patentbridge.FieldErrorf("grade", "等级 %q 无效：应为 A、B、C 或 D", v.Get("grade"))
	}
	return q, nil
}
