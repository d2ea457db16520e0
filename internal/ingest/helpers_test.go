package ingest

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"patentbridge"
)

// fakeStore is an in-memory PatentUpserter that reports inserted, updated and
// unchanged by comparing values, and fails the test on duplicates in a batch.
type fakeStore struct {
	tb      testing.TB
	mu      sync.Mutex
	patents map[string]*patentbridge.Patent
	batches []int // size of each upsert call
}

func newFakeStore(tb testing.TB) *fakeStore {
	return &fakeStore{tb: tb, patents: map[string]*patentbridge.Patent{}}
}

func (s *fakeStore) UpsertPatents(ctx context.Context, ps []*patentbridge.Patent) (patentbridge.UpsertResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var res patentbridge.UpsertResult
	seen := map[string]bool{}
	for _, p := range ps {
		if seen[p.AppNo] {
			s.tb.Errorf("duplicate 申请号 %s in one upsert batch", p.AppNo)
		}
		seen[p.AppNo] = true
		old, ok := s.patents[p.AppNo]
		switch {
		case !ok:
			res.Inserted++
		case reflect.DeepEqual(old, p):
			res.Unchanged++
		default:
			res.Updated++
		}
		s.patents[p.AppNo] = p
	}
	s.batches = append(s.batches, len(ps))
	return res, nil
}

// MustPatent returns a stored patent or fails the test.
func (s *fakeStore) MustPatent(tb testing.TB, appNo string) *patentbridge.Patent {
	tb.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.patents[appNo]
	if !ok {
		tb.Fatalf("patent %s not stored; have %d patents", appNo, len(s.patents))
	}
	return p
}

// fakeRegions knows a few provinces and addresses.
type fakeRegions struct{}

func (fakeRegions) RegionFromProvinceField(s string) (string, bool) {
	i, j := strings.IndexAny(s, "(（"), strings.IndexAny(s, ")）")
	if i < 0 || j < i {
		return "", false
	}
	code := strings.Trim(s[i:j], "(（")
	if len(code) != 2 || code[0] < '1' || code[0] > '9' {
		return "", false
	}
	return code + "0000", true
}

func (fakeRegions) RegionFromAddress(addr string) (string, bool) {
	for _, e := range []struct{ place, code string }{
		{"郑州市金水区", "410105"}, {"郑州市", "410100"}, {"成都市武侯区", "510107"},
		{"成都市", "510100"}, {"北京市海淀区", "110108"},
	} {
		if strings.Contains(addr, e.place) {
			return e.code, true
		}
	}
	return "", false
}

// MustWriteFile writes content to name in a temporary directory and returns the path.
func MustWriteFile(tb testing.TB, dir, name string, content []byte) string {
	tb.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, content, 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// MustCSV renders records as CSV (or TSV when comma is '\t').
func MustCSV(tb testing.TB, comma rune, records ...[]string) []byte {
	tb.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = comma
	if err := w.WriteAll(records); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// MustImport runs an import that must succeed and returns its summary and rejects.
func MustImport(tb testing.TB, imp *Importer, paths ...string) (patentbridge.ImportSummary, []patentbridge.Reject) {
	tb.Helper()
	var rej bytes.Buffer
	sum, err := imp.ImportFiles(context.Background(), paths, patentbridge.ImportOptions{Rejects: &rej})
	if err != nil {
		tb.Fatalf("import: %v", err)
	}
	return sum, MustParseRejects(tb, rej.Bytes())
}

// MustParseRejects reads a reject report, checking its header.
func MustParseRejects(tb testing.TB, b []byte) []patentbridge.Reject {
	tb.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		tb.Fatalf("reject report is not CSV: %v", err)
	}
	if len(recs) == 0 || strings.Join(recs[0], ",") != "文件,行,列,值,原因" {
		tb.Fatalf("reject report header = %q", recs)
	}
	var out []patentbridge.Reject
	for _, r := range recs[1:] {
		var line int
		for _, c := range r[1] {
			line = line*10 + int(c-'0')
		}
		out = append(out, patentbridge.Reject{File: r[0], Line: line, Column: r[2], Value: r[3], Reason: r[4]})
	}
	return out
}
