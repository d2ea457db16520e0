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

// openSearch opens (or creates) the index in dir and wires the engines to the store.
func openSearch(db *sqldb.DB, dir string, logger *slog.Logger) (*searchStack, error) {
	ix, err := search.OpenIndex(dir)
	if err != nil {
		return nil, err
	}
	ref := refdata.Default()
	indexer := search.NewIndexer(ix, db, ref, logger)
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
