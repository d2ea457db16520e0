package search

import (
	"context"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"

	"patentbridge"
)

// BenchSearch runs each query n times round-robin through the product's search
// (no patent loading) and through a default Bleve match query on the same index,
// and returns the 50th and 95th percentile latencies of both.
func BenchSearch(ctx context.Context, ix *Index, queries []string, n int) (p50, p95, refP50, refP95 time.Duration, err error) {
	s := NewSearcher(ix, nil)
	var prod, ref []time.Duration
	for i := 0; i < n && len(queries) > 0; i++ {
		q := queries[i%len(queries)]
		start := time.Now()
		if _, err = s.Search(ctx, patentbridge.SearchQuery{Text: q, Filter: patentbridge.PatentFilter{Limit: 10}}); err != nil {
			return
		}
		prod = append(prod, time.Since(start))
		start = time.Now()
		if _, err = ix.Search(bleve.NewSearchRequest(bleve.NewMatchQuery(q))); err != nil {
			return
		}
		ref = append(ref, time.Since(start))
	}
	p50, p95 = percentiles(prod)
	refP50, refP95 = percentiles(ref)
	return
}

func percentiles(ds []time.Duration) (p50, p95 time.Duration) {
	if len(ds) == 0 {
		return 0, 0
	}
	slices.Sort(ds)
	return ds[len(ds)*50/100], ds[min(len(ds)-1, len(ds)*95/100)]
}
