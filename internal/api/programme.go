package api

import (
	"net/url"
	"strings"
	"time"

	"patentbridge"
)

// programmeFilter reads ?year=&city=&kind=&limit=&offset= of a programme
// record list; kind, when given, must parse by parseKind (its code or
// Chinese name). Returns EINVALID naming the parameter.
func programmeFilter(q url.Values, kindLabel string, parseKind func(string) (string, bool)) (patentbridge.ProgrammeFilter, error) {
	f := patentbridge.ProgrammeFilter{City: q.Get("city")}
	var err error
	if k := q.Get("kind"); k != "" {
		var ok bool
		if f.Kind, ok = parseKind(k); !ok {
			return f, patentbridge.FieldErrorf("kind", "%s %q 无效", kindLabel, patentbridge.ClipValue(k))
		}
	}
	if f.Limit, f.Offset, err = pageParams(q); err != nil {
		return f, err
	}
	if f.Year, err = patentbridge.ParseRecordYear("year", q.Get("year")); err != nil {
		return f, err
	}
	if c := f.City; c != "" && (len(c) != 4 || strings.Trim(c, "0123456789") != "") {
		return f, patentbridge.FieldErrorf("city", "城市代码 %q 无效：应为 4 位行政区划代码，如 5101（成都市）", patentbridge.ClipValue(c))
	}
	return f, nil
}

// optDate renders a date as YYYY-MM-DD, "" for the zero time.
func optDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return patentbridge.FormatDate(t)
}
