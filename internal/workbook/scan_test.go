package workbook

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// The scanner sees the tags an XML decoder sees: quoted '>' stays inside a tag,
// comments, CDATA and processing instructions hide what looks like markup in
// them, prefixes are dropped, and self-closing tags are told from start tags.
func TestScannerTokens(t *testing.T) {
	in := `<?xml version="1.0"?><x:row r="1" spans='1:2>3'><!-- <c> --><c t="s"><v>12</v></c>` +
		`<c><is><t><![CDATA[<row>]]></t></is></c><c/></x:row>tail`
	s := newScanner(strings.NewReader(in), 1<<10)
	var got []string
	for {
		tok, err := s.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok.kind {
		case tokStart:
			got = append(got, "<"+string(tok.name)+">")
			if string(tok.name) == "c" && string(s.attr("t")) == "s" {
				got = append(got, "t=s")
			}
			if string(tok.name) == "row" && string(s.attr("spans")) != "1:2>3" {
				t.Errorf("spans = %q", s.attr("spans"))
			}
		case tokEnd:
			got = append(got, "</"+string(tok.name)+">")
		case tokEmpty:
			got = append(got, "<"+string(tok.name)+"/>")
		case tokText:
			got = append(got, "text:"+string(s.text))
		}
	}
	want := "<row> <c> t=s <v> text:12 </v> </c> <c> <is> <t> text: </t> </is> </c> <c/> </row> text:tail"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("tokens\n got %s\nwant %s", g, want)
	}
}

// A tag, text run or comment over the limit is an error as soon as the scanner
// has read past the limit, not when it ends; so is a document type declaration.
func TestScannerLimits(t *testing.T) {
	for _, in := range []string{"<a>" + strings.Repeat("x", 2000), `<a b="` + strings.Repeat("x", 2000), "<!--" + strings.Repeat("x", 2000)} {
		s := newScanner(io.MultiReader(strings.NewReader(in), neverEnding{}), 1<<10)
		var err error
		for err == nil {
			_, err = s.next()
		}
		if !errors.Is(err, errTooBig) || s.off > 1<<20 {
			t.Errorf("%.10s…: %v after %d bytes", in, err, s.off)
		}
	}
	if _, err := newScanner(strings.NewReader(`<!DOCTYPE a>`), 1<<10).next(); !errors.Is(err, errDirective) {
		t.Errorf("doctype: %v", err)
	}
}

// neverEnding yields 'x' forever.
type neverEnding struct{}

func (neverEnding) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}
