package main

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"patentbridge"
	"patentbridge/internal/httpx"
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
	matcher := search.NewMatcher(ix, lazyRouter{}, search.MatcherOptions{Ref: ref})
	svc := &search.Service{Searcher: search.NewSearcher(ix, db), Indexer: indexer,
		Matcher: matchService{m: matcher, db: db}, Router: lazyRouter{}}
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
	lazyRouter{}.Predict("一种锂离子电池正极材料的制备方法", 1)
	search.Keywords("白酒固态发酵过程温度难以控制，希望引进自动控温技术", 3)
}

// lazyRouter is the product's IPC router, trained on first use (5–10 s on two
// cores; serve starts it in the background).
type lazyRouter struct{}

// Predict ranks IPC subclasses for text.
func (lazyRouter) Predict(text string, k int) []patentbridge.IPCPrediction {
	return route.Default().Predict(text, k)
}

// Industries lists the industries the text names and the predictions imply.
func (lazyRouter) Industries(text string, p []patentbridge.IPCPrediction) []string {
	return route.Default().Industries(text, p)
}

// Classify predicts IPC subclasses and industries for the classify endpoint.
func (r lazyRouter) Classify(_ context.Context, text string, limit int) ([]patentbridge.IPCPrediction, []string, error) {
	if limit <= 0 {
		limit = 5
	}
	p := r.Predict(text, limit)
	return p, r.Industries(text, p), nil
}

// matchService feeds the matcher the enterprises' feedback and the patents'
// availability (on a published supply list) from the store. Open licences and
// offers join when the licensing module stores them.
type matchService struct {
	m  *search.Matcher
	db *sqldb.DB
}

// Match ranks patents for the request, using feedback on this demand and overall.
func (s matchService) Match(ctx context.Context, r patentbridge.MatchRequest) (*patentbridge.MatchResult, error) {
	return s.m.Match(ctx, r, search.SignalsFunc(s.signals))
}

func (s matchService) signals(ctx context.Context, req patentbridge.MatchRequest, ids []string) (map[string]search.PatentSignal, error) {
	counts, err := s.db.FeedbackCounts(ctx)
	if err != nil {
		return nil, err
	}
	verdicts := map[string]string{}
	if req.DemandID > 0 {
		if verdicts, err = s.db.DemandFeedback(ctx, req.DemandID); err != nil {
			return nil, err
		}
	}
	listed, err := s.db.SupplyListed(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]search.PatentSignal, len(ids))
	for _, id := range ids {
		c := counts[id]
		out[id] = search.PatentSignal{Interested: c[0], Irrelevant: c[1], Verdict: verdicts[id], OnSupplyList: listed[id]}
	}
	return out, nil
}

// enterpriseRanker ranks the registry's enterprises for a patent (专利进园区企业),
// rebuilding its in-memory index when the registry's size changes.
type enterpriseRanker struct {
	db *sqldb.DB
	mu sync.Mutex
	m  *search.EnterpriseMatcher
	n  int
}

// RankForPatent returns the enterprises that fit the patent best, with reasons.
func (r *enterpriseRanker) RankForPatent(ctx context.Context, appNo string, limit int) ([]httpx.EnterpriseMatch, error) {
	p, err := r.db.FindPatent(ctx, appNo)
	if err != nil {
		return nil, err
	}
	m, err := r.matcher(ctx)
	if err != nil || m == nil {
		return nil, err
	}
	var out []httpx.EnterpriseMatch
	for _, em := range m.Rank(p, limit) {
		out = append(out, httpx.EnterpriseMatch{Enterprise: *em.Enterprise, Score: em.Score, Reasons: em.Reasons})
	}
	return out, nil
}

func (r *enterpriseRanker) matcher(ctx context.Context) (*search.EnterpriseMatcher, error) {
	_, total, err := r.db.ListEnterprises(ctx, patentbridge.EnterpriseFilter{Limit: 1})
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.m != nil && r.n == total {
		return r.m, nil
	}
	var es []*patentbridge.Enterprise
	if err := r.db.EachEnterprise(ctx, func(e *patentbridge.Enterprise) error { es = append(es, e); return nil }); err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, nil
	}
	m, err := search.NewEnterpriseMatcher(es, refdata.Default())
	if err != nil {
		return nil, err
	}
	if r.m != nil {
		_ = r.m.Close()
	}
	r.m, r.n = m, total
	return m, nil
}
