package httpx

import (
	"net/url"
	"strconv"
	"strings"

	"patentbridge"
)

// Supply-list sizes: how many sleeping patents a new list takes, best score first.
const (
	DefaultSupplyLimit = 100
	MaxSupplyLimit     = 1000
)

// ParseSupplyFilter reads the filter a supply list is built from: the parameters
// of ParseSleepingFilter (excluded and offset are ignored: a list offers sleeping
// patents from the top), industry_key ("system:industry", the web form's single
// select) and limit (1–1000, default 100). A bad value returns EINVALID with Field.
func ParseSupplyFilter(form url.Values) (patentbridge.SleepingFilter, error) {
	q := url.Values{}
	for k, v := range form {
		if k != "limit" && k != "offset" && k != "excluded" {
			q[k] = v
		}
	}
	if sys, name, ok := strings.Cut(form.Get("industry_key"), ":"); ok {
		q.Set("system", sys)
		q.Set("industry", name)
	}
	f, err := ParseSleepingFilter(q)
	if err != nil {
		return f, err
	}
	f.Limit = DefaultSupplyLimit
	if v := strings.TrimSpace(form.Get("limit")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxSupplyLimit {
			return f, patentbridge.FieldErrorf("limit", "清单专利数量 %q 无效：应为 1 到 %d 之间的整数", v, MaxSupplyLimit)
		}
		f.Limit = n
	}
	return f, nil
}
