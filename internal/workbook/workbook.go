// Package workbook opens XLSX files that users upload or name on the command
// line, refusing within bounded memory any whose parts, worksheets or shared
// strings exceed the limits below (decompression bombs among them) before
// excelize reads it.
package workbook

import (
	"bytes"
	"fmt"
	"path/filepath"

	"github.com/xuri/excelize/v2"

	"patentbridge"
)

// Limits of a workbook; README "Import limits" lists them. A real export (the
// 61-column layout holds about 2 KB of sheet XML per row) stays far below them;
// the row and column limits are Excel's own.
const (
	// MaxParts bounds the files (parts) in the zip.
	MaxParts = 10_000
	// MaxDirectory bounds the zip's central directory, read before any part.
	MaxDirectory = 8 << 20
	// MaxTotal bounds all parts uncompressed together.
	MaxTotal = 2 << 30
	// MaxSheet bounds one worksheet part uncompressed (streamed from a temporary file).
	MaxSheet = 1 << 30
	// MaxSharedStringsPart bounds the shared-strings part uncompressed.
	MaxSharedStringsPart = 1 << 30
	// MaxPart bounds any other part uncompressed (excelize holds those in memory).
	MaxPart = 32 << 20
	// MaxInMemory bounds the parts excelize holds in memory, together.
	MaxInMemory = 128 << 20
	// MaxRows bounds the rows of a worksheet.
	MaxRows = 1_048_576
	// MaxColumns bounds the cells of one row.
	MaxColumns = 16_384
	// MaxSharedStrings bounds the entries of the shared-strings table.
	MaxSharedStrings = 1_000_000
	// MaxCell bounds the XML of one cell, one shared string, and any one tag or
	// text run of a worksheet or the shared strings.
	MaxCell = 2 << 20
	// MaxRow bounds the values of one row together (shared strings at their size).
	MaxRow = 16 << 20
)

// memoryPart is excelize's UnzipXMLSizeLimit: larger worksheets and shared
// strings are read from temporary files, smaller ones from memory.
const memoryPart = 4 << 20

// options are the excelize options of every workbook opened here: raw cell values
// (dates as serials) and the size limits above.
var options = excelize.Options{RawCellValue: true, UnzipSizeLimit: MaxTotal, UnzipXMLSizeLimit: memoryPart}

// Open checks the workbook at path against the limits and opens it for reading
// with raw cell values (read rows with Rows, never GetRows). Returns ENOTFOUND
// for a missing file and EINVALID, in Chinese naming the file, for one that is
// not a workbook or exceeds a limit.
func Open(path string) (*excelize.File, *Info, error) {
	name := filepath.Base(path)
	f, err := patentbridge.OpenFile(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, corrupt(name)
	}
	info, err := Check(f, st.Size(), name)
	if err != nil {
		return nil, nil, err
	}
	x, err := excelize.OpenFile(path, options)
	if err != nil {
		return nil, nil, corrupt(name)
	}
	return x, info, nil
}

// OpenBytes is Open for a workbook held in memory (a small upload), named name
// in messages.
func OpenBytes(name string, b []byte) (*excelize.File, *Info, error) {
	info, err := Check(bytes.NewReader(b), int64(len(b)), name)
	if err != nil {
		return nil, nil, err
	}
	x, err := excelize.OpenReader(bytes.NewReader(b), options)
	if err != nil {
		return nil, nil, corrupt(name)
	}
	return x, info, nil
}

// corrupt is the error for a file that is not a readable workbook.
func corrupt(name string) error {
	return patentbridge.Errorf(patentbridge.EINVALID, "文件 %s 不是有效的 Excel（.xlsx）文件，可能已损坏", name)
}

// refuse is the error for a workbook over a limit; detail says which.
func refuse(name, format string, args ...any) error {
	return patentbridge.Errorf(patentbridge.EINVALID,
		"文件 %s 超出 Excel 导入的安全限制：%s。这样的文件通常是“压缩炸弹”或已损坏；如确为真实数据，请拆分成较小的文件或另存为 CSV 后再导入",
		name, fmt.Sprintf(format, args...))
}

// sizeText renders a byte limit as the operator reads it ("2 MB", "1 GB").
func sizeText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", n>>10)
}
