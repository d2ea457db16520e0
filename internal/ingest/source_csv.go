package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
)

// csvSource reads a CSV or TSV export in any supported encoding.
type csvSource struct {
	f    *os.File
	cr   *countingReader
	size int64
	r    *csv.Reader
	hdr  []string
	rb   *rowBudget
	line int // line of the last record read
}

// newCSVSource detects the encoding and the delimiter (tab or comma, whichever the
// header line has more of) and reads the header row.
func newCSVSource(f *os.File, cr *countingReader, size int64) (*csvSource, error) {
	text, _ := decodeText(cr)
	rb := &rowBudget{r: text}
	br := bufio.NewReaderSize(rb, sniffSize)
	r := csv.NewReader(br)
	r.Comma = detectDelimiter(br)
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	s := &csvSource{f: f, cr: cr, size: size, r: r, rb: rb}
	hdr, err := r.Read()
	if errors.Is(err, errRowTooBig) {
		f.Close()
		return nil, rowTooBig(f.Name(), 0)
	}
	if err != nil && !errors.Is(err, io.EOF) {
		var pe *csv.ParseError
		if !errors.As(err, &pe) {
			f.Close()
			return nil, err
		}
	}
	s.hdr = hdr
	if hdr != nil {
		s.line, _ = r.FieldPos(0)
	}
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
		s.rb.reset()
		rec, err := s.r.Read()
		if errors.Is(err, errRowTooBig) {
			return row{}, rowTooBig(s.f.Name(), s.line)
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return row{}, &badRow{line: pe.StartLine, reason: fmt.Sprintf("CSV 格式错误：第 %d 行第 %d 个字符附近%s", pe.Line, pe.Column, csvErrText(pe.Err))}
			}
			return row{}, err
		}
		line, _ := s.r.FieldPos(0)
		s.line = line
		r := row{line: line, values: rec}
		if !r.empty() {
			return r, nil
		}
	}
}

func (s *csvSource) fraction() float64 { return ratio(s.cr.n, s.size) }

func (s *csvSource) close() error { return s.f.Close() }

// csvErrText says in Chinese what a csv parse error means.
func csvErrText(err error) string {
	switch {
	case errors.Is(err, csv.ErrQuote):
		return "引号不成对"
	case errors.Is(err, csv.ErrBareQuote):
		return "有未转义的引号"
	case errors.Is(err, csv.ErrFieldCount):
		return "列数与表头不一致"
	}
	return "无法解析"
}
