package main

import (
	"context"
	"log/slog"
	"time"

	"patentbridge/internal/refdata"
	"patentbridge/internal/search"
	"patentbridge/internal/search/route"
	"patentbridge/internal/sqldb"
)

// searchStack is the full-text index with its background indexer and the search
// service (search, matching, IPC routing) built on it.
type searchStack struct {
	index   *search.Index
	indexer *search.Indexer
	service *search.Service
}

// openSearch opens (or creates) the index in dir and wires the engines to the
// store. An unreadable index is moved aside and rebuilt in the background
// (search.OpenIndexHealing), searches answering 503 meanwhile: the index is
// derived data, never a reason not to start.
// The indexer reads the database through store (db itself, but for tests).
func openSearch(db *sqldb.DB, store search.Store, dir string, logger *slog.Logger) (*searchStack, error) {
	ix, err := search.OpenIndexHealing(dir, db.Now, logger)
	if err != nil {
		return nil, err
	}
	ref := refdata.Default()
	indexer := search.NewIndexer(ix, store, ref, logger)
	indexer.Now = db.Now
	matcher := search.NewMatcher(ix, route.DefaultRouter{}, search.MatcherOptions{Ref: ref})
	svc := &search.Service{Searcher: search.NewSearcher(ix, db), Indexer: indexer,
		Matcher: search.StoreMatcher{Matcher: matcher, Store: db}, Router: route.DefaultRouter{}}
	return &searchStack{index: ix, indexer: indexer, service: svc}, nil
}

// follow keeps the index current until ctx ends: a build when needed, then the
// change table every second.
func (s *searchStack) follow(ctx context.Context, logger *slog.Logger) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		if err := s.indexer.Sync(ctx); err != nil && ctx.Err() == nil {
			logger.Error("search index: sync", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// warmUpMatching loads the IPC router and the keyword extractor ahead of the
// first demand, so no user waits the seconds they take to load.
func warmUpMatching() {
	route.DefaultRouter{}.Predict("一种锂离子电池正极材料的制备方法", 1)
	search.Keywords("白酒固态发酵过程温度难以控制，希望引进自动控温技术", 3)
}
