package workbook

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// tokenKind says what a scanned piece of XML is.
type tokenKind int

const (
	tokText  tokenKind = iota // character data (CDATA included)
	tokStart                  // <name …>
	tokEnd                    // </name>
	tokEmpty                  // <name …/>
	tokOther                  // comment or processing instruction
)

// token is one piece of XML: its kind and, for tags, the element's local name.
type token struct {
	kind tokenKind
	name []byte
}

// errTooBig reports a single tag, text run or comment over the scanner's limit.
var errTooBig = errors.New("workbook: XML token over the limit")

// errDirective reports a <!DOCTYPE …> or other directive, which no workbook
// needs and which could declare entities.
var errDirective = errors.New("workbook: XML directive")

// scanner reads XML markup and text from a stream in bounded memory: it holds at
// most one tag (up to max bytes) and the first bytes of a text run, counting the
// rest without keeping it. It checks no well-formedness: it only has to see what
// the XML decoder reading the same bytes later will see.
type scanner struct {
	br      *bufio.Reader
	max     int    // most bytes in one token
	off     int64  // bytes consumed
	start   int64  // offset where the last token began
	tag     []byte // the last tag's bytes after '<', '>' included
	text    []byte // up to textKeep bytes of the last text run
	pending bool   // a '<' was consumed: the next token is markup
}

// textKeep is how much of a text run the scanner keeps (enough for a number).
const textKeep = 32

func newScanner(r io.Reader, max int) *scanner {
	return &scanner{br: bufio.NewReaderSize(r, 64<<10), max: max}
}

// next returns the next token, io.EOF at the end, errTooBig or errDirective.
func (s *scanner) next() (token, error) {
	if !s.pending {
		s.start = s.off
		s.text = s.text[:0]
		n := 0
		for {
			b, err := s.br.ReadSlice('<')
			s.off += int64(len(b))
			found := err == nil
			if found {
				b = b[:len(b)-1]
			}
			n += len(b)
			if k := min(len(b), textKeep-len(s.text)); k > 0 {
				s.text = append(s.text, b[:k]...)
			}
			if n > s.max {
				return token{}, errTooBig
			}
			if found {
				s.pending = true
				break
			}
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			if errors.Is(err, io.EOF) && n > 0 {
				return token{kind: tokText}, nil
			}
			return token{}, err
		}
		if n > 0 {
			return token{kind: tokText}, nil
		}
	}
	s.pending = false
	s.start = s.off - 1
	return s.markup()
}

// markup reads what follows a '<'.
func (s *scanner) markup() (token, error) {
	p, err := s.br.Peek(1)
	if err != nil {
		return token{}, unexpected(err)
	}
	switch p[0] {
	case '!':
		p, _ = s.br.Peek(8)
		switch {
		case bytes.HasPrefix(p, []byte("!--")):
			return token{kind: tokOther}, s.skipUntil("-->")
		case bytes.HasPrefix(p, []byte("![CDATA[")):
			s.text = s.text[:0]
			return token{kind: tokText}, s.skipUntil("]]>")
		}
		return token{}, errDirective
	case '?':
		return token{kind: tokOther}, s.skipUntil("?>")
	}
	if err := s.readTag(); err != nil {
		return token{}, err
	}
	t := token{kind: tokStart}
	body := s.tag[:len(s.tag)-1]
	if len(body) > 0 && body[0] == '/' {
		t.kind, body = tokEnd, body[1:]
	} else if n := len(body); n > 0 && body[n-1] == '/' {
		t.kind = tokEmpty
	}
	t.name = localName(body)
	return t, nil
}

// readTag reads a tag up to the '>' that ends it, outside quoted attribute values.
func (s *scanner) readTag() error {
	s.tag = s.tag[:0]
	var quote byte
	for {
		b, err := s.br.ReadSlice('>')
		s.off += int64(len(b))
		if len(s.tag)+len(b) > s.max {
			return errTooBig
		}
		s.tag = append(s.tag, b...)
		for _, c := range b {
			switch {
			case quote == 0 && (c == '"' || c == '\''):
				quote = c
			case c == quote:
				quote = 0
			}
		}
		if err == nil && quote == 0 {
			return nil
		}
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return unexpected(err)
		}
	}
}

// skipUntil consumes bytes through the terminator.
func (s *scanner) skipUntil(term string) error {
	n := 0
	var tail []byte // the last bytes read, enough to see a terminator split across reads
	for {
		b, err := s.br.ReadSlice(term[len(term)-1])
		s.off += int64(len(b))
		n += len(b)
		if n > s.max {
			return errTooBig
		}
		tail = append(tail, b[max(0, len(b)-len(term)):]...)
		if err == nil && bytes.HasSuffix(tail, []byte(term)) && n > len(term) {
			return nil
		}
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return unexpected(err)
		}
		tail = tail[max(0, len(tail)-len(term)):]
	}
}

// attr returns the value of the last tag's attribute (by its full name).
func (s *scanner) attr(name string) []byte {
	b := s.tag
	i := bytes.IndexAny(b, " \t\r\n")
	if i < 0 {
		return nil
	}
	b = b[i:]
	for {
		b = bytes.TrimLeft(b, " \t\r\n")
		eq := bytes.IndexByte(b, '=')
		if eq < 0 {
			return nil
		}
		key := bytes.TrimSpace(b[:eq])
		b = bytes.TrimLeft(b[eq+1:], " \t\r\n")
		if len(b) == 0 || b[0] != '"' && b[0] != '\'' {
			return nil
		}
		end := bytes.IndexByte(b[1:], b[0])
		if end < 0 {
			return nil
		}
		if string(key) == name {
			return b[1 : end+1]
		}
		b = b[end+2:]
	}
}

// localName returns a tag's element name without its namespace prefix.
func localName(body []byte) []byte {
	if i := bytes.IndexAny(body, " \t\r\n/"); i >= 0 {
		body = body[:i]
	}
	if i := bytes.LastIndexByte(body, ':'); i >= 0 {
		body = body[i+1:]
	}
	return body
}

func unexpected(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}
