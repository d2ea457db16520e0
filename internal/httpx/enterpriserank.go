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
