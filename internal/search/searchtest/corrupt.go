// Package searchtest holds test helpers for the full-text index's files, shared
// by the search package's tests and the end-to-end tests of cmd/patentbridge.
package searchtest

import (
	"os"
	"path/filepath"
	"testing"
)

// MustTruncateSegment cuts the largest segment file of the index in dir to a third.
func MustTruncateSegment(tb testing.TB, dir string) {
	tb.Helper()
	zaps, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	var largest string
	var size int64
	for _, z := range zaps {
		if fi, err := os.Stat(z); err == nil && fi.Size() > size {
			largest, size = z, fi.Size()
		}
	}
	if largest == "" {
		tb.Fatalf("no segment file in %s", dir)
	}
	if err := os.Truncate(largest, size/3); err != nil {
		tb.Fatal(err)
	}
}
