package httpxtest

import (
	"context"
	"sort"
	"strings"
	"sync"

	"patentbridge"
)

// MatchService is an in-memory patentbridge.SearchService over a PatentService:
// a patent scores by the two-character words its title and abstract share with
// the text (the reasons list them), IPC predictions are the best patents' main
// subclasses with the titles in Titles, and industries come from Industries by
// subclass. With Verdicts set, a stored demand's own verdicts join the reasons
// as they do in the real matcher, read with the caller's context (the store
// refuses them to who may not read them). It remembers the last MatchRequest.
type MatchService struct {
	Patents    *PatentService
	Titles     map[string]string   // IPC subclass -> Chinese title
	Industries map[string][]string // IPC subclass -> industries
	Verdicts   interface {
		DemandFeedback(ctx context.Context, demandID int64) (map[string]string, error)
	}

	mu   sync.Mutex
	last patentbridge.MatchRequest
}

// LastMatch returns the last request Match received.
func (s *MatchService) LastMatch() patentbridge.MatchRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last
}

type scored struct {
	p      *patentbridge.Patent
	score  float64
	shared []string
}

func (s *MatchService) rank(ctx context.Context, text string) ([]scored, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, patentbridge.FieldErrorf("text", "请填写需求或技术描述")
	}
	want := bigrams(text)
	ps, _, err := s.Patents.ListPatents(ctx, patentbridge.PatentFilter{Limit: 10000})
	if err != nil {
		return nil, err
	}
	var out []scored
	for _, p := range ps {
		var shared []string
		for _, g := range bigrams(p.Title + " " + p.Abstract) {
			if contains(want, g) && !contains(shared, g) {
				shared = append(shared, g)
			}
		}
		if len(shared) > 0 {
			out = append(out, scored{p, float64(len(shared)) / float64(len(want)), shared})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out, nil
}

// Match ranks the patents for the request's text. Returns EINVALID for an empty text.
func (s *MatchService) Match(ctx context.Context, r patentbridge.MatchRequest) (*patentbridge.MatchResult, error) {
	s.mu.Lock()
	s.last = r
	s.mu.Unlock()
	ranked, err := s.rank(ctx, r.Text)
	if err != nil {
		return nil, err
	}
	limit := r.Limit
	if limit <= 0 {
		limit = 10
	}
	verdicts := map[string]string{}
	if s.Verdicts != nil && r.DemandID > 0 {
		switch v, err := s.Verdicts.DemandFeedback(ctx, r.DemandID); patentbridge.ErrorCode(err) {
		case "":
			verdicts = v
		case patentbridge.EUNAUTHORIZED, patentbridge.EFORBIDDEN:
		default:
			return nil, err
		}
	}
	res := &patentbridge.MatchResult{Items: []patentbridge.Match{}}
	for _, x := range ranked[:min(limit, len(ranked))] {
		reasons := []string{"命中词：" + strings.Join(x.shared, "、")}
		switch verdicts[x.p.AppNo] {
		case patentbridge.FeedbackInterested:
			reasons = append(reasons, "本需求方已标记感兴趣")
		case patentbridge.FeedbackIrrelevant:
			reasons = append(reasons, "本需求方已标记不相关")
		}
		res.Items = append(res.Items, patentbridge.Match{AppNo: x.p.AppNo, Title: x.p.Title, Score: x.score, Reasons: reasons})
	}
	res.IPCPredictions, res.Industries = s.predict(ranked, 3)
	return res, nil
}

// Classify predicts IPC subclasses from the best-matching patents. Returns EINVALID for an empty text.
func (s *MatchService) Classify(ctx context.Context, text string, limit int) ([]patentbridge.IPCPrediction, []string, error) {
	ranked, err := s.rank(ctx, text)
	if err != nil {
		return nil, nil, err
	}
	if limit <= 0 {
		limit = 5
	}
	preds, inds := s.predict(ranked, limit)
	return preds, inds, nil
}

func (s *MatchService) predict(ranked []scored, limit int) ([]patentbridge.IPCPrediction, []string) {
	preds := []patentbridge.IPCPrediction{}
	inds := []string{}
	for _, x := range ranked {
		sub := patentbridge.IPCSubclass(x.p.MainIPC)
		dup := false
		for _, p := range preds {
			dup = dup || p.Subclass == sub
		}
		if sub == "" || dup || len(preds) == limit {
			continue
		}
		preds = append(preds, patentbridge.IPCPrediction{Subclass: sub, Title: s.Titles[sub], Score: x.score})
		for _, ind := range s.Industries[sub] {
			if !contains(inds, ind) {
				inds = append(inds, ind)
			}
		}
	}
	return preds, inds
}

// Search finds patents sharing words with the query text, best first.
func (s *MatchService) Search(ctx context.Context, q patentbridge.SearchQuery) (*patentbridge.SearchResult, error) {
	ranked, err := s.rank(ctx, q.Text)
	if err != nil {
		return nil, err
	}
	res := &patentbridge.SearchResult{Total: len(ranked), Facets: map[string][]patentbridge.FacetCount{}}
	for _, x := range ranked {
		res.Hits = append(res.Hits, patentbridge.SearchHit{Patent: x.p, AppNo: x.p.AppNo, Score: x.score})
	}
	return res, nil
}

// Status reports every stored patent as indexed.
func (s *MatchService) Status(ctx context.Context) patentbridge.IndexStatus {
	n, _ := s.Patents.CountPatents(ctx)
	return patentbridge.IndexStatus{Docs: n, Patents: n, Progress: 1}
}
