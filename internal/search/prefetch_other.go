//go:build !linux

package search

// Prefetch does nothing where posix_fadvise is not available.
func (ix *Index) Prefetch() (int64, error) { return 0, nil }
