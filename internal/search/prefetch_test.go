package search

import (
	"io/fs"
	"path/filepath"
	"runtime"
	"testing"
)

func TestPrefetchAnnouncesTheIndexFiles(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("posix_fadvise is used on Linux only")
	}
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := OpenIndex(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Put([]Doc{{ID: "A1", Title: "一种锂离子电池", Kind: "invention"}}); err != nil {
		t.Fatal(err)
	}
	var want int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				want += info.Size()
			}
		}
		return nil
	})
	n, err := ix.Prefetch()
	if err != nil || n == 0 || n != want {
		t.Errorf("Prefetch = %d, %v; want the %d bytes of the index's files", n, err, want)
	}
	mem, _ := OpenIndex("")
	defer mem.Close()
	if n, err := mem.Prefetch(); n != 0 || err != nil {
		t.Errorf("in-memory Prefetch = %d, %v", n, err)
	}
}
