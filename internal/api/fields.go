package api

import (
	"errors"
	"reflect"
	"slices"
	"strings"

	"patentbridge"
)

// jsonField returns err naming the request's JSON key instead of the template
// column the domain names: when err is or wraps a *patentbridge.Error whose
// Field is listed in the `col:"…"` tag (columns comma-separated) of a
// top-level field of req (a struct or a pointer to one), a copy of that error
// whose Field is that field's JSON key; otherwise err unchanged. When several
// keys list the column, the first one the request set (non-zero) wins, else
// the first. The original error is never modified.
func jsonField(err error, req any) error {
	var e *patentbridge.Error
	if !errors.As(err, &e) || e.Field == "" {
		return err
	}
	v := reflect.ValueOf(req)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return err
	}
	key := ""
	for i, t := 0, v.Type(); i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" || !slices.Contains(strings.Split(f.Tag.Get("col"), ","), e.Field) {
			continue
		}
		if key == "" {
			key = name
		}
		if !v.Field(i).IsZero() {
			key = name
			break
		}
	}
	if key == "" {
		return err
	}
	c := *e
	c.Field = key
	return &c
}
