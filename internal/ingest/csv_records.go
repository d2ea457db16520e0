package ingest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"patentbridge"
)

// csvReader splits decoded CSV or TSV text into records as encoding/csv does
// with LazyQuotes (a quote inside a field is kept as it is), streaming, and
// notices the quote that is never closed: such a quote turns the rest of the
// file into one cell, which lazy parsing would accept silently. A quoted cell
// that spans lines and grows past the longest cell any column accepts
// (patentbridge.MaxLongText characters) is taken for one: it is no longer kept,
// the text is only scanned to where the record ends, and the record is reported
// as a *badRow naming the line the quote opened on and the lines lost.
type csvReader struct {
	br     *bufio.Reader
	comma  byte
	header []string // column names, once read, for the reasons
	line   int      // physical line being read, 1-based
	eof    bool     // the text is used up

	// the record being read
	buf        []byte // its fields' text, one after another
	ends       []int  // where each finished field ends in buf
	started    bool   // a byte of the record was seen
	recLine    int    // line the record starts on
	fieldBeg   bool   // at the start of a field
	inQuote    bool   // inside a quoted field
	quoteSeen  bool   // inside a quoted field, just after a quote
	quoteLine  int    // line the open quote is on
	quoteField int    // index of the field it opens
	runes      int    // characters of the open quoted field
	size       int    // bytes of the record read
	skip       bool   // the open quote was taken for one never closed
	cr         bool   // a carriage return is pending
	midLine    bool   // the line being read holds text
}

func newCSVReader(br *bufio.Reader, comma rune) *csvReader {
	return &csvReader{br: br, comma: byte(comma), line: 1}
}

// read returns the next record and the line it starts on; a *badRow for a
// quote never closed; errRowTooBig for a record over maxRowBytes; or io.EOF.
// Blank lines are skipped.
func (c *csvReader) read() (int, []string, error) {
	if c.eof {
		return 0, nil, io.EOF
	}
	c.buf, c.ends = c.buf[:0], c.ends[:0]
	c.started, c.fieldBeg, c.inQuote, c.quoteSeen, c.skip, c.size, c.cr = false, true, false, false, false, 0, false
	for {
		frag, err := c.br.ReadSlice('\n')
		if !c.skip {
			c.size += len(frag)
			if c.size > maxRowBytes {
				return 0, nil, errRowTooBig
			}
		}
		done := c.feedAll(frag)
		switch {
		case done && c.skip:
			return c.recLine, nil, c.closedLate()
		case done:
			return c.recLine, c.record(), nil
		case errors.Is(err, bufio.ErrBufferFull) || err == nil:
			continue
		case errors.Is(err, io.EOF):
			c.eof = true
			return c.atEOF()
		default:
			return 0, nil, err
		}
	}
}

// feedAll takes a fragment of the text, which only its last byte may end
// (a newline), and reports whether the record ended. Runs of bytes that change
// nothing but the cell are copied whole.
func (c *csvReader) feedAll(frag []byte) bool {
	done := false
	for i := 0; i < len(frag); {
		if j := c.plain(frag, i); j > i {
			run := frag[i:j]
			c.midLine = true
			if !c.skip {
				if c.inQuote {
					c.runes += runeCount(run)
				}
				c.buf = append(c.buf, run...)
			}
			c.checkCell()
			i = j
			continue
		}
		done = c.feed(frag[i])
		i++
	}
	return done
}

