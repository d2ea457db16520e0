package ingest

import (
	"sort"
	"strconv"
	"strings"
)

// layout says which columns of a file feed which field.
type layout struct {
	headers []string         // trimmed header names, as in the file
	cols    [numFields][]int // column indexes per field, preferred first
	extra   []int            // columns no field takes, kept in Patent.Extra
	keys    []string         // Extra key per column (unique), "" for mapped columns
	max     []int            // most characters per column (setLimits)
	names   []bool           // columns holding lists of names
}

// newLayout maps a header row. ok is false when the file has no 申请号 column.
func newLayout(header []string) (*layout, bool) {
	l := &layout{headers: make([]string, len(header)), keys: make([]string, len(header))}
	type hit struct{ col, rank int }
	hits := map[field][]hit{}
	seen := map[string]int{}
	fieldOf := make([]field, len(header))
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		l.headers[i] = h
		if m, ok := headerIndex[normHeader(h)]; ok {
			fieldOf[i] = field(m.f)
			hits[field(m.f)] = append(hits[field(m.f)], hit{i, m.rank})
			if !keptRaw[field(m.f)] {
				continue
			}
		}
		if h == "" {
			h = "第" + strconv.Itoa(i+1) + "列"
		}
		key := h
		if n := seen[h]; n > 0 {
			key = h + "#" + strconv.Itoa(n+1)
		}
		seen[h]++
		l.keys[i] = key
		l.extra = append(l.extra, i)
	}
	for f, hs := range hits {
		sort.SliceStable(hs, func(a, b int) bool { return hs[a].rank < hs[b].rank })
		for _, h := range hs {
			l.cols[f] = append(l.cols[f], h.col)
		}
	}
	l.setLimits(fieldOf)
	return l, len(l.cols[fAppNo]) > 0
}

// cell is one value of a row and the header of the column it came from.
type cell struct {
	value, column string
}

// row is one data row of a file with its physical position.
type row struct {
	line   int
	values []string
}

// get returns the first non-empty value of the field's columns.
func (l *layout) get(r row, f field) cell {
	for _, c := range l.cols[f] {
		if c < len(r.values) {
			if v := strings.TrimSpace(r.values[c]); v != "" {
				return cell{v, l.headers[c]}
			}
		}
	}
	if len(l.cols[f]) > 0 {
		return cell{"", l.headers[l.cols[f][0]]}
	}
	return cell{}
}

// alternates returns the non-empty values of the field's other columns that say
// something the chosen value does not (授权名称 differing from 专利名称), so they are
// kept in Extra rather than lost.
func (l *layout) alternates(r row, f field, chosen string) map[string]string {
	var out map[string]string
	for _, c := range l.cols[f] {
		if c >= len(r.values) {
			continue
		}
		v := strings.TrimSpace(r.values[c])
		if v == "" || v == chosen || strings.Contains(chosen, v) {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[l.headers[c]] = v
	}
	return out
}

// empty reports whether every cell of the row is blank.
func (r row) empty() bool {
	for _, v := range r.values {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}
