package search

import (
	"testing"

	"github.com/blevesearch/bleve/v2"
)

func TestTwoCharacterWordsMatchExactly(t *testing.T) {
	ix, err := OpenIndex("")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	docs := []Doc{
		{ID: "1", Title: "一种锂离子电池的散热装置"},
		{ID: "2", Title: "一种白酒固态发酵温度控制系统"},
		{ID: "3", Title: "一种电动汽车充电桩"}, // 电 and 池 nowhere together
	}
	if err := ix.Put(docs); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{"电池": "1", "白酒": "2", "充电": "3"} {
		req := bleve.NewSearchRequest(bleve.NewMatchPhraseQuery(q))
		res, err := ix.Bleve().Search(req)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 1 || res.Hits[0].ID != want {
			t.Errorf("%s: %d hits, want only doc %s", q, res.Total, want)
		}
	}
}
