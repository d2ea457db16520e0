package api

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
)

// unknownField reads the key the decoder refused as unknown ("json: unknown
// field \"x\""); ok is false for any other error.
func unknownField(err error) (field string, ok bool) {
	field, ok = strings.CutPrefix(err.Error(), "json: unknown field ")
	return strings.Trim(field, `"`), ok
}

// unknownFieldKey returns the top-level key of body under which lies the
// unknown key field that decoding body into v refused, or "" when it is a
// top-level one (or cannot be placed). Each top-level value is decoded again
// on its own into its field's type to find the one that refuses it.
func unknownFieldKey(body []byte, v any, field string) string {
	t := reflect.TypeOf(v)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return ""
	}
	var values map[string]json.RawMessage
	if json.Unmarshal(body, &values) != nil {
		return ""
	}
	for key, raw := range values {
		f, ok := jsonKeyField(t, key)
		if !ok {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(reflect.New(f.Type).Interface()); err != nil {
			if got, ok := unknownField(err); ok && got == field {
				return key
			}
		}
	}
	return ""
}

// jsonKeyField finds the field of struct type t that the JSON key decodes
// into (its json tag's name, else its Go name, matched as encoding/json
// does, case-insensitively), looking into embedded structs.
func jsonKeyField(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				if g, ok := jsonKeyField(ft, key); ok {
					return g, true
				}
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if strings.EqualFold(name, key) {
			return f, true
		}
	}
	return reflect.StructField{}, false
}
