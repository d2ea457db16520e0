package patentbridge

import (
	"errors"
	"os"
)

// OpenFile opens a file a user named (an export, a registry, an evaluation set); a
// missing file is ENOTFOUND and an unreadable one EINVALID, both in Chinese naming it.
func OpenFile(path string) (*os.File, error) {
	f, err := os.Open(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, Errorf(ENOTFOUND, "文件 %s 不存在", path)
	case err != nil:
		return nil, Errorf(EINVALID, "无法打开文件 %s", path)
	}
	return f, nil
}
