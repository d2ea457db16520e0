package screen

import (
	"testing"

	"patentbridge"
)

// The fast path agrees with patentbridge.NormalizeIPC on valid and invalid codes.
func TestNormIPCAgreesWithNormalizeIPC(t *testing.T) {
	for _, c := range []string{"H01M10/0525", "H01M", "H01", "A23F3/06", "G06F16/35", "A61K36/8968",
		"H01M 10/0525", "h01m10/0525", "H01M010/05", "H01M10/5", "H01M0/00", "I01M", "H0", "H01M10", "G06F16/35(2019.01)", ""} {
		want, err := patentbridge.NormalizeIPC(c)
		if err != nil {
			want = ""
		}
		if got := normIPC(c); got != want {
			t.Errorf("normIPC(%q) = %q, want %q", c, got, want)
		}
	}
}
