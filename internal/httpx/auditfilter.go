package httpx

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"patentbridge"
)

// AuditFilterFromQuery reads ?actor=&object=&action=&from=&to=&limit=&offset=;
// from and to are dates (YYYY-MM-DD, to inclusive) or RFC 3339 times. Returns EINVALID.
func AuditFilterFromQuery(q url.Values) (patentbridge.AuditFilter, error) {
	f := patentbridge.AuditFilter{Actor: strings.TrimSpace(q.Get("actor")), Object: strings.TrimSpace(q.Get("object")),
		Action: strings.TrimSpace(q.Get("action"))}
	var err error
	if f.From, err = auditTime(q.Get("from"), "from", false); err != nil {
		return f, err
	}
	if f.To, err = auditTime(q.Get("to"), "to", true); err != nil {
		return f, err
	}
	if f.Limit, err = intParam(q, "limit", "每页条数", DefaultLimit, 1, MaxLimit); err != nil {
		return f, err
	}
	f.Offset, err = intParam(q, "offset", "偏移量", 0, 0, 1<<30)
	return f, err
}

// auditTime reads a bound of the audit filter; a date as the upper bound
// includes its whole day.
func auditTime(v, field string, upper bool) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	t, err := time.Parse(patentbridge.DateLayout, v)
	if err != nil {
		return time.Time{}, patentbridge.FieldErrorf(field, "日期 %q 无法识别，请用 YYYY-MM-DD", v)
	}
	if upper {
		if t = t.AddDate(0, 0, 1); t.Year() > 9999 {
			return time.Time{}, nil // 9999-12-31 includes everything
		}
	}
	return t, nil
}

// MaxAuditCSVRows caps one CSV export of the audit log.
const MaxAuditCSVRows = 10000

// WriteAuditCSV writes audit entries as a UTF-8 (with BOM, for Excel and WPS)
// CSV download; cells that a spreadsheet would run as formulas are quoted with '.
func WriteAuditCSV(w http.ResponseWriter, es []*patentbridge.AuditEntry) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="audit.csv"`)
	w.Write([]byte("\ufeff"))
	cw := patentbridge.NewCSVWriter(w)
	cw.Write([]string{"时间", "操作人", "角色", "单位", "地址", "客户端", "操作", "对象", "修改前", "修改后"})
	for _, e := range es {
		cw.Write([]string{e.At.Format(time.RFC3339), e.Actor, e.Role.Label(), e.Organization, e.Address, e.UserAgent,
			e.Action, e.Object, string(e.Before), string(e.After)})
	}
	cw.Flush()
}
