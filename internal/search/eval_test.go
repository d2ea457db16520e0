package search

import (
	"bufio"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sharedData = "../../../shared/data/"

// headLines copies the first n lines of src into dir and returns the copy's path.
func headLines(tb testing.TB, src, dir string, n int) string {
	tb.Helper()
	f, err := os.Open(src)
	if err != nil {
		tb.Skipf("shared data absent: %v", err)
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for i := 0; i < n && sc.Scan(); i++ {
		b.WriteString(sc.Text() + "\n")
	}
	out := filepath.Join(dir, filepath.Base(src))
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return out
}

func TestEvalRetrievalOnCSL(t *testing.T) {
	dir := t.TempDir()
	titles := headLines(t, sharedData+"eval/csl_titles_dev.tsv", dir, 200)
	keywords := headLines(t, sharedData+"eval/csl_keywords_dev.tsv", dir, 200)
	pred := filepath.Join(dir, "pred.tsv")
	for _, tt := range []struct {
		query   string
		minMRR  float64
		measure string
	}{{titles, 0.995, "1.0000"}, {keywords, 0.985, "0.9913"}} {
		t.Run(filepath.Base(tt.query), func(t *testing.T) {
			m, err := EvalRetrieval(context.Background(), []string{titles, keywords}, tt.query, 10, pred)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%+v", m)
			if m.Docs != 200 || m.Queries != 200 {
				t.Errorf("%d docs, %d queries: the two files' copies of an abstract are one document", m.Docs, m.Queries)
			}
			if m.Product.MRR < tt.minMRR || m.Product.MRR < m.Baseline.MRR-0.005 {
				t.Errorf("MRR@10 %.4f (measured %s), baseline %.4f", m.Product.MRR, tt.measure, m.Baseline.MRR)
			}
			b, _ := os.ReadFile(pred)
			lines := strings.Split(strings.TrimSpace(string(b)), "\n")
			if len(lines) != 200 || !strings.HasPrefix(lines[0], "0\t"+titles+":0") {
				t.Errorf("predictions: %d lines, first %q", len(lines), lines[0])
			}
		})
	}
}

func TestEvalMatchOnLabelledTitles(t *testing.T) {
	f, err := os.Open(sharedData + "patents/cn_titles_ipc_subclasses.csv")
	if err != nil {
		t.Skipf("shared data absent: %v", err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, keep func(fold string) bool, n int) string {
		var b strings.Builder
		w := csv.NewWriter(&b)
		w.Write(rows[0])
		for _, r := range rows[1:] {
			if keep(r[3]) && n > 0 {
				w.Write(r)
				n--
			}
		}
		w.Flush()
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(b.String()), 0o644)
		return p
	}
	corpus := write("corpus.csv", func(f string) bool { return f != "4" }, 2000)
	queries := write("queries.csv", func(f string) bool { return f == "4" }, 300)
	pred := filepath.Join(dir, "pred.csv")
	m, err := EvalMatch(context.Background(), corpus, queries, 10, pred, newWordRouter)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", m)
	if m.Precision < 0.31 || m.Precision < m.BaselinePrecision+0.04 {
		t.Errorf("field precision@10 %.4f (measured 0.3283), baseline %.4f", m.Precision, m.BaselinePrecision)
	}
	b, _ := os.ReadFile(pred)
	if lines := strings.Split(strings.TrimSpace(string(b)), "\n"); len(lines) != 301 || lines[0] != "publication_number,matches" {
		t.Errorf("predictions: %d lines, header %q", len(lines), lines[0])
	}
}