// runeCount counts the characters of UTF-8 text by their first bytes.
func runeCount(p []byte) int {
	n := 0
	for _, b := range p {
		if b&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// plain returns where the run of bytes from i that only add to the cell ends.
func (c *csvReader) plain(frag []byte, i int) int {
	if c.cr || !c.started || c.quoteSeen || (!c.inQuote && c.fieldBeg) {
		return i
	}
	stop := c.comma
	if c.inQuote {
		stop = '"'
	}
	for i < len(frag) {
		if b := frag[i]; b == stop || b == '\n' || b == '\r' {
			break
		}
		i++
	}
	return i
}

// feed takes one byte of the text and reports whether it ended the record.
func (c *csvReader) feed(b byte) bool {
	if c.cr {
		c.cr = false
		if b != '\n' {
			c.next('\r')
		}
	}
	if b == '\r' {
		c.cr = true // "\r\n" is read as "\n", as encoding/csv does
		return false
	}
	return c.next(b)
}

// next takes one byte, carriage returns resolved, skipping blank lines.
func (c *csvReader) next(b byte) bool {
	c.midLine = b != '\n'
	if !c.started {
		if b == '\n' {
			c.line++ // a blank line
			return false
		}
		c.started, c.recLine = true, c.line
	}
	return c.take(b)
}

// take runs the quote rules of encoding/csv's LazyQuotes on one byte.
func (c *csvReader) take(b byte) bool {
	switch {
	case c.quoteSeen:
		c.quoteSeen = false
		switch b {
		case '"':
			c.keep('"')
			return false
		case c.comma:
			c.inQuote = false
			c.endField()
			return false
		case '\n':
			c.inQuote = false
			c.endField()
			c.line++
			return true
		}
		c.keep('"') // a quote inside the quoted field, kept
		return c.take(b)
	case c.inQuote:
		switch b {
		case '"':
			c.quoteSeen = true
			return false
		case '\n':
			c.line++
		}
		if b&0xC0 != 0x80 {
			c.runes++
		}
		c.keep(b)
		c.checkCell()
		return false
	}
	switch b {
	case '"':
		if c.fieldBeg {
			c.fieldBeg, c.inQuote, c.runes = false, true, 0
			if !c.skip {
				c.quoteLine, c.quoteField = c.line, len(c.ends)
			}
			return false
		}
	case c.comma:
		c.endField()
		return false
	case '\n':
		c.endField()
		c.line++
		return true
	}
	c.fieldBeg = false
	c.keep(b)
	return false
}

// checkCell takes an open quoted cell that spans lines and is longer than any
// column accepts for a quote never closed: it is no longer kept.
func (c *csvReader) checkCell() {
	if c.inQuote && !c.skip && c.line > c.quoteLine && c.runes > patentbridge.MaxLongText {
		c.skip = true
		c.buf = nil
	}
}

func (c *csvReader) keep(b byte) {
	if !c.skip {
		c.buf = append(c.buf, b)
	}
}

func (c *csvReader) endField() {
	c.fieldBeg = true
	if !c.skip {
		c.ends = append(c.ends, len(c.buf))
	}
}

// record returns the fields read, sharing one string.
func (c *csvReader) record() []string {
	s := string(c.buf)
	rec := make([]string, len(c.ends))
	beg := 0
	for i, end := range c.ends {
		rec[i], beg = s[beg:end], end
	}
	return rec
}

// lastLine is the number of the last line read that holds text.
func (c *csvReader) lastLine() int {
	if c.midLine {
		return c.line
	}
	return c.line - 1
}

// atEOF finishes the record the text ended in: a quote still open is one never
// closed, and the lines after it are reported lost.
func (c *csvReader) atEOF() (int, []string, error) {
	if !c.started {
		return 0, nil, io.EOF
	}
	if c.inQuote && !c.quoteSeen {
		reason := fmt.Sprintf("引号未闭合：第 %d 行开始的引号直到文件末尾都没有闭合", c.quoteLine)
		if n := c.lastLine() - c.quoteLine; n > 0 {
			reason += fmt.Sprintf("，之后的 %d 行未能读取", n)
		}
		return c.recLine, nil, &badRow{line: c.recLine, column: c.columnName(), reason: reason + c.column() + "；请在该处补上引号后重新导入这个文件（已导入的行不会重复）"}
	}
	if c.skip {
		return c.recLine, nil, c.closedLate()
	}
	c.endField()
	return c.recLine, c.record(), nil
}

// closedLate is the reject of a record whose quoted cell was too long to be one.
func (c *csvReader) closedLate() error {
	last := c.lastLine()
	return &badRow{line: c.recLine, column: c.columnName(), reason: fmt.Sprintf(
		"引号可能未闭合：第 %d 行开始的引号到第 %d 行才闭合，这一格跨 %d 行、超过 %d 个字符，任何一列都不接受这么长的值%s；第 %d 行到第 %d 行未能读取，请检查第 %d 行的引号是否漏了另一半",
		c.quoteLine, last, last-c.quoteLine+1, patentbridge.MaxLongText, c.column(), c.recLine, last, c.quoteLine)}
}

// column names the column of the open quote in a reason, when the header has it.
func (c *csvReader) column() string {
	if name := c.columnName(); name != "" {
		return fmt.Sprintf("（引号在“%s”列）", name)
	}
	return ""
}

// columnName is the header's name of the open quote's column, "" when the
// header has none (or for the header itself).
func (c *csvReader) columnName() string {
	if c.quoteField < len(c.header) {
		return strings.TrimSpace(strings.TrimPrefix(c.header[c.quoteField], "\ufeff"))
	}
	return ""
}
