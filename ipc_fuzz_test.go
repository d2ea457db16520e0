package patentbridge_test

import (
	"regexp"
	"strings"
	"testing"

	"patentbridge"
)

// compactIPC is the canonical form NormalizeIPC returns: a section, class,
// subclass or group without spaces, the main group without leading zeros.
var compactIPC = regexp.MustCompile(`^[A-H]([0-9]{2}([A-Z]([1-9][0-9]{0,3}/[0-9]{1,6})?)?)?$`)

// FuzzNormalizeIPC checks that an IPC code is refused with a Chinese reason or
// returned in the canonical compact form, which normalizes to itself (also when
// spaced and lower-cased), and whose ancestors are canonical codes too.
func FuzzNormalizeIPC(f *testing.F) {
	for _, s := range []string{"H01M 10/052", "G06F16/35", "H01M10/0525(2010.01)", "c12g003/02", "G06F0/00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := patentbridge.NormalizeIPC(s)
		if err != nil {
			mustChineseError(t, err, "IPC分类号")
			return
		}
		if !compactIPC.MatchString(c) {
			t.Fatalf("%q -> %q: not a compact IPC code", s, c)
		}
		spaced := strings.ToLower(c)
		if len(c) > 4 {
			spaced = " " + spaced[:4] + " " + spaced[4:] + " (2006.01)"
		}
		for _, form := range []string{c, spaced} {
			if c2, err := patentbridge.NormalizeIPC(form); err != nil || c2 != c {
				t.Fatalf("%q -> %q, but %q -> %q %v", s, c, form, c2, err)
			}
		}
		for _, a := range patentbridge.IPCAncestors(c) {
			if a2, err := patentbridge.NormalizeIPC(a); err != nil || a2 != a || !strings.HasPrefix(c, strings.TrimSuffix(a, "/00")) {
				t.Fatalf("%q: ancestor %q -> %q %v", c, a, a2, err)
			}
		}
		if sub := patentbridge.IPCSubclass(c); sub != "" && (len(sub) != 4 || !strings.HasPrefix(c, sub)) {
			t.Fatalf("%q: subclass %q", c, sub)
		}
	})
}
