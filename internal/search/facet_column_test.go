package search

import (
	"context"
	"fmt"
	"testing"

	"patentbridge"
)

// A doc counted by the index is counted by a search started after that, even
// while the change that added it is still returning (the facet column is of
// one snapshot and must not be taken for the new one).
func TestSearchCountsWhatTheIndexCounts(t *testing.T) {
	ix, err := OpenIndex("")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	s := NewSearcher(ix, nil)
	ctx := context.Background()
	for i := range 30 {
		word := fmt.Sprintf("型号%03d", i)
		done := make(chan error, 1)
		go func() {
			done <- ix.Put([]Doc{{ID: fmt.Sprintf("D%03d", i), Title: "一种" + word + "电池", Kind: "invention"}})
		}()
		for n, _ := ix.Count(); n < uint64(i+1); n, _ = ix.Count() {
		}
		res, err := s.Search(ctx, patentbridge.SearchQuery{Text: word})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 1 || len(res.Hits) != 1 || len(res.Facets["kind"]) != 1 || res.Facets["kind"][0].Count != 1 {
			t.Fatalf("doc %d counted by the index but the search found total %d, %d hits, facets %v", i, res.Total, len(res.Hits), res.Facets)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		all, err := s.Search(ctx, patentbridge.SearchQuery{Text: "电池"})
		if err != nil || all.Total != i+1 || all.Facets["kind"][0].Count != i+1 {
			t.Fatalf("after doc %d: 电池 total %d, facets %v, err %v", i, all.Total, all.Facets, err)
		}
	}
}
