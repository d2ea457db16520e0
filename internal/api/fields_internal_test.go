package api

import (
	"errors"
	"fmt"
	"testing"

	"patentbridge"
)

// jsonField names a column's JSON key on a copy of the error, found through
// wrapping; errors naming no tagged column, and the original, stay as they were.
func TestJSONFieldNamesTheKeyOnACopy(t *testing.T) {
	type request struct {
		AppNo    string `json:"app_no,omitempty" col:"申请号"`
		PoolID   int64  `json:"pool_id" col:"资金池,风险补偿资金池"`
		PoolName string `json:"pool" col:"风险补偿资金池"`
		Secret   string `json:"-" col:"密码"`
		Note     string `json:"note"`
	}
	orig := patentbridge.FieldErrorf("申请号", "申请号 %q 无效", "x")
	for _, tt := range []struct {
		name  string
		err   error
		req   any
		field string
	}{
		{"column", orig, request{}, "app_no"},
		{"wrapped", fmt.Errorf("create: %w", orig), &request{}, "app_no"},
		{"one of several columns", patentbridge.FieldErrorf("资金池", "m"), request{}, "pool_id"},
		{"several keys, none set: the first", patentbridge.FieldErrorf("风险补偿资金池", "m"), request{}, "pool_id"},
		{"several keys: the one set", patentbridge.FieldErrorf("风险补偿资金池", "m"), request{PoolName: "成都"}, "pool"},
		{"unknown column", patentbridge.FieldErrorf("受让方", "m"), request{}, "受让方"},
		{"a key already", patentbridge.FieldErrorf("note", "m"), request{}, "note"},
		{"no json key", patentbridge.FieldErrorf("密码", "m"), request{}, "密码"},
		{"no field", patentbridge.Errorf(patentbridge.ECONFLICT, "m"), request{}, ""},
		{"not a struct", orig, "app_no", "申请号"},
		{"nil pointer", orig, (*request)(nil), "申请号"},
	} {
		got := jsonField(tt.err, tt.req)
		if f := patentbridge.ErrorField(got); f != tt.field {
			t.Errorf("%s: field = %q, want %q", tt.name, f, tt.field)
		}
		if patentbridge.ErrorCode(got) != patentbridge.ErrorCode(tt.err) || patentbridge.ErrorMessage(got) != patentbridge.ErrorMessage(tt.err) {
			t.Errorf("%s: %v, want the code and message of %v", tt.name, got, tt.err)
		}
		if tt.field == patentbridge.ErrorField(tt.err) && got != tt.err {
			t.Errorf("%s: %v is not the error passed (%v)", tt.name, got, tt.err)
		}
	}
	if orig.Field != "申请号" || orig.Message != `申请号 "x" 无效` {
		t.Errorf("the original error was changed: %v", orig)
	}
	if got := jsonField(nil, request{}); got != nil {
		t.Errorf("nil = %v", got)
	}
	var e *patentbridge.Error
	if !errors.As(jsonField(orig, request{}), &e) || e == orig {
		t.Errorf("jsonField returned the original *Error, not a copy")
	}
}
