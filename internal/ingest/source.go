package ingest

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"

	"patentbridge"
)

// source yields the rows of one export file.
type source interface {
	// header returns the column names; JSON sources may add columns as they go.
	header() []string
	// next returns the next non-blank data row, a *badRow for a row that cannot be
	// read at all, or io.EOF.
	next() (row, error)
	// fraction returns the share (0..1) of the file consumed so far.
	fraction() float64
	close() error
}

// badRow is a row the reader itself could not parse; it is rejected, not fatal.
type badRow struct {
	line   int
	column string // the column at fault, when known
	reason string
}

func (b *badRow) Error() string { return b.reason }

// File formats an export can come in.
const (
	formatCSV  = "csv"
	formatXLSX = "xlsx"
	formatJSON = "json"
)

// detectFormat decides a file's format from its extension, except that the content
// wins for spreadsheets: a zip is read as XLSX whatever its name, and an old binary
// .xls is refused with advice.
func detectFormat(path string, head []byte) (string, error) {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return formatXLSX, nil
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "", patentbridge.Errorf(patentbridge.EINVALID,
			"文件 %s 是旧版 Excel（.xls）格式，请在 Excel 中另存为 .xlsx 或 CSV 后再导入", filepath.Base(path))
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return "", patentbridge.Errorf(patentbridge.EINVALID, "文件 %s 不是有效的 Excel（.xlsx）文件，可能已损坏", filepath.Base(path))
	case ".jsonl", ".json", ".ndjson":
		return formatJSON, nil
	case ".csv", ".tsv", ".txt":
		return formatCSV, nil
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	if len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		return formatJSON, nil
	}
	return formatCSV, nil
}

// openSource opens an export file in the format its name and content say.
func openSource(path, sheet string) (source, error) {
	f, err := patentbridge.OpenFile(path)
	if err != nil {
		return nil, err
	}
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	format, err := detectFormat(path, head)
	if err == nil && format != formatXLSX {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil || format == formatXLSX {
		f.Close()
		if err != nil {
			return nil, err
		}
		return openXLSX(path, sheet)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	cr := &countingReader{r: f}
	if format == formatJSON {
		return newJSONSource(f, cr, st.Size())
	}
	return newCSVSource(f, cr, st.Size())
}

// ratio returns done/total clamped to 0..1.
func ratio(done, total int64) float64 {
	if total <= 0 {
		return 0
	}
	return min(1, float64(done)/float64(total))
}
