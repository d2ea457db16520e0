package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"patentbridge"
)

// jsonSource reads JSON Lines (one object per line, keys are the export's header
// names) or a JSON array of such objects; line is the physical line for JSON Lines
// and the element's position for an array.
type jsonSource struct {
	f     *os.File
	cr    *countingReader
	size  int64
	br    *bufio.Reader
	arr   *json.Decoder // set for a JSON array
	line  int
	hdr   []string
	index map[string]int
	ahead *row // first object, read early for its keys
	rb    *rowBudget
}

func newJSONSource(f *os.File, cr *countingReader, size int64) (*jsonSource, error) {
	text, _ := decodeText(cr)
	rb := &rowBudget{r: text}
	s := &jsonSource{f: f, cr: cr, size: size, br: bufio.NewReaderSize(rb, sniffSize), index: map[string]int{}, rb: rb}
	if first := firstNonSpace(s.br); first == '[' {
		s.arr = json.NewDecoder(s.br)
		s.arr.UseNumber()
		if _, err := s.arr.Token(); err != nil {
			f.Close()
			return nil, err
		}
	}
	r, err := s.next()
	if err == nil {
		s.ahead = &r
	} else if !errors.Is(err, io.EOF) {
		var bad *badRow
		if !errors.As(err, &bad) {
			f.Close()
			return nil, err
		}
	}
	return s, nil
}

// firstNonSpace returns the first byte that is not whitespace, without consuming it.
func firstNonSpace(br *bufio.Reader) byte {
	p, _ := br.Peek(sniffSize)
	t := bytes.TrimLeft(p, " \t\r\n")
	if len(t) == 0 {
		return 0
	}
	return t[0]
}

func (s *jsonSource) header() []string { return s.hdr }

func (s *jsonSource) next() (row, error) {
	if s.ahead != nil {
		r := *s.ahead
		s.ahead = nil
		return r, nil
	}
	for {
		obj, err := s.readObject()
		if err != nil {
			return row{}, err
		}
		if obj != nil {
			r := s.toRow(obj)
			if !r.empty() {
				return r, nil
			}
		}
	}
}

// readObject returns the next object, nil for a blank line, or an error.
func (s *jsonSource) readObject() (map[string]any, error) {
	s.rb.reset()
	obj, err := s.readBounded()
	if errors.Is(err, errRowTooBig) {
		return nil, rowTooBig(s.f.Name(), s.line)
	}
	return obj, err
}

// readBounded reads the next object from a JSON array or JSON Lines.
func (s *jsonSource) readBounded() (map[string]any, error) {
	var obj map[string]any
	if s.arr != nil {
		if !s.arr.More() {
			return nil, io.EOF
		}
		s.line++
		if err := s.arr.Decode(&obj); errors.Is(err, errRowTooBig) {
			return nil, recordTooBig(s.f.Name(), fmt.Sprintf("的 JSON 数组第 %d 个元素", s.line))
		} else if err != nil {
			return nil, patentbridge.Errorf(patentbridge.EINVALID, "文件 %s 的 JSON 数组第 %d 个元素无法解析，导入在此中止", filepath.Base(s.f.Name()), s.line)
		}
		return obj, nil
	}
	b, err := s.br.ReadBytes('\n')
	if errors.Is(err, errRowTooBig) || len(b) == 0 && err != nil {
		return nil, err
	}
	s.line++
	if b = bytes.TrimSpace(b); len(b) == 0 {
		return nil, nil
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&obj); err != nil || d.More() {
		return nil, &badRow{line: s.line, reason: "JSON 格式错误：这一行不是一个完整的 JSON 对象"}
	}
	return obj, nil
}

// toRow places the object's values in header order, adding new keys (sorted) as
// columns.
func (s *jsonSource) toRow(obj map[string]any) row {
	var fresh []string
	for k := range obj {
		if _, ok := s.index[k]; !ok {
			fresh = append(fresh, k)
		}
	}
	sort.Strings(fresh)
	for _, k := range fresh {
		s.index[k] = len(s.hdr)
		s.hdr = append(s.hdr, k)
	}
	vals := make([]string, len(s.hdr))
	for k, v := range obj {
		vals[s.index[k]] = jsonText(v)
	}
	return row{line: s.line, values: vals}
}

// jsonText renders a JSON value as the text a CSV cell would hold; arrays become
// ";"-separated lists.
func jsonText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "是"
		}
		return "否"
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			parts = append(parts, jsonText(e))
		}
		return strings.Join(parts, ";")
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func (s *jsonSource) fraction() float64 { return ratio(s.cr.n, s.size) }

func (s *jsonSource) close() error { return s.f.Close() }
