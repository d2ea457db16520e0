package patentbridge

import (
	"path/filepath"
	"testing"
)

func TestOpenFileNamesTheFileInChinese(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "专利导出.csv")
	if _, err := OpenFile(missing); ErrorCode(err) != ENOTFOUND || ErrorMessage(err) != "文件 "+missing+" 不存在" {
		t.Errorf("missing file: %v", err)
	}
}
