package patentbridge_test

import (
	"testing"

	"patentbridge"
)

func TestNormalizeCreditCode(t *testing.T) {
	// The worked example of GB 32100-2015 and a public institution code.
	for _, code := range []string{"91350100M000100Y43", "12100000400000624D"} {
		t.Run(code, func(t *testing.T) {
			if got, err := patentbridge.NormalizeCreditCode(code); err != nil || got != code {
				t.Fatalf("got %q %v", got, err)
			}
		})
	}
	for _, bad := range []string{"91350100M000100Y44", "9135010OM000100Y43", "913501", ""} {
		if _, err := patentbridge.NormalizeCreditCode(bad); patentbridge.ErrorCode(err) != patentbridge.EINVALID {
			t.Errorf("%q accepted", bad)
		}
	}
}
