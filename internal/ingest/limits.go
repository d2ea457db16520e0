package ingest

import (
	"fmt"
	"strings"

	"patentbridge"
)

// fieldMax returns the most characters a column feeding the field may hold
// (patentbridge.MaxTitle and the others; README "Import limits").
func fieldMax(f field) int {
	switch f {
	case fTitle:
		return patentbridge.MaxTitle
	case fAbstract:
		return patentbridge.MaxAbstract
	case fFirstClaim, fEvents, fCitedList, fFamilyList:
		return patentbridge.MaxLongText
	case fAddress:
		return patentbridge.MaxAddress
	case fAgency:
		return patentbridge.MaxName
	}
	return patentbridge.MaxField
}

// nameFields are the columns holding lists of names, each name within MaxName.
var nameFields = map[field]bool{fApplicants: true, fPatentees: true, fInventors: true}

// setLimits fills the layout's per-column limits: a mapped column's field's,
// MaxLongText for a column kept in Extra.
func (l *layout) setLimits(fieldOf []field) {
	l.max = make([]int, len(l.headers))
	l.names = make([]bool, len(l.headers))
	for i, f := range fieldOf {
		if f == fNone {
			l.max[i] = patentbridge.MaxLongText
			continue
		}
		l.max[i], l.names[i] = fieldMax(f), nameFields[f]
	}
}

// checkLimits returns a problem for every value of the row longer than its
// column allows, for a name longer than MaxName, and for unmapped columns beyond
// MaxExtraColumns or MaxExtraBytes; such a row is rejected whole.
func (l *layout) checkLimits(r row) []problem {
	var probs []problem
	for i, v := range r.values[:min(len(r.values), len(l.headers))] {
		v = strings.TrimSpace(v)
		if reason := patentbridge.TooLong(l.headers[i], v, l.max[i]); reason != "" {
			probs = append(probs, problem{l.headers[i], v, reason})
			continue
		}
		if l.names[i] {
			for _, name := range patentbridge.SplitList(v) {
				if reason := patentbridge.TooLong(l.headers[i], name, patentbridge.MaxName); reason != "" {
					probs = append(probs, problem{l.headers[i], name, "其中一个名称" + reason})
					break
				}
			}
		}
	}
	n, size := 0, 0
	overCount, overSize := false, false
	for _, i := range l.extra {
		if i >= len(r.values) {
			continue
		}
		v := strings.TrimSpace(r.values[i])
		if v == "" {
			continue
		}
		n++
		size += len(l.keys[i]) + len(v)
		if n > patentbridge.MaxExtraColumns && !overCount {
			overCount = true
			probs = append(probs, problem{l.headers[i], "", fmt.Sprintf(
				"未识别的列过多：这一行的非空未识别列超过 %d 个（从这一列起超出）；请删去无关的列后再导入", patentbridge.MaxExtraColumns)})
		}
		if size > patentbridge.MaxExtraBytes && !overSize {
			overSize = true
			probs = append(probs, problem{l.headers[i], "", fmt.Sprintf(
				"未识别的列合计过大：这一行的未识别列（列名和内容）合计超过 %d KB（到这一列时超出）；请删去无关的列后再导入", patentbridge.MaxExtraBytes>>10)})
		}
	}
	return probs
}

// checkLimits returns a problem, in column order, for every value of the row's
// canonical columns longer than limits allows (by canonical column name).
func (t *table) checkLimits(r row, columns []tableColumn, limits map[string]int) []problem {
	var probs []problem
	for _, col := range columns {
		max, ok := limits[col.name]
		if !ok {
			continue
		}
		c := t.get(r, col.name)
		if reason := patentbridge.TooLong(c.column, c.value, max); reason != "" {
			probs = append(probs, problem{c.column, c.value, reason})
		}
	}
	return probs
}
