package search

import (
	"context"

	"patentbridge"
)

// Service implements patentbridge.SearchService: Search and Status here, Match and
// Classify delegated to the engines the wiring plugs in.
type Service struct {
	Searcher *Searcher
	Indexer  *Indexer
	// Matcher ranks patents for a need; nil answers Match with EINTERNAL.
	Matcher interface {
		Match(ctx context.Context, r patentbridge.MatchRequest) (*patentbridge.MatchResult, error)
	}
	// Router predicts IPC subclasses and industries; nil answers Classify with EINTERNAL.
	Router interface {
		Classify(ctx context.Context, text string, limit int) ([]patentbridge.IPCPrediction, []string, error)
	}
	// RouterStatus describes the IPC router's model for Status; nil leaves
	// IndexStatus.Router nil.
	RouterStatus func() patentbridge.RouterStatus
}

var _ patentbridge.SearchService = (*Service)(nil)

// Search runs a full-text query with filters; EUNAVAILABLE while the index is
// being rebuilt (Indexer.Unavailable).
func (s *Service) Search(ctx context.Context, q patentbridge.SearchQuery) (*patentbridge.SearchResult, error) {
	if err := s.unavailable(); err != nil {
		return nil, err
	}
	return s.Searcher.Search(ctx, q)
}

// Match delegates to the Matcher; EUNAVAILABLE while the index is being rebuilt.
func (s *Service) Match(ctx context.Context, r patentbridge.MatchRequest) (*patentbridge.MatchResult, error) {
	if s.Matcher == nil {
		return nil, patentbridge.Errorf(patentbridge.EINTERNAL, "匹配服务未启用")
	}
	if err := s.unavailable(); err != nil {
		return nil, err
	}
	return s.Matcher.Match(ctx, r)
}

func (s *Service) unavailable() error {
	if s.Indexer == nil {
		return nil
	}
	return s.Indexer.Unavailable()
}

// Classify delegates to the Router.
func (s *Service) Classify(ctx context.Context, text string, limit int) ([]patentbridge.IPCPrediction, []string, error) {
	if s.Router == nil {
		return nil, nil, patentbridge.Errorf(patentbridge.EINTERNAL, "分类预测服务未启用")
	}
	return s.Router.Classify(ctx, text, limit)
}

// Status reports the index's progress (zero when no indexer runs) and the IPC
// router's model.
func (s *Service) Status(ctx context.Context) patentbridge.IndexStatus {
	var st patentbridge.IndexStatus
	if s.Indexer == nil {
		docs, _ := s.Searcher.ix.Count()
		st = patentbridge.IndexStatus{Docs: int(docs)}
	} else {
		st = s.Indexer.Status(ctx)
	}
	if s.RouterStatus != nil {
		r := s.RouterStatus()
		st.Router = &r
	}
	return st
}
