package search_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/search"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// Importing sqldb is fine in this _test package: production code of search never
// does (the Store interface is satisfied by *sqldb.DB in cmd's wiring).
var _ search.Store = (*sqldb.DB)(nil)

func storedPatent(serial int, title string) *patentbridge.Patent {
	d := fmt.Sprintf("%04d%d%07d", 2020, 1, serial)
	t, _ := patentbridge.ParseDate("2022-03-01")
	return &patentbridge.Patent{
		AppNo: d + patentbridge.AppNoCheckChar(d), Kind: patentbridge.KindInvention, Title: title,
		Abstract: "本发明公开了" + title + "。", AppDate: t, GrantDate: t, Status: patentbridge.StatusInForce,
		MainIPC: "G06F16/35", IPC: []string{"G06F16/35"}, RegionCode: "510107",
		Patentees: []patentbridge.Party{{Name: "四川大学", Type: patentbridge.PartyUniversity}},
	}
}

func MustUpsert(tb testing.TB, db *sqldb.DB, ps ...*patentbridge.Patent) {
	tb.Helper()
	if _, err := db.UpsertPatents(context.Background(), ps); err != nil {
		tb.Fatal(err)
	}
}

func MustSync(tb testing.TB, x *search.Indexer) {
	tb.Helper()
	if err := x.Sync(context.Background()); err != nil {
		tb.Fatal(err)
	}
}

// (G06F16/35's titles — data processing, retrieval — share no word with the titles here.)

// hits returns the application numbers a text finds.
func hits(tb testing.TB, ix *search.Index, text string) []string {
	tb.Helper()
	res, err := search.NewSearcher(ix, nil).Search(context.Background(), patentbridge.SearchQuery{Text: text})
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.AppNo)
	}
	return out
}

func TestIndexerFollowsTheDatabase(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		dir := filepath.Join(t.TempDir(), "index")
		ix, err := search.OpenIndex(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		battery, liquor := storedPatent(1, "一种锂离子电池的散热装置"), storedPatent(2, "一种白酒固态发酵温度控制系统")
		MustUpsert(t, db, battery)
		x := search.NewIndexer(ix, db, nil, nil)
		MustSync(t, x) // builds: the index was empty
		if got := hits(t, ix, "电池"); len(got) != 1 || got[0] != battery.AppNo {
			t.Fatalf("电池 after the build: %v", got)
		}

		MustUpsert(t, db, liquor) // an import: the tail picks it up
		MustSync(t, x)
		if got := hits(t, ix, "白酒"); len(got) != 1 || got[0] != liquor.AppNo {
			t.Fatalf("白酒 after the import: %v", got)
		}

		changed := *battery
		changed.Title, changed.Abstract = "一种钠离子储能装置", "本发明公开了一种钠离子储能装置。"
		MustUpsert(t, db, &changed)
		MustSync(t, x)
		if got := hits(t, ix, "电池"); len(got) != 0 {
			t.Errorf("电池 still finds %v after the title changed", got)
		}
		if got := hits(t, ix, "储能"); len(got) != 1 || got[0] != battery.AppNo {
			t.Errorf("储能 after the title changed: %v", got)
		}
		st := x.Status(ctx)
		last, _ := db.LastPatentChangeSeq(ctx)
		if st.Docs != 2 || st.Patents != 2 || st.Building || st.LastSeq != last {
			t.Errorf("status %+v, want 2 docs of 2 patents, not building, last seq %d", st, last)
		}

		// A restart resumes from the recorded seq: nothing is rebuilt or lost.
		ix.Close()
		ix2, err := search.OpenIndex(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer ix2.Close()
		x2 := search.NewIndexer(ix2, db, nil, nil)
		if st := x2.Status(ctx); st.LastSeq != last || st.Docs != 2 {
			t.Errorf("reopened status %+v, want last seq %d and 2 docs", st, last)
		}
		MustUpsert(t, db, storedPatent(3, "一种电池管理系统"))
		MustSync(t, x2)
		if got := hits(t, ix2, "电池"); len(got) != 1 {
			t.Errorf("电池 after reopening and one more import: %v", got)
		}
	})
}

func TestIndexerRebuild(t *testing.T) {
	db := sqldbtest.SQLite(t)
	ctx := context.Background()
	var ps []*patentbridge.Patent
	for i := range 120 {
		ps = append(ps, storedPatent(i+1, fmt.Sprintf("一种第%d号电池极片的涂布方法", i+1)))
	}
	MustUpsert(t, db, ps...)
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := search.OpenIndex(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	x := search.NewIndexer(ix, db, nil, nil)
	x.BatchSize = 50
	var progress []float64
	done := make(chan error)
	go func() { done <- x.Rebuild(ctx) }()
	for waiting := true; waiting; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			waiting = false
		case <-time.After(time.Millisecond):
			if st := x.Status(ctx); st.Building {
				progress = append(progress, st.Progress)
			}
		}
	}
	for i := 1; i < len(progress); i++ {
		if progress[i] < progress[i-1] || progress[i] > 1 {
			t.Fatalf("progress went %v", progress)
		}
	}
	if n, _ := ix.Count(); n != 120 {
		t.Errorf("%d docs after the rebuild, want 120", n)
	}
	if _, err := os.Stat(dir + ".building"); !os.IsNotExist(err) {
		t.Errorf("the build directory is left behind: %v", err)
	}
	if got := hits(t, ix, "涂布"); len(got) != 20 {
		t.Errorf("涂布 finds %d on the first page, want 20 (the default page)", len(got))
	}
}

func TestIndexerRebuildsAnIndexOfAnOlderSchema(t *testing.T) {
	db := sqldbtest.SQLite(t)
	ctx := context.Background()
	MustUpsert(t, db, storedPatent(1, "一种锂离子电池的散热装置"))
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := search.OpenIndex(dir)
	if err != nil {
		t.Fatal(err)
	}
	MustSync(t, search.NewIndexer(ix, db, nil, nil))
	ix.Close()
	// An index written by an earlier release: its state records schema 1 (the
	// release before facets had their own field).
	state := filepath.Join(dir, "patentbridge-state.json")
	b, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	var st map[string]any
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	st["schema"] = 1
	b, _ = json.Marshal(st)
	if err := os.WriteFile(state, b, 0o644); err != nil {
		t.Fatal(err)
	}
	ix, err = search.OpenIndex(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	MustSync(t, search.NewIndexer(ix, db, nil, nil))
	b, _ = os.ReadFile(state)
	if err := json.Unmarshal(b, &st); err != nil || st["schema"] == 1.0 {
		t.Fatalf("state after sync %s (err %v): the index was not rebuilt", b, err)
	}
	res, err := search.NewSearcher(ix, nil).Search(ctx, patentbridge.SearchQuery{Text: "电池"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Facets["kind"]) != 1 || res.Facets["city"][0].Value != "5101" {
		t.Errorf("after the rebuild: total %d, facets %v", res.Total, res.Facets)
	}
}
