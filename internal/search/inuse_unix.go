//go:build unix

package search

import (
	"errors"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"

	"patentbridge"
)

// checkNotInUse returns ECONFLICT when another process has the index in dir
// open: Bleve's root file is locked (flock, as its bolt store locks it).
func checkNotInUse(dir string) error {
	f, err := os.Open(filepath.Join(dir, "store", "root.bolt"))
	if err != nil {
		return nil // absent or unreadable: nobody serves from it
	}
	defer f.Close() // and releases the lock
	if err := unix.Flock(int(f.Fd()), unix.LOCK_SH|unix.LOCK_NB); errors.Is(err, unix.EWOULDBLOCK) {
		return patentbridge.Errorf(patentbridge.ECONFLICT, "索引目录 %s 正被运行中的服务使用：请先停止服务再重建（服务启动时会自动修复损坏的索引）", dir)
	}
	return nil
}
