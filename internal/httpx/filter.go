package httpx

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"patentbridge"
)

// Page size bounds of every list.
const (
	DefaultLimit = 20
	MaxLimit     = 200
)

// SortKeys lists the accepted sort keys; each may be prefixed with "-" for
// descending order.
var SortKeys = []string{"app_date", "grant_date", "title", "app_no"}

// ParsePatentFilter reads a patent filter from query parameters (kind, owner_type,
// owner, city, ipc, status, grant_year_from, grant_year_to, sort, limit, offset).
// Kinds, owner types and statuses are accepted as API values or Chinese labels.
// A bad value returns EINVALID naming the parameter in Field.
func ParsePatentFilter(q url.Values) (patentbridge.PatentFilter, error) {
	f := patentbridge.PatentFilter{Limit: DefaultLimit}
	get := func(k string) string { return strings.TrimSpace(q.Get(k)) }
	if v := get("kind"); v != "" {
		k, ok := patentbridge.ParseKind(v)
		if !ok {
			return f, patentbridge.FieldErrorf("kind", "专利类型 %q 无法识别", v)
		}
		f.Kind = k
	}
	if v := get("owner_type"); v != "" {
		t, ok := patentbridge.ParsePartyTypeLabel(v)
		if !ok {
			return f, patentbridge.FieldErrorf("owner_type", "权利人类型 %q 无法识别", v)
		}
		f.OwnerType = t
	}
	f.Owner = patentbridge.NormalizeOrgName(get("owner"))
	if v := get("organization"); v != "" {
		id, ok := ParseID(v)
		if !ok {
			return f, patentbridge.FieldErrorf("organization", "单位编号 %q 无效", v)
		}
		f.OrgID = id
	}
	var err error
	if f.City, err = patentbridge.ParseCityFilter(get("city")); err != nil {
		return f, err
	}
	if v := get("ipc"); v != "" {
		p, err := NormalizeIPCPrefix(v)
		if err != nil {
			return f, err
		}
		f.IPCPrefix = p
	}
	if v := get("status"); v != "" {
		s, ok := parseStatus(v)
		if !ok {
			return f, patentbridge.FieldErrorf("status", "法律状态 %q 无法识别", v)
		}
		f.Status = s
	}
	if f.GrantYearFrom, err = intParam(q, "grant_year_from", "授权年份（起）", 0, 1985, 2100); err != nil {
		return f, err
	}
	if f.GrantYearTo, err = intParam(q, "grant_year_to", "授权年份（止）", 0, 1985, 2100); err != nil {
		return f, err
	}
	if f.GrantYearFrom > 0 && f.GrantYearTo > 0 && f.GrantYearFrom > f.GrantYearTo {
		return f, patentbridge.FieldErrorf("grant_year_to", "授权年份（止）%d 早于授权年份（起）%d", f.GrantYearTo, f.GrantYearFrom)
	}
	if v := get("sort"); v != "" {
		key := strings.TrimPrefix(v, "-")
		if !slices.Contains(SortKeys, key) {
			return f, patentbridge.FieldErrorf("sort", "排序方式 %q 无法识别（可按申请日、授权日、专利名称或申请号排序，正序或倒序）", patentbridge.ClipValue(v))
		}
		f.Sort = v
	}
	if f.Limit, err = intParam(q, "limit", "每页条数", DefaultLimit, 1, MaxLimit); err != nil {
		return f, err
	}
	if f.Offset, err = intParam(q, "offset", "偏移量", 0, 0, 1<<30); err != nil {
		return f, err
	}
	return f, nil
}

// intParam reads an optional integer parameter within [lo, hi].
func intParam(q url.Values, key, label string, def, lo, hi int) (int, error) {
	v := strings.TrimSpace(q.Get(key))
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return def, patentbridge.FieldErrorf(key, "%s %q 无效：应为 %d 到 %d 之间的整数", label, v, lo, hi)
	}
	return n, nil
}

// parseStatus accepts a LegalStatus value, its Chinese label or an export's text.
func parseStatus(v string) (patentbridge.LegalStatus, bool) {
	for _, s := range patentbridge.LegalStatuses {
		if string(s) == v || s.Label() == v {
			return s, true
		}
	}
	return patentbridge.NormalizeLegalStatus(v)
}

var mainGroupPrefix = regexp.MustCompile(`^([A-H]\d{2}[A-Z])0*(\d{1,4})/?$`)

// NormalizeIPCPrefix normalizes an IPC prefix for filtering: any full level
// patentbridge.NormalizeIPC accepts ("H01M", "G06F16/35"), or a main group without
// its subgroup ("G06F16", "G06F 16/"), which becomes "G06F16/" so that it matches
// G06F16/… and not G06F160/…. A malformed prefix returns EINVALID on field "ipc".
func NormalizeIPCPrefix(s string) (string, error) {
	compact := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if m := mainGroupPrefix.FindStringSubmatch(compact); m != nil {
		return m[1] + m[2] + "/", nil
	}
	c, err := patentbridge.NormalizeIPC(s)
	if err != nil {
		return "", patentbridge.FieldErrorf("ipc", "%s", patentbridge.ErrorMessage(err))
	}
	return c, nil
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
