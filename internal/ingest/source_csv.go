package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"

	"patentbridge"
)

// csvSource reads a CSV or TSV export in any supported encoding.
type csvSource struct {
	f    *os.File
	cr   *countingReader
	size int64
	r    *csvReader
	hdr  []string
	line int // line of the last record read
}

// newCSVSource detects the encoding and the delimiter (tab or comma, whichever the
// header line has more of) and reads the header row. A header whose quote is
// never closed refuses the file.
func newCSVSource(f *os.File, cr *countingReader, size int64) (*csvSource, error) {
	text, _ := decodeText(cr)
	br := bufio.NewReaderSize(text, sniffSize)
	r := newCSVReader(br, detectDelimiter(br))
	s := &csvSource{f: f, cr: cr, size: size, r: r}
	line, hdr, err := r.read()
	var bad *badRow
	switch {
	case errors.Is(err, errRowTooBig):
		f.Close()
		return nil, rowTooBig(f.Name(), 0)
	case errors.As(err, &bad):
		f.Close()
		return nil, patentbridge.Errorf(patentbridge.EINVALID, "文件 %s 的表头无法读取：%s", filepath.Base(f.Name()), bad.reason)
	case err != nil && !errors.Is(err, io.EOF):
		f.Close()
		return nil, err
	}
	s.hdr, s.line, r.header = hdr, line, hdr
	return s, nil
}

// detectDelimiter looks at the first line of the decoded text.
func detectDelimiter(br *bufio.Reader) rune {
	line, _ := br.Peek(sniffSize)
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if bytes.Count(line, []byte{'\t'}) > bytes.Count(line, []byte{','}) {
		return '\t'
	}
	return ','
}

func (s *csvSource) header() []string { return s.hdr }

func (s *csvSource) next() (row, error) {
	for {
		line, rec, err := s.r.read()
		if errors.Is(err, errRowTooBig) {
			return row{}, rowTooBig(s.f.Name(), s.line)
		}
		if err != nil {
			return row{}, err
		}
		s.line = line
		r := row{line: line, values: rec}
		if !r.empty() {
			return r, nil
		}
	}
}

func (s *csvSource) fraction() float64 { return ratio(s.cr.n, s.size) }

func (s *csvSource) close() error { return s.f.Close() }
