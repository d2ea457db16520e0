package search

import (
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// Prefetch asks the kernel to read the index's files into the page cache in the
// background (posix_fadvise WILLNEED), so that the first searches after a start
// from a cold disk do not each wait for the pages they touch. It returns the
// bytes announced; an in-memory index has none. The pages are cache, not the
// process's memory, until a search maps them in.
func (ix *Index) Prefetch() (int64, error) {
	if ix.path == "" {
		return 0, nil
	}
	var total int64
	err := filepath.WalkDir(ix.path, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil {
			return err
		}
		total += info.Size()
		return unix.Fadvise(int(f.Fd()), 0, info.Size(), unix.FADV_WILLNEED)
	})
	return total, err
}
