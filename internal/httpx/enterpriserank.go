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
}

// PushRow is one line of a push list: an enterprise and the patents proposed to it.
type PushRow struct {
	patentbridge.EnterpriseMatch
	Patents []string // application numbers, for a supply list's push list
}
