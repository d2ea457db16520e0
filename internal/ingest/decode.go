package ingest

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sniffSize is how much of a text file is examined to detect its encoding.
const sniffSize = 64 << 10

// decodeText returns a UTF-8 reader over a text export in UTF-8 (with or without
// BOM), UTF-16 with BOM (Excel's "Unicode text"), GBK or GB18030, and the name of
// the encoding found. GBK is read with the GB18030 decoder, its superset. Every
// reader yields valid UTF-8: bytes that are not (past the sniffed prefix, or a
// rune cut off at the end of the file) become U+FFFD, never stored as they are.
func decodeText(r io.Reader) (io.Reader, string) {
	br := bufio.NewReaderSize(r, sniffSize)
	prefix, _ := br.Peek(sniffSize)
	switch {
	case bytes.HasPrefix(prefix, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
		return transform.NewReader(br, unicode.UTF8.NewDecoder()), "UTF-8"
	case bytes.HasPrefix(prefix, []byte{0xFF, 0xFE}):
		return transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()), "UTF-16LE"
	case bytes.HasPrefix(prefix, []byte{0xFE, 0xFF}):
		return transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()), "UTF-16BE"
	case validUTF8Prefix(prefix):
		return transform.NewReader(br, unicode.UTF8.NewDecoder()), "UTF-8"
	}
	return transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder()), "GB18030"
}

// validUTF8Prefix reports whether p is valid UTF-8, ignoring a rune cut off at
// the end of the sniffed prefix.
func validUTF8Prefix(p []byte) bool {
	for i := len(p) - 1; i >= 0 && i >= len(p)-utf8.UTFMax; i-- {
		if utf8.RuneStart(p[i]) {
			if !utf8.FullRune(p[i:]) {
				p = p[:i]
			}
			break
		}
	}
	return utf8.Valid(p)
}

// countingReader counts the bytes read from the file, for progress reports.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
