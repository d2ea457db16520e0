package main

import (
	"context"
	"log/slog"
	"time"

	"patentbridge"
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
	router  *route.Live // the IPC router, retrained on the stored patents by its Run
}

// openSearch opens (or creates) the index in dir and wires the engines to the
// store. An unreadable index is moved aside and rebuilt in the background
// (search.OpenIndexHealing), searches answering 503 meanwhile: the index is
// derived data, never a reason not to start.
// The indexer reads the database through store (db itself, but for tests).
// The IPC router serves the shipped model, and learns from corpus (nil: never)
// every check interval once the stack's router runs (runRouter).
func openSearch(db *sqldb.DB, store search.Store, dir string, logger *slog.Logger, corpus patentbridge.RouterCorpus, check time.Duration) (*searchStack, error) {
	ix, err := search.OpenIndexHealing(dir, db.Now, logger)
	if err != nil {
		return nil, err
	}
	ref := refdata.Default()
	indexer := search.NewIndexer(ix, store, ref, logger)
	indexer.Now = db.Now
	opt := route.LiveOptions{Now: db.Now, Interval: check, Logger: logger}
	if corpus != nil {
		opt.Corpus, opt.Train = corpus, routerTrainer(corpus, db.Now)
	}
	router := route.NewLive(opt)
	matcher := search.NewMatcher(ix, router, search.MatcherOptions{Ref: ref})
	svc := &search.Service{Searcher: search.NewSearcher(ix, db), Indexer: indexer,
		Matcher: search.StoreMatcher{Matcher: matcher, Store: db}, Router: router, RouterStatus: router.Status}
	return &searchStack{index: ix, indexer: indexer, service: svc, router: router}, nil
}

// runRouter retrains the IPC router in the background until ctx ends, checking
// the corpus every check interval; a zero interval disables retraining.
func (s *searchStack) runRouter(ctx context.Context, check time.Duration) {
	if check > 0 {
		s.router.Run(ctx)
	}
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

// warmUp loads the stack's IPC router and the keyword extractor ahead of the
// first demand (warmUpMatching), so that the router's status has its model.
func (s *searchStack) warmUp() {
	warmUpMatching()
	s.router.Predict("一种锂离子电池正极材料的制备方法", 1)
}

// warmUpMatching loads the IPC router and the keyword extractor ahead of the
// first demand, so no user waits the seconds they take to load.
func warmUpMatching() {
	route.DefaultRouter{}.Predict("一种锂离子电池正极材料的制备方法", 1)
	search.Keywords("白酒固态发酵过程温度难以控制，希望引进自动控温技术", 3)
}
