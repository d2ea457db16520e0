package search

import (
	"context"

	"patentbridge"
)

// SignalStore is what a StoreMatcher reads for each request: the enterprises'
// verdicts on matched patents and the published supply lists.
type SignalStore interface {
	// FeedbackCounts gives each patent's 感兴趣 and 不相关 counts over all demands.
	FeedbackCounts(ctx context.Context) (map[string][2]int, error)
	// DemandFeedback gives one demand's verdicts by application number; it
	// refuses (EUNAUTHORIZED, EFORBIDDEN) callers who may not read them.
	DemandFeedback(ctx context.Context, demandID int64) (map[string]string, error)
	// SupplyListed tells which of the patents are on a published supply list.
	SupplyListed(ctx context.Context, appNos []string) (map[string]bool, error)
	// OfferedTerms gives the matching reason of the patents on a published offer.
	OfferedTerms(ctx context.Context, appNos []string) (map[string]string, error)
	// OpenLicenceTerms gives the matching reason of the patents under an announced open licence.
	OpenLicenceTerms(ctx context.Context, appNos []string) (map[string]string, error)
	// FindPatent returns a stored patent, for the legal status and owners a
	// match shows. Returns ENOTFOUND.
	FindPatent(ctx context.Context, appNo string) (*patentbridge.Patent, error)
}

// StoreMatcher is a Matcher fed the feedback and availability of its candidates
// from a store: supply lists, published offers and announced open licences.
type StoreMatcher struct {
	Matcher *Matcher
	Store   SignalStore
}

// Match ranks patents for the request, using feedback on this demand and
// overall, and gives each match its stored legal status and owners.
func (s StoreMatcher) Match(ctx context.Context, r patentbridge.MatchRequest) (*patentbridge.MatchResult, error) {
	res, err := s.Matcher.Match(ctx, r, SignalsFunc(s.signals))
	if err != nil {
		return nil, err
	}
	for i := range res.Items {
		m := &res.Items[i]
		p, err := s.Store.FindPatent(ctx, m.AppNo)
		switch {
		case patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND:
			continue // indexed but since removed: the index catches up
		case err != nil:
			return nil, err
		}
		m.Status, m.StatusLabel = p.Status, p.Status.Label()
		for _, o := range p.Owners() {
			m.Owners = append(m.Owners, patentbridge.MatchOwner{Name: o.Name, Type: o.Type, TypeLabel: o.Type.Label()})
		}
	}
	return res, nil
}

func (s StoreMatcher) signals(ctx context.Context, req patentbridge.MatchRequest, ids []string) (map[string]PatentSignal, error) {
	counts, err := s.Store.FeedbackCounts(ctx)
	if err != nil {
		return nil, err
	}
	verdicts := map[string]string{}
	if req.DemandID > 0 {
		// Only the posting organization and the admin read the demand's own
		// verdicts; the others get the match without them.
		switch verdicts, err = s.Store.DemandFeedback(ctx, req.DemandID); patentbridge.ErrorCode(err) {
		case "":
		case patentbridge.EUNAUTHORIZED, patentbridge.EFORBIDDEN:
			verdicts = map[string]string{}
		default:
			return nil, err
		}
	}
	listed, err := s.Store.SupplyListed(ctx, ids)
	if err != nil {
		return nil, err
	}
	offered, err := s.Store.OfferedTerms(ctx, ids)
	if err != nil {
		return nil, err
	}
	open, err := s.Store.OpenLicenceTerms(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]PatentSignal, len(ids))
	for _, id := range ids {
		c := counts[id]
		out[id] = PatentSignal{Interested: c[0], Irrelevant: c[1], Verdict: verdicts[id], OnSupplyList: listed[id],
			Offered: offered[id] != "", OfferTerms: offered[id], OpenLicence: open[id] != "", OpenLicenceTerms: open[id]}
	}
	return out, nil
}
