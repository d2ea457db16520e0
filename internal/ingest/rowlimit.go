package ingest

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"patentbridge"
)

// maxRowBytes bounds one record of a CSV or JSON file, which must be held whole
// to be read: far above a row within the field limits (about 1.5 MB at most),
// far below what would strain memory.
const maxRowBytes = 16 << 20

// errRowTooBig reports a record over maxRowBytes.
var errRowTooBig = errors.New("ingest: record over the limit")

// rowBudget reads from r until more than maxRowBytes were read since the last
// reset (the start of a record), then fails, so a reader never holds a giant
// record (a 190 MB cell, an unclosed quote running to the end of the file).
type rowBudget struct {
	r io.Reader
	n int
}

func (b *rowBudget) Read(p []byte) (int, error) {
	left := maxRowBytes + 1 - b.n
	if left <= 0 {
		return 0, errRowTooBig
	}
	n, err := b.r.Read(p[:min(len(p), left)])
	b.n += n
	return n, err
}

// reset starts counting a new record.
func (b *rowBudget) reset() { b.n = 0 }

// rowTooBig is the error for a file with a record over maxRowBytes after line
// (0: the first record).
func rowTooBig(path string, line int) error {
	where := "开头的一条记录"
	if line > 0 {
		where = fmt.Sprintf("第 %d 行之后的一条记录", line)
	}
	return recordTooBig(path, where)
}

// recordTooBig is the error for a file whose record (where) is over maxRowBytes.
func recordTooBig(path, where string) error {
	return patentbridge.Errorf(patentbridge.EINVALID,
		"文件 %s %s超过 %d MB，导入在此中止：这不像专利导出文件的一行，请检查引号是否成对、文件是否完整，修正后重新导入（不会产生重复）",
		filepath.Base(path), where, maxRowBytes>>20)
}
