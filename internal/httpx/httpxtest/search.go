package httpxtest

import (
	"context"
	"log/slog"
	"sync"
	"testing"

	"patentbridge"

	"patentbridge/internal/refdata"
	"patentbridge/internal/search"
	"patentbridge/internal/search/route"
	"patentbridge/internal/sqldb"
)

// MustSearch returns the real search service over db, wired as the server wires
// it (Bleve text search, the matcher with the store's feedback and supply-list
// signals, the IPC router), with an in-memory index built from the patents and
// screening results stored so far.
func MustSearch(tb testing.TB, db *sqldb.DB) *search.Service {
	tb.Helper()
	svc := MustUnbuiltSearch(tb, db)
	if err := svc.Indexer.Sync(context.Background()); err != nil {
		tb.Fatalf("index the store: %v", err)
	}
	return svc
}

// MustUnbuiltSearch is MustSearch before its index has been built: the state
// of a server whose index is being rebuilt, where search and match answer 503.
func MustUnbuiltSearch(tb testing.TB, db *sqldb.DB) *search.Service {
	tb.Helper()
	ix, err := search.OpenIndex("")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	ref := refdata.Default()
	indexer := search.NewIndexer(ix, db, ref, slog.New(slog.DiscardHandler))
	matcher := search.NewMatcher(ix, route.DefaultRouter{}, search.MatcherOptions{Ref: ref})
	return &search.Service{Searcher: search.NewSearcher(ix, db), Indexer: indexer,
		Matcher: search.StoreMatcher{Matcher: matcher, Store: db}, Router: route.DefaultRouter{}}
}

// MatchRecorder is a search service that remembers the last MatchRequest, so
// tests can check what a page or the API asked the real matcher for.
type MatchRecorder struct {
	patentbridge.SearchService

	mu   sync.Mutex
	last patentbridge.MatchRequest
}

// Match records r and ranks the patents for it.
func (s *MatchRecorder) Match(ctx context.Context, r patentbridge.MatchRequest) (*patentbridge.MatchResult, error) {
	s.mu.Lock()
	s.last = r
	s.mu.Unlock()
	return s.SearchService.Match(ctx, r)
}

// LastMatch returns the last request Match received.
func (s *MatchRecorder) LastMatch() patentbridge.MatchRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last
}
