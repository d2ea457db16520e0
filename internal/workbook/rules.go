package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
)

// scanSharedStrings streams the shared-strings part and returns each entry's
// size in bytes of XML (an upper bound of its text), refusing a table of more
// than MaxSharedStrings entries or an entry over MaxCell.
func scanSharedStrings(f *zip.File, name string) ([]uint32, error) {
	br, c, ok, err := openPart(f)
	if err != nil {
		return nil, corrupt(name)
	} else if !ok {
		return nil, nil
	}
	defer c.Close()
	s := newScanner(br, MaxCell)
	var sizes []uint32
	in, at := false, int64(0)
	for {
		t, err := s.next()
		if errors.Is(err, io.EOF) {
			return sizes, nil
		}
		if errors.Is(err, errTooBig) && in {
			return nil, refuse(name, "共享字符串表第 %d 条超过 %s", len(sizes)+1, sizeText(MaxCell))
		}
		if err != nil {
			return nil, scanError(err, name, "共享字符串表")
		}
		if string(t.name) == "si" {
			switch t.kind {
			case tokStart, tokEmpty:
				if len(sizes) == MaxSharedStrings {
					return nil, refuse(name, "共享字符串表超过 %d 条", MaxSharedStrings)
				}
				if t.kind == tokEmpty {
					sizes = append(sizes, 0)
					continue
				}
				in, at = true, s.start
			case tokEnd:
				if in {
					sizes = append(sizes, uint32(s.off-at))
				}
				in = false
			}
		}
		if in && s.off-at > MaxCell {
			return nil, refuse(name, "共享字符串表第 %d 条超过 %s", len(sizes)+1, sizeText(MaxCell))
		}
	}
}

// sheetScan is the state of one worksheet's scan.
type sheetScan struct {
	name, label string   // the file's and the sheet's names, for messages
	sst         []uint32 // shared-string sizes
	rows        int      // <row> elements so far
	rowNum      int      // the current row's number (its r attribute, else its position)
	lastRow     int      // the highest row number
	cells       int      // cells in the current row
	rowBytes    int64    // values of the finished cells of the current row
	inCell      bool
	cellAt      int64 // offset of the current cell's start tag
	shared      bool  // the current cell holds a shared-string index
	inValue     bool
	value       []byte // the current cell's <v>, for a shared-string index
}

// scanSheet streams an XML part with the worksheet rules (every XML part, since
// a workbook's relationships may name any part as a sheet) and returns its
// highest row number.
// Parts excelize streams from temporary files are held to MaxCell per tag or
// text run; the others are bounded by MaxPart already.
func scanSheet(f *zip.File, name, label string, sst []uint32) (int, error) {
	br, c, ok, err := openPart(f)
	if err != nil {
		return 0, corrupt(name)
	} else if !ok {
		return 0, nil
	}
	defer c.Close()
	limit := MaxPart
	if isSheet(partName(f.Name)) {
		limit = MaxCell
	}
	s := newScanner(br, limit)
	w := &sheetScan{name: name, label: label, sst: sst}
	for {
		t, err := s.next()
		if errors.Is(err, io.EOF) {
			return w.lastRow, nil
		}
		if errors.Is(err, errTooBig) && w.inCell {
			return 0, w.cellTooBig()
		}
		if err != nil {
			return 0, scanError(err, name, label)
		}
		if err := w.token(s, t); err != nil {
			return 0, err
		}
	}
}

// token applies the rules to one token.
func (w *sheetScan) token(s *scanner, t token) error {
	switch t.kind {
	case tokStart, tokEmpty:
		switch string(t.name) {
		case "row":
			if w.rows++; w.rows > MaxRows {
				return refuse(w.name, "%s超过 %d 行", w.label, MaxRows)
			}
			w.rowNum++
			if n, ok := number(s.attr("r")); ok {
				w.rowNum = n
			}
			if w.rowNum > MaxRows {
				return refuse(w.name, "%s超过 %d 行", w.label, MaxRows)
			}
			w.lastRow = max(w.lastRow, w.rowNum)
			w.cells, w.rowBytes = 0, 0
		case "c":
			if w.cells++; w.cells > MaxColumns {
				return refuse(w.name, "%s第 %d 行超过 %d 个单元格", w.label, w.rowNum, MaxColumns)
			}
			if t.kind == tokStart {
				w.inCell, w.cellAt, w.shared, w.value = true, s.start, string(s.attr("t")) == "s", w.value[:0]
			}
		case "v":
			w.inValue = w.inCell && t.kind == tokStart
		}
	case tokEnd:
		switch string(t.name) {
		case "v":
			w.inValue = false
		case "c":
			if w.inCell {
				w.inCell = false
				w.rowBytes += w.cellSize(s)
			}
		}
	case tokText:
		if w.inValue && len(w.value) < textKeep {
			w.value = append(w.value, s.text[:min(len(s.text), textKeep-len(w.value))]...)
		}
	}
	if !w.inCell {
		return w.checkRow(0)
	}
	if s.off-w.cellAt > MaxCell {
		return w.cellTooBig()
	}
	return w.checkRow(s.off - w.cellAt)
}

func (w *sheetScan) cellTooBig() error {
	return refuse(w.name, "%s第 %d 行有一个单元格超过 %s", w.label, w.rowNum, sizeText(MaxCell))
}

// cellSize is the size of the cell just finished: its XML, or the shared string
// it names when that is larger.
func (w *sheetScan) cellSize(s *scanner) int64 {
	n := s.off - w.cellAt
	if w.shared {
		if i, ok := number(bytes.TrimSpace(w.value)); ok && i < len(w.sst) {
			n = max(n, int64(w.sst[i]))
		}
	}
	return n
}

// number reads a non-negative decimal number of at most 9 digits without allocating.
func number(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func (w *sheetScan) checkRow(open int64) error {
	if w.rowBytes+open > MaxRow {
		return refuse(w.name, "%s第 %d 行的内容合计超过 %s", w.label, w.rowNum, sizeText(MaxRow))
	}
	return nil
}

// scanError turns a scanner error into the user's message.
func scanError(err error, name, label string) error {
	switch {
	case errors.Is(err, errTooBig):
		return refuse(name, "%s中有一段文字或一个标签超过 %s", label, sizeText(MaxCell))
	case errors.Is(err, errDirective):
		return refuse(name, "%s含有 XML 文档类型声明（<!DOCTYPE>），Excel 文件不含这种声明", label)
	}
	return corrupt(name)
}
