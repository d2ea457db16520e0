package ingesttest

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"patentbridge"
)

// MustParseRejects reads a reject report (文件,行,列,值,原因, with or
// without a BOM), checking its header.
func MustParseRejects(tb testing.TB, b []byte) []patentbridge.Reject {
	tb.Helper()
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil {
		tb.Fatalf("reject report is not CSV: %v", err)
	}
	if len(recs) == 0 || strings.Join(recs[0], ",") != "文件,行,列,值,原因" {
		tb.Fatalf("reject report header = %q", recs)
	}
	var out []patentbridge.Reject
	for _, r := range recs[1:] {
		line, _ := strconv.Atoi(r[1])
		out = append(out, patentbridge.Reject{File: r[0], Line: line, Column: r[2], Value: r[3], Reason: r[4]})
	}
	return out
}

// MustMatchRejects checks the rejects of an OverlongExport named file: one per
// expected row, in order, with its line, column and reason, and no value shown
// at more than 200 characters.
func MustMatchRejects(tb testing.TB, file string, got []patentbridge.Reject, want []Overlong) {
	tb.Helper()
	if len(got) != len(want) {
		tb.Fatalf("%d rejects, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.File != file || g.Line != w.Line || g.Column != w.Column || !strings.Contains(g.Reason, w.Reason) {
			tb.Errorf("reject %d = %s line %d column %q reason %q; want %s line %d column %q reason with %q",
				i, g.File, g.Line, g.Column, g.Reason, file, w.Line, w.Column, w.Reason)
		}
		if n := utf8.RuneCountInString(g.Value); n > 200 {
			tb.Errorf("reject %d shows a value of %d characters", i, n)
		}
	}
}
