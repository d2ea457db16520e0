package patentbridge_test

import (
	"reflect"
	"testing"

	"patentbridge"
)

func TestNormalizeIPC(t *testing.T) {
	good := map[string]string{
		"G06F16/35":            "G06F16/35",
		"G06F 16/35":           "G06F16/35",
		"H01M 10/0525":         "H01M10/0525",
		"H01M10/0525(2010.01)": "H01M10/0525",
		"g06f":                 "G06F",
		"G06":                  "G06",
		"H":                    "H",
		"A23F 3/06":            "A23F3/06",
		"C12G003/02":           "C12G3/02",
	}
	for in, want := range good {
		got, err := patentbridge.NormalizeIPC(in)
		if err != nil || got != want {
			t.Errorf("%q: got %q %v, want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "G06F16", "X01B", "G6F", "G06F16/", "GO6F16/35", "G06F0/00", "专利"} {
		if _, err := patentbridge.NormalizeIPC(bad); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
			t.Errorf("%q accepted", bad)
		}
	}
	if got := patentbridge.IPCAncestors("G06F16/35"); !reflect.DeepEqual(got, []string{"G06F16/35", "G06F16/00", "G06F", "G06", "G"}) {
		t.Errorf("ancestors = %v", got)
	}
}
