package ingest

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"patentbridge"
)

// FuzzImportCSV imports any bytes as a CSV export through the real importer
// (encoding and delimiter detection, header mapping, row conversion) and checks
// what an operator relies on: no panic; a refused file is EINVALID in Chinese;
// every read row lands or is reported with its line and a Chinese reason; what
// lands is canonical.
func FuzzImportCSV(f *testing.F) {
	f.Add([]byte("申请号,专利名称,申请日,主分类号\nCN202223220665.2,一种胶膜平整机构,2022-11-30,B32B 37/10\n"))
	f.Add([]byte("申请号\t公开(公告)号\t授权公告日\nZL201910123456.X\tCN112345678B\t2021年3月5日\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := MustWriteFile(t, t.TempDir(), "export.csv", data)
		mustHeaderLayout(t, path)
		mustImportHolds(t, path, -1)
	})
}

// mustHeaderLayout checks the header mapping of a file that opens: every column
// feeds a field or Extra (the kept-raw lists both) under a unique key.
func mustHeaderLayout(t *testing.T, path string) {
	t.Helper()
	src, err := openSource(path, "")
	if err != nil {
		return // mustImportHolds checks the refusal
	}
	defer src.close()
	hdr := src.header()
	l, _ := newLayout(hdr)
	mapped := make([]int, len(hdr))
	for f := range l.cols {
		for _, c := range l.cols[f] {
			mapped[c]++
		}
	}
	keys := map[string]bool{}
	for _, c := range l.extra {
		if keys[l.keys[c]] || l.keys[c] == "" {
			t.Fatalf("header %q: Extra key %q of column %d is empty or taken twice", hdr, l.keys[c], c)
		}
		keys[l.keys[c]] = true
		mapped[c]++
	}
	for c, n := range mapped {
		if n == 0 || n > 2 {
			t.Fatalf("header %q: column %d (%q) goes to %d places", hdr, c, hdr[c], n)
		}
	}
	for _, h := range hdr {
		if n := normHeader(h); normHeader(n) != n {
			t.Fatalf("normHeader(%q) = %q is not stable", h, n)
		}
	}
}

// mustImportHolds imports the file into an in-memory store and checks the
// summary, the reject report and the stored patents; rows, when not negative,
// is the number of data rows the file must be read as.
func mustImportHolds(t *testing.T, path string, rows int) {
	t.Helper()
	store := newFakeStore(t)
	var rej bytes.Buffer
	imp := NewImporter(store, fakeRegions{}, nil)
	imp.BatchSize = 3 // several batches, so that batch boundaries are fuzzed too
	sum, err := imp.ImportFiles(context.Background(), []string{path}, patentbridge.ImportOptions{Rejects: &rej})
	if err != nil {
		if msg := patentbridge.ErrorMessage(err); patentbridge.ErrorCode(err) != patentbridge.EINVALID || !chinese(msg) {
			t.Fatalf("refused with %v", err)
		}
		return
	}
	if rows >= 0 && sum.Read != rows {
		t.Fatalf("read %d rows of %d: %+v", sum.Read, rows, sum)
	}
	stored := sum.Inserted + sum.Updated + sum.Unchanged
	if sum.Files != 1 || sum.Rejected > sum.Read || stored > sum.Read-sum.Rejected || stored != len(store.patents) {
		t.Fatalf("summary %+v with %d patents stored", sum, len(store.patents))
	}
	lines := map[int]bool{}
	for _, r := range MustParseRejects(t, rej.Bytes()) {
		if r.File != filepath.Base(path) || r.Line < 1 || !chinese(r.Reason) {
			t.Fatalf("reject %+v", r)
		}
		lines[r.Line] = true
	}
	if len(lines) != sum.Rejected {
		t.Fatalf("%d rejected rows, %d lines in the report", sum.Rejected, len(lines))
	}
	for n, p := range store.patents {
		mustCanonical(t, n, p)
	}
}

// mustCanonical checks that a stored patent holds canonical values only.
func mustCanonical(t *testing.T, key string, p *patentbridge.Patent) {
	t.Helper()
	if n, _, err := patentbridge.NormalizeAppNo(p.AppNo); err != nil || n != p.AppNo || key != p.AppNo {
		t.Fatalf("stored 申请号 %q under %q: %v", p.AppNo, key, err)
	}
	for _, c := range append([]string{p.MainIPC}, p.IPC...) {
		if c == "" && p.MainIPC == "" {
			continue
		}
		if n, err := patentbridge.NormalizeIPC(c); err != nil || n != c {
			t.Fatalf("%s: stored IPC %q: %v", p.AppNo, c, err)
		}
	}
	for _, d := range []struct {
		name string
		v    string
	}{{"申请日", patentbridge.FormatDate(p.AppDate)}, {"公开日", patentbridge.FormatDate(p.PubDate)}, {"授权日", patentbridge.FormatDate(p.GrantDate)}} {
		if back, err := patentbridge.ParseDate(d.v); err != nil || patentbridge.FormatDate(back) != d.v {
			t.Fatalf("%s: stored %s %q does not read back: %v", p.AppNo, d.name, d.v, err)
		}
	}
	for k := range p.Extra {
		if k == "" {
			t.Fatalf("%s: Extra has an empty key", p.AppNo)
		}
	}
	eachString(reflect.ValueOf(p), func(s string) {
		if !utf8.ValidString(s) { // PostgreSQL refuses such text, failing the whole batch
			t.Fatalf("%s: stored invalid UTF-8 %q", p.AppNo, s)
		}
	})
}

// eachString calls fn with every string inside v (fields, elements, map keys and values).
func eachString(v reflect.Value, fn func(string)) {
	switch v.Kind() {
	case reflect.String:
		fn(v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			eachString(v.Elem(), fn)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			eachString(v.Field(i), fn)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			eachString(v.Index(i), fn)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			eachString(it.Key(), fn)
			eachString(it.Value(), fn)
		}
	}
}

// chinese reports whether a message is valid UTF-8 with a Han character.
func chinese(s string) bool {
	return utf8.ValidString(s) && strings.IndexFunc(s, func(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }) >= 0
}
