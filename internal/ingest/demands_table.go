package ingest

import (
	"errors"
	"io"
	"strings"

	"patentbridge"
)

// table reads a small registry-like file (demands, enterprises) through the
// patent importer's sources: CSV/TSV in any supported encoding or XLSX, with
// columns found by their Chinese header names.
type table struct {
	src  source
	file string
	cols map[string]int    // canonical column name -> index
	head map[string]string // canonical column name -> header as in the file
}

// tableColumn is a canonical column and the header names that feed it, preferred first.
type tableColumn struct {
	name     string
	synonyms []string
}

// openTable opens path and maps its header row; required columns must be present,
// else the file is refused with EINVALID naming what it lacks.
func openTable(path, sheet, what string, columns []tableColumn, required ...string) (*table, error) {
	src, err := openSource(path, sheet)
	if err != nil {
		return nil, err
	}
	t := &table{src: src, file: baseName(path), cols: map[string]int{}, head: map[string]string{}}
	index := map[string]tableColumn{}
	for _, c := range columns {
		for _, s := range c.synonyms {
			index[normHeader(s)] = c
		}
	}
	rank := map[string]int{}
	for i, h := range src.header() {
		c, ok := index[normHeader(h)]
		if !ok {
			continue
		}
		r := indexOf(c.synonyms, h)
		if _, seen := t.cols[c.name]; !seen || r < rank[c.name] {
			t.cols[c.name], rank[c.name], t.head[c.name] = i, r, strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		}
	}
	for _, name := range required {
		if _, ok := t.cols[name]; !ok {
			src.close()
			return nil, patentbridge.Errorf(patentbridge.EINVALID, "文件 %s 不是%s：找不到“%s”列", t.file, what, name)
		}
	}
	return t, nil
}

// indexOf returns the rank of header h among synonyms (by normalized name).
func indexOf(synonyms []string, h string) int {
	for i, s := range synonyms {
		if normHeader(s) == normHeader(h) {
			return i
		}
	}
	return len(synonyms)
}

// next returns the next non-blank row, a *badRow, or io.EOF.
func (t *table) next() (row, error) { return t.src.next() }

// get returns a row's trimmed value of the canonical column and the header it came from.
func (t *table) get(r row, name string) cell {
	i, ok := t.cols[name]
	if !ok {
		return cell{column: name}
	}
	c := cell{column: t.head[name]}
	if i < len(r.values) {
		c.value = strings.TrimSpace(r.values[i])
	}
	return c
}

func (t *table) close() error { return t.src.close() }

// eachRow calls fn for every data row; unreadable rows are reported to bad
// with their problem (the column at fault when known).
func (t *table) eachRow(fn func(r row) error, bad func(line int, p problem) error) error {
	for {
		r, err := t.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var br *badRow
		if errors.As(err, &br) {
			if err := bad(br.line, problem{column: br.column, reason: br.reason}); err != nil {
				return err
			}
			continue
		} else if err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
}
