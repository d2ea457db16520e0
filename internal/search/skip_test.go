package search_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"patentbridge/internal/search"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// failing returns a test hook that fails the doc of appNo, counting its tries.
func failing(appNo string, tries *atomic.Int32) func(search.Doc) error {
	return func(d search.Doc) error {
		if d.ID != appNo {
			return nil
		}
		tries.Add(1)
		return errors.New("injected: the analyzer ran out of memory")
	}
}

// TestIndexerSkipsADocThatFailsToIndex: a patent whose doc makes Index.Put fail
// is logged and skipped, the others of its batch are indexed, the tail's
// checkpoint moves past it (a restart does not try it again) and the status
// counts it, until a later change of the patent indexes it.
func TestIndexerSkipsADocThatFailsToIndex(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		dir := filepath.Join(t.TempDir(), "index")
		ix, err := search.OpenIndex(dir)
		if err != nil {
			t.Fatal(err)
		}
		var logs bytes.Buffer
		x := search.NewIndexer(ix, db, nil, slog.New(slog.NewTextHandler(&logs, nil)))
		MustSync(t, x) // an empty database: the first build
		bad, good := storedPatent(1, "一种锂离子电池的散热装置"), storedPatent(2, "一种电池管理系统")
		var tries atomic.Int32
		search.SetFailDoc(x, failing(bad.AppNo, &tries))
		MustUpsert(t, db, bad, good)
		MustSync(t, x)
		if got := hits(t, ix, "电池"); len(got) != 1 || got[0] != good.AppNo {
			t.Fatalf("电池 finds %v, want only the good patent", got)
		}
		last, _ := db.LastPatentChangeSeq(ctx)
		st := x.Status(ctx)
		if st.LastSeq != last || st.Skipped != 1 || !slices.Equal(st.SkippedIDs, []string{bad.AppNo}) {
			t.Errorf("status %+v: want last seq %d and the bad patent skipped", st, last)
		}
		if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "app_no="+bad.AppNo) ||
			!strings.Contains(logs.String(), "injected") {
			t.Errorf("the skip is not logged with the patent and the reason:\n%s", logs.String())
		}
		if st := search.StateOf(dir); st.Skipped != 1 || st.LastSeq != last {
			t.Errorf("the state on disk %+v does not record the skip and the seq %d", st, last)
		}

		// A restart resumes past it: the doc is not tried again.
		ix.Close()
		ix, err = search.OpenIndex(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		x = search.NewIndexer(ix, db, nil, nil)
		before := tries.Load()
		search.SetFailDoc(x, failing(bad.AppNo, &tries))
		MustSync(t, x)
		if tries.Load() != before {
			t.Errorf("the skipped doc was tried again after the restart")
		}
		if st := x.Status(ctx); st.Skipped != 1 || st.Docs != 1 {
			t.Errorf("status after the restart %+v, want 1 doc and 1 skipped", st)
		}

		// A later change of the patent, now indexable, takes it off the list.
		search.SetFailDoc(x, nil)
		changed := *bad
		changed.Title = "一种锂离子电池的液冷散热装置"
		MustUpsert(t, db, &changed)
		MustSync(t, x)
		if got := hits(t, ix, "液冷"); len(got) != 1 {
			t.Errorf("液冷 finds %v after the change", got)
		}
		if st := x.Status(ctx); st.Skipped != 0 || st.Docs != 2 {
			t.Errorf("status after the change %+v, want 2 docs and none skipped", st)
		}
	})
}

// TestRebuildSkipsADocThatFailsToIndex: a rebuild (on disk, through Bleve's
// offline builder) skips the failing doc and completes with the others.
func TestRebuildSkipsADocThatFailsToIndex(t *testing.T) {
	db := sqldbtest.SQLite(t)
	ctx := context.Background()
	bad := storedPatent(1, "一种锂离子电池的散热装置")
	MustUpsert(t, db, bad, storedPatent(2, "一种电池管理系统"), storedPatent(3, "一种电池极片"))
	ix, err := search.OpenIndex(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	x := search.NewIndexer(ix, db, nil, nil)
	var tries atomic.Int32
	search.SetFailDoc(x, failing(bad.AppNo, &tries))
	if err := x.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	if got := hits(t, ix, "电池"); len(got) != 2 || slices.Contains(got, bad.AppNo) {
		t.Errorf("电池 finds %v, want the two good patents", got)
	}
	if st := x.Status(ctx); st.Skipped != 1 || st.Rebuilding || tries.Load() != 1 {
		t.Errorf("status %+v after %d tries, want a complete build with 1 skipped", st, tries.Load())
	}
}
