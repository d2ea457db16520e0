package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// benchQueries are real words of the labeled titles: two-character words,
// phrases and multi-word queries.
var benchQueries = []string{"电池", "白酒", "深度学习", "锂离子电池 散热", "图像 识别 方法", "发酵",
	"无人机 控制", "混凝土", "传感器", "中药 提取", "光伏组件", "数据 传输 系统"}

// MustSyntheticIndex indexes n docs made of the real titles: each a real title with
// an abstract of three other real titles and synthetic kind, city and grade.
func MustSyntheticIndex(tb testing.TB, n int) *Index {
	tb.Helper()
	ref := refdata.Default()
	lts := ref.LabeledTitles()
	rng := rand.New(rand.NewPCG(1, 2))
	ix, err := OpenIndex("")
	if err != nil {
		tb.Fatal(err)
	}
	start := time.Now()
	var docs []Doc
	for i := range n {
		lt := lts[i%len(lts)]
		p := realPatent(i, lt)
		p.AppNo = fmt.Sprintf("S%08d", i)
		var ab []string
		for range 3 {
			ab = append(ab, lts[rng.IntN(len(lts))].Title)
		}
		p.Abstract = "本发明公开了" + strings.Join(ab, "，") + "。"
		docs = append(docs, DocFromPatent(p, ref, DocExtra{Grade: []string{"A", "B", "C", "D", ""}[i%5]}))
		if len(docs) == 2000 {
			if err := ix.Put(docs); err != nil {
				tb.Fatal(err)
			}
			docs = docs[:0]
		}
	}
	if err := ix.Put(docs); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("indexed %d docs in %v (%.0f docs/s)", n, time.Since(start).Round(time.Millisecond), float64(n)/time.Since(start).Seconds())
	return ix
}

// BenchmarkSearch compares the product's search (field boosts, phrases, filters
// off, highlights, four facets) with a default Bleve match query on ~50k docs.
func BenchmarkSearch(b *testing.B) {
	ix := MustSyntheticIndex(b, benchDocs)
	defer ix.Close()
	ctx := context.Background()
	s := NewSearcher(ix, nil)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		q := patentbridge.SearchQuery{Text: benchQueries[i%len(benchQueries)], Filter: patentbridge.PatentFilter{Limit: 10}}
		if _, err := s.Search(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	p50, p95, r50, r95, err := BenchSearch(ctx, ix, benchQueries, 600)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("product p50 %v p95 %v; default match query p50 %v p95 %v; p95 ratio %.2f",
		p50, p95, r50, r95, float64(p95)/float64(r95))
}

// benchDocs is the size of BenchmarkSearch's index.
var benchDocs = 50_000
