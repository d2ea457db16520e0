package search_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/search"
	"patentbridge/internal/search/searchtest"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

// corruptions damage a closed index directory the ways a disk or an operator does.
var corruptions = []struct {
	name string
	do   func(tb testing.TB, dir string)
}{
	{"truncated segment", func(tb testing.TB, dir string) { searchtest.MustTruncateSegment(tb, dir) }},
	{"garbage index_meta.json", func(tb testing.TB, dir string) {
		MustWrite(tb, filepath.Join(dir, "index_meta.json"), `{"storage":"scorch","index_type":`)
	}},
	{"truncated root.bolt", func(tb testing.TB, dir string) {
		if err := os.Truncate(filepath.Join(dir, "store", "root.bolt"), 100); err != nil {
			tb.Fatal(err)
		}
	}},
}

func MustWrite(tb testing.TB, path, content string) {
	tb.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// MustBuiltIndex builds an on-disk index of db's patents in dir and closes it.
func MustBuiltIndex(tb testing.TB, db *sqldb.DB, dir string) {
	tb.Helper()
	ix, err := search.OpenIndex(dir)
	if err != nil {
		tb.Fatal(err)
	}
	MustSync(tb, search.NewIndexer(ix, db, nil, nil))
	if err := ix.Close(); err != nil {
		tb.Fatal(err)
	}
}

// healClock is the platform clock of the heal tests: it names the directory moved aside.
func healClock() time.Time { return time.Date(2026, 3, 5, 14, 30, 0, 0, time.Local) }

// TestOpenIndexHealingMovesAnUnreadableIndexAside: an index whose segment,
// metadata or root file is damaged opens anyway — moved aside to
// <dir>.corrupt-<time>, logged at ERROR, replaced by an empty index — and while
// the indexer has not rebuilt it, search answers EUNAVAILABLE in Chinese with a
// Retry-After; then the rebuild from the database finds every patent again.
func TestOpenIndexHealingMovesAnUnreadableIndexAside(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		var ps []*patentbridge.Patent
		for i := range 30 {
			ps = append(ps, storedPatent(i+1, "一种锂离子电池的散热装置"))
		}
		MustUpsert(t, db, ps...)
		for _, c := range corruptions {
			t.Run(c.name, func(t *testing.T) {
				dir := filepath.Join(t.TempDir(), "index")
				MustBuiltIndex(t, db, dir)
				c.do(t, dir)
				var logs bytes.Buffer
				logger := slog.New(slog.NewTextHandler(&logs, nil))
				ix, err := search.OpenIndexHealing(dir, healClock, logger)
				if err != nil {
					t.Fatalf("open a damaged index: %v", err)
				}
				defer ix.Close()
				aside := dir + ".corrupt-20260305-143000"
				if _, err := os.Stat(filepath.Join(aside, "index_meta.json")); err != nil {
					t.Errorf("the damaged index is not kept at %s: %v", aside, err)
				}
				if ix.MovedAside() != aside || !strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), aside) {
					t.Errorf("moved aside to %q; log:\n%s", ix.MovedAside(), logs.String())
				}
				x := search.NewIndexer(ix, db, nil, logger)
				svc := &search.Service{Searcher: search.NewSearcher(ix, db), Indexer: x}
				_, err = svc.Search(ctx, patentbridge.SearchQuery{Text: "电池"})
				if patentbridge.ErrorCode(err) != patentbridge.EUNAVAILABLE || !strings.Contains(patentbridge.ErrorMessage(err), "全文索引正在重建") ||
					patentbridge.ErrorRetryAfter(err) <= 0 {
					t.Errorf("search before the rebuild: %v, want EUNAVAILABLE 全文索引正在重建 with a Retry-After", err)
				}
				if st := svc.Status(ctx); !st.Rebuilding || st.MovedAside != aside {
					t.Errorf("status before the rebuild %+v", st)
				}
				MustSync(t, x)
				res, err := svc.Search(ctx, patentbridge.SearchQuery{Text: "电池"})
				if err != nil || res.Total != 30 {
					t.Fatalf("search after the rebuild: %v, %v; want 30 patents", res, err)
				}
				if st := svc.Status(ctx); st.Rebuilding || st.Docs != 30 {
					t.Errorf("status after the rebuild %+v", st)
				}

				// The rebuilt index opens again as it is: nothing more is moved aside.
				ix.Close()
				again, err := search.OpenIndexHealing(dir, healClock, logger)
				if err != nil {
					t.Fatal(err)
				}
				defer again.Close()
				if again.MovedAside() != "" {
					t.Errorf("the rebuilt index was moved aside too: %s", again.MovedAside())
				}
				if n, _ := again.Count(); n != 30 {
					t.Errorf("the rebuilt index reopens with %d docs", n)
				}
			})
		}
	})
}

// TestIndexerHealsAfterASearchFails: after a search fails, the indexer reopens
// the index; a healthy one serves on, a damaged one is moved aside and rebuilt.
func TestIndexerHealsAfterASearchFails(t *testing.T) {
	db := sqldbtest.SQLite(t)
	ctx := context.Background()
	MustUpsert(t, db, storedPatent(1, "一种锂离子电池的散热装置"), storedPatent(2, "一种电池管理系统"))
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := search.OpenIndexHealing(dir, healClock, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	x := search.NewIndexer(ix, db, nil, slog.New(slog.DiscardHandler))
	now := healClock()
	x.Now = func() time.Time { return now }
	MustSync(t, x)

	search.ReportFault(ix, errors.New("injected: a search failed"))
	MustSync(t, x)
	if ix.MovedAside() != "" || len(hits(t, ix, "电池")) != 2 {
		t.Fatalf("a healthy index after a failed search: moved aside to %q, 电池 finds %v", ix.MovedAside(), hits(t, ix, "电池"))
	}

	// The metadata is damaged under the running index (read only when it opens).
	MustWrite(t, filepath.Join(dir, "index_meta.json"), "garbage")
	search.ReportFault(ix, errors.New("injected: a search failed"))
	MustSync(t, x) // within a minute of the last check: not yet
	if ix.MovedAside() != "" {
		t.Fatal("checked again right after a check that found the index sound")
	}
	now = now.Add(2 * time.Minute)
	MustSync(t, x) // reopens, fails, heals and rebuilds
	if ix.MovedAside() != dir+".corrupt-20260305-143200" {
		t.Errorf("moved aside to %q", ix.MovedAside())
	}
	if got := hits(t, ix, "电池"); len(got) != 2 {
		t.Errorf("电池 finds %v after the heal", got)
	}
	if st := x.Status(ctx); st.Rebuilding || st.Docs != 2 {
		t.Errorf("status after the heal %+v", st)
	}
}

// TestOpenIndexHealingLeavesWhatIsNotAnIndex: a mistaken index path naming a
// file (the database, say) or a directory of other files (the data directory)
// is refused and left exactly where it is, never moved aside as "corrupt".
func TestOpenIndexHealingLeavesWhatIsNotAnIndex(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "pb.db")
	if err := os.WriteFile(file, []byte("SQLite format 3\x00"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{file, dir} {
		ix, err := search.OpenIndexHealing(path, healClock, slog.New(slog.DiscardHandler))
		if err == nil {
			ix.Close()
			t.Errorf("OpenIndexHealing(%s) opened it, want a refusal", path)
		}
		if _, err := os.Stat(file); err != nil {
			t.Errorf("after OpenIndexHealing(%s) the database file is gone: %v", path, err)
		}
		if moved, _ := filepath.Glob(path + ".corrupt-*"); len(moved) > 0 {
			t.Errorf("%s was moved aside to %v", path, moved)
		}
	}
}
