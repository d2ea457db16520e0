package api

import (
	"net/url"
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
	f.City, err = patentbridge.ParseCityFilter(f.City)
	return f, err
}

// optDate renders a date as YYYY-MM-DD, "" for the zero time.
func optDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return patentbridge.FormatDate(t)
}
