package httpx

import (
	"context"

	"patentbridge"
)

// EnterpriseRanker ranks registry enterprises for a patent (专利进园区企业); the
// enterprise matcher of internal/search implements it, wired in by cmd.
type EnterpriseRanker interface {
	// RankForPatent returns up to limit enterprises, best first. Returns ENOTFOUND
	// for an unknown patent.
	RankForPatent(ctx context.Context, appNo string, limit int) ([]patentbridge.EnterpriseMatch, error)
	// PushList returns, for the patents of a supply list, every enterprise that
	// fits one of them with at most per patents ranked by fit.
	PushList(ctx context.Context, appNos []string, per int) ([]patentbridge.EnterprisePush, error)
}

// PushSupplyList is the push of a published supply list the user of ctx cites
// by its number (raw: "2026年第2期", "成都市2026年第2期" or the heading; see
// patentbridge.PickSupplyList): the list with its items, and each enterprise of
// the ranker's registry that fits one of its patents with at most per of them.
// ref may be nil. Returns EINVALID naming "list", ENOTFOUND.
func PushSupplyList(ctx context.Context, supply patentbridge.SupplyListService, ranker EnterpriseRanker, ref RefData,
	raw string, per int) (*patentbridge.SupplyList, []patentbridge.EnterprisePush, error) {
	lists, err := supply.ListSupplyLists(ctx, false)
	if err != nil {
		return nil, nil, err
	}
	l, err := patentbridge.PickSupplyList(lists, raw, cityNamer(ref), patentbridge.ScopeCity(patentbridge.UserFrom(ctx)))
	if err != nil {
		return nil, nil, err
	}
	if l, err = supply.FindSupplyList(ctx, l.ID); err != nil { // with its items
		return nil, nil, err
	}
	appNos := make([]string, len(l.Items))
	for i, it := range l.Items {
		appNos[i] = it.AppNo
	}
	pushes, err := ranker.PushList(ctx, appNos, per)
	return l, pushes, err
}
