package workbook

import (
	"archive/zip"
	"bufio"
	"errors"
	"io"
	"strings"
)

// Info is what Check learned of a workbook on the way.
type Info struct {
	sheets map[string]string // sheet name -> worksheet part
	rows   map[string]int    // rows counted per part
}

// Rows returns the number of rows of the named sheet, 0 when unknown.
func (i *Info) Rows(sheet string) int { return i.rows[i.sheets[sheet]] }

// Check reads a workbook's zip directory and streams every XML part once,
// keeping no part in memory, and returns EINVALID naming the file when the
// workbook exceeds a limit or is not a readable zip.
func Check(r io.ReaderAt, size int64, name string) (*Info, error) {
	budget := &readBudget{r: r, left: MaxDirectory + 256<<10} // and the end record, comment included
	z, err := zip.NewReader(budget, size)
	switch {
	case budget.left < 0:
		return nil, refuse(name, "压缩包的目录超过 %s", sizeText(MaxDirectory))
	case err != nil:
		return nil, corrupt(name)
	case len(z.File) > MaxParts:
		return nil, refuse(name, "压缩包内的部件超过 %d 个", MaxParts)
	}
	budget.left = 1 << 62 // parts are bounded by their own limits below
	if err := checkSizes(z, name); err != nil {
		return nil, err
	}
	info := &Info{sheets: sheetParts(z), rows: map[string]int{}}
	labels := map[string]string{}
	for sheet, part := range info.sheets {
		labels[part] = "工作表“" + sheet + "”"
	}
	var sst []uint32
	for _, f := range z.File {
		if partName(f.Name) == sharedStrings {
			if sst, err = scanSharedStrings(f, name); err != nil {
				return nil, err
			}
		}
	}
	for _, f := range z.File {
		if partName(f.Name) == sharedStrings || f.FileInfo().IsDir() {
			continue
		}
		label := labels[f.Name]
		if label == "" {
			label = "部件 " + f.Name
		}
		rows, err := scanSheet(f, name, label, sst)
		if err != nil {
			return nil, err
		}
		if rows > 0 {
			info.rows[f.Name] = rows
		}
	}
	return info, nil
}

// sharedStrings is the shared-strings part's name as excelize finds it.
const sharedStrings = "xl/sharedstrings.xml"

// partName normalizes a zip entry's name as excelize compares names.
func partName(s string) string { return strings.ToLower(strings.ReplaceAll(s, `\`, "/")) }

// isSheet reports whether excelize treats the part as a worksheet (streamed from
// a temporary file when large).
func isSheet(part string) bool { return strings.HasPrefix(part, "xl/worksheets/sheet") }

// checkSizes applies the size limits to the parts' declared sizes, which the
// zip reader enforces while decompressing (a part that inflates past its
// declared size fails to read).
func checkSizes(z *zip.Reader, name string) error {
	var total, inMemory uint64
	seen := map[string]bool{}
	for _, f := range z.File {
		part := partName(f.Name)
		if seen[part] {
			return refuse(name, "压缩包内有重名的部件 %s", f.Name)
		}
		seen[part] = true
		n := f.UncompressedSize64
		limit := uint64(MaxPart)
		switch {
		case isSheet(part):
			limit = MaxSheet
		case part == sharedStrings:
			limit = MaxSharedStringsPart
		}
		if n > limit {
			return refuse(name, "部件 %s 解压后超过 %s", f.Name, sizeText(int64(limit)))
		}
		if total += n; total > MaxTotal {
			return refuse(name, "全部部件解压后合计超过 %s", sizeText(MaxTotal))
		}
		if limit == MaxPart || n <= memoryPart {
			if inMemory += n; inMemory > MaxInMemory {
				return refuse(name, "需要载入内存的部件解压后合计超过 %s", sizeText(MaxInMemory))
			}
		}
	}
	return nil
}

// readBudget is an io.ReaderAt that fails once more than left bytes were read,
// so that a zip whose central directory holds millions of entries is refused
// before they are all held in memory.
type readBudget struct {
	r    io.ReaderAt
	left int64
}

var errBudget = errors.New("workbook: zip directory over the limit")

func (b *readBudget) ReadAt(p []byte, off int64) (int, error) {
	if b.left -= int64(len(p)); b.left < 0 {
		return 0, errBudget
	}
	return b.r.ReadAt(p, off)
}

// openPart opens a part for scanning; ok is false for a part that is not XML
// (images, binaries), which excelize never parses.
func openPart(f *zip.File) (*bufio.Reader, io.Closer, bool, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, nil, false, err
	}
	br := bufio.NewReaderSize(rc, 64<<10)
	head, err := br.Peek(64)
	if err != nil && !errors.Is(err, io.EOF) {
		rc.Close()
		return nil, nil, false, err
	}
	h := strings.TrimLeft(strings.TrimPrefix(string(head), "\ufeff"), " \t\r\n")
	if !strings.HasPrefix(h, "<") {
		rc.Close()
		return nil, nil, false, nil
	}
	return br, rc, true, nil
}
