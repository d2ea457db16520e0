package search_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"

	"patentbridge"
	"patentbridge/internal/search"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// giantPatent is a patent whose title, abstract and first claim are megabytes
// long, as a row written past the import limits would be; "钛酸锶钡" appears only
// at the end of its abstract.
func giantPatent() *patentbridge.Patent {
	p := storedPatent(7, "一种锂离子电池的散热装置"+strings.Repeat("及其散热片", 200_000))                // 3 MB
	p.Abstract = "本发明公开了一种锂离子电池的散热装置。" + strings.Repeat("散热片由铝合金制成，", 350_000) + "钛酸锶钡。" // 10.5 MB
	p.FirstClaim = strings.Repeat("一种散热装置，其特征在于，", 100_000)
	return p
}

// TestIndexCapsAGiantPatent: a patent of a 10 MB abstract stored in the database
// is indexed cut to the caps (the text beyond them is not searchable), the cut
// is logged with its application number, and a search hit of it is small.
func TestIndexCapsAGiantPatent(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		giant, small := giantPatent(), storedPatent(8, "一种白酒固态发酵温度控制系统")
		MustUpsert(t, db, giant, small)
		ix, err := search.OpenIndex(filepath.Join(t.TempDir(), "index"))
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		var logs bytes.Buffer
		x := search.NewIndexer(ix, db, nil, slog.New(slog.NewTextHandler(&logs, nil)))
		MustSync(t, x)
		if got := hits(t, ix, "散热装置"); len(got) != 1 || got[0] != giant.AppNo {
			t.Fatalf("散热装置 finds %v, want the giant patent", got)
		}
		if got := hits(t, ix, "钛酸锶钡"); len(got) != 0 {
			t.Errorf("钛酸锶钡, beyond the abstract's cap, finds %v", got)
		}
		if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "app_no="+giant.AppNo) {
			t.Errorf("the cut is not logged with the patent: %s", logs.String())
		}

		req := bleve.NewSearchRequest(bleve.NewDocIDQuery([]string{giant.AppNo}))
		req.Fields = []string{"title", "abstract"}
		res, err := ix.Search(req)
		if err != nil || len(res.Hits) != 1 {
			t.Fatalf("the giant doc: %v, %v", res, err)
		}
		title, _ := res.Hits[0].Fields["title"].(string)
		abstract, _ := res.Hits[0].Fields["abstract"].(string)
		if len(title) > search.MaxTitleBytes || len(abstract) > search.MaxAbstractBytes || !utf8.ValidString(abstract) ||
			!strings.HasPrefix(abstract, "本发明公开了一种锂离子电池的散热装置。") {
			t.Errorf("stored title %d bytes (cap %d), abstract %d bytes (cap %d, valid UTF-8 %v)",
				len(title), search.MaxTitleBytes, len(abstract), search.MaxAbstractBytes, utf8.ValidString(abstract))
		}

		svc := &search.Service{Searcher: search.NewSearcher(ix, db), Indexer: x}
		found, err := svc.Search(ctx, patentbridge.SearchQuery{Text: "散热"})
		if err != nil || len(found.Hits) != 1 || found.Hits[0].Patent == nil {
			t.Fatalf("search 散热: %+v, %v", found, err)
		}
		hp := found.Hits[0].Patent
		if n := utf8.RuneCountInString(hp.Abstract); n > search.HitTextRunes+1 || !strings.HasSuffix(hp.Abstract, "…") {
			t.Errorf("the hit's abstract is %d characters, want a snippet of at most %d and …", n, search.HitTextRunes)
		}
		if n := utf8.RuneCountInString(hp.Title); n > search.HitTitleRunes+1 {
			t.Errorf("the hit's title is %d characters, want at most %d", n, search.HitTitleRunes)
		}
		if b, _ := json.Marshal(found); len(b) > 16<<10 {
			t.Errorf("the result of one giant hit is %d bytes encoded, want under 16 KiB", len(b))
		}
		if len(giant.Abstract) < 10<<20 {
			t.Fatalf("the test's abstract is only %d bytes", len(giant.Abstract))
		}
		stored, err := db.FindPatent(ctx, giant.AppNo)
		if err != nil || len(stored.Abstract) != len(giant.Abstract) {
			t.Errorf("the database must keep the patent whole: %v", err)
		}
	})
}
